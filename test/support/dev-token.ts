import jwt from 'jsonwebtoken';

/** An HS256 token for (tenant, user), valid for an hour. */
export function devToken(secret: string, tenantId: number, userId: number): string {
  return jwt.sign({ tenant_id: tenantId }, secret, {
    algorithm: 'HS256',
    subject: String(userId),
    expiresIn: '1h',
  });
}
