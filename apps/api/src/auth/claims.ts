/** The caller, as proven by the token: it can only ever read this user's document in this tenant. */
export interface AuthUser {
  readonly tenantId: number;
  readonly userId: number;
}

export class InvalidClaimsError extends Error {
  override readonly name = 'InvalidClaimsError';
}

/**
 * Reads the identity out of a verified JWT payload.
 * - `exp` must be present (jsonwebtoken checks it only when present).
 * - `sub`: a positive safe integer, as a JSON number or as a canonical decimal string ("2"; not "02",
 *   "+2", " 2", "2.0" or "2e0", so one user has exactly one spelling).
 * - `tenant_id`: a positive safe integer JSON number; a string is refused.
 */
export function parseClaims(payload: unknown): AuthUser {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new InvalidClaimsError('token payload is not a JSON object');
  }
  const claims = payload as Record<string, unknown>;
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) {
    throw new InvalidClaimsError('token has no expiry (exp)');
  }
  const userId = parseUserId(claims.sub);
  if (userId === undefined) throw new InvalidClaimsError('sub must be a positive integer user id');
  const tenantId = claims.tenant_id;
  if (!isPositiveId(tenantId)) throw new InvalidClaimsError('tenant_id must be a positive integer number');
  return { tenantId, userId };
}

export function parseUserId(sub: unknown): number | undefined {
  if (typeof sub === 'number') return isPositiveId(sub) ? sub : undefined;
  if (typeof sub !== 'string' || !/^[1-9][0-9]{0,15}$/.test(sub)) return undefined;
  const value = Number(sub);
  return isPositiveId(value) ? value : undefined;
}

function isPositiveId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
