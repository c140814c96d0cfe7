/**
 * Prints a development HS256 token for the API.
 *
 *   npm run token -- --tenant 3 --user 2 [--ttl 1h] [--secret ...] [--issuer ...] [--audience ...]
 *
 * The secret defaults to JWT_SECRET, issuer and audience to JWT_ISSUER and JWT_AUDIENCE (first entry), so
 * the token fits an API started with the same environment. --ttl takes 90, 90s, 15m, 1h or 7d.
 */
import { parseArgs } from 'node:util';
import { sign } from 'jsonwebtoken';

const USAGE =
  'usage: npm run token -- --tenant <id> --user <id> [--ttl 1h] [--secret <secret>] [--issuer <iss>] [--audience <aud>]';

function positiveId(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || !/^[1-9][0-9]*$/.test(raw) || !Number.isSafeInteger(value)) {
    throw new Error(
      `--${name} must be a positive integer (got ${raw === undefined ? 'nothing' : `"${raw}"`})`,
    );
  }
  return value;
}

function ttlSeconds(raw: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(raw.trim());
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 } as const;
  if (!match || Number(match[1]) === 0)
    throw new Error(`--ttl "${raw}" is not a duration such as 90s, 15m, 1h or 7d`);
  return Number(match[1]) * unit[match[2] as keyof typeof unit];
}

function main(): void {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      user: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
      secret: { type: 'string' },
      issuer: { type: 'string' },
      audience: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const secret = values.secret ?? process.env.JWT_SECRET;
  if (!secret) throw new Error('no secret: set JWT_SECRET or pass --secret');
  const issuer = values.issuer ?? process.env.JWT_ISSUER;
  const audience = values.audience ?? process.env.JWT_AUDIENCE?.split(',')[0]?.trim();
  const token = sign({ tenant_id: positiveId('tenant', values.tenant) }, secret, {
    algorithm: 'HS256',
    subject: String(positiveId('user', values.user)),
    expiresIn: ttlSeconds(values.ttl),
    ...(issuer ? { issuer } : {}),
    ...(audience ? { audience } : {}),
  });
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(1);
}
