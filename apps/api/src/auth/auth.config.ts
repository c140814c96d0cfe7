import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { makeValidator, EnvError, url } from 'envalid';

/**
 * JWT verification settings. Exactly one key source must be configured:
 * - `JWT_SECRET` (HS256 family, development),
 * - `JWT_PUBLIC_KEY` (inline PEM) or `JWT_PUBLIC_KEY_FILE` (path to a PEM file),
 * - `JWT_JWKS_URI` (a JWKS document, fetched with caching and rate limiting).
 */
const optionalText = makeValidator<string>((input) => {
  if (input.trim() === '') throw new EnvError('is empty; unset it or give a value');
  return input;
});

const clockTolerance = makeValidator<number>((input) => {
  if (!/^\d+$/.test(input.trim())) throw new EnvError(`"${input}" is not a whole number of seconds`);
  const seconds = Number(input);
  if (seconds > MAX_CLOCK_TOLERANCE_S)
    throw new EnvError(`${seconds} s is more than the ${MAX_CLOCK_TOLERANCE_S} s allowed`);
  return seconds;
});

export const MAX_CLOCK_TOLERANCE_S = 300;

export const authEnv = {
  JWT_SECRET: optionalText({ default: undefined, desc: 'HS256 shared secret (development)' }),
  JWT_PUBLIC_KEY: optionalText({
    default: undefined,
    desc: 'PEM public key (SPKI or certificate) for RS*/PS*/ES*',
  }),
  JWT_PUBLIC_KEY_FILE: optionalText({ default: undefined, desc: 'path of a PEM public key file' }),
  JWT_JWKS_URI: url({ default: undefined, desc: 'URL of a JWKS document with the signing keys' }),
  JWT_ALGORITHMS: optionalText({
    default: undefined,
    desc: 'comma-separated allow-list; default HS256 for a secret, RS256,ES256 for a public key or JWKS',
  }),
  JWT_ISSUER: optionalText({ default: undefined, desc: 'required `iss` claim, when set' }),
  JWT_AUDIENCE: optionalText({ default: undefined, desc: 'comma-separated accepted `aud` values, when set' }),
  JWT_CLOCK_TOLERANCE_S: clockTolerance({ default: 0, desc: 'seconds of clock skew allowed on exp/nbf' }),
};

export interface AuthEnv {
  readonly JWT_SECRET?: string;
  readonly JWT_PUBLIC_KEY?: string;
  readonly JWT_PUBLIC_KEY_FILE?: string;
  readonly JWT_JWKS_URI?: string;
  readonly JWT_ALGORITHMS?: string;
  readonly JWT_ISSUER?: string;
  readonly JWT_AUDIENCE?: string;
  readonly JWT_CLOCK_TOLERANCE_S: number;
}

export const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
export const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;
export const EC_ALGORITHMS = ['ES256', 'ES384', 'ES512'] as const;
export type JwtAlgorithm =
  (typeof HMAC_ALGORITHMS)[number] | (typeof RSA_ALGORITHMS)[number] | (typeof EC_ALGORITHMS)[number];
const SUPPORTED: readonly string[] = [...HMAC_ALGORITHMS, ...RSA_ALGORITHMS, ...EC_ALGORITHMS];
const ASYMMETRIC_DEFAULT: readonly JwtAlgorithm[] = ['RS256', 'ES256'];
const CURVE_OF: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };

export type KeySource =
  | { readonly kind: 'secret'; readonly secret: string }
  | {
      readonly kind: 'public-key';
      readonly pem: string;
      readonly from: 'JWT_PUBLIC_KEY' | 'JWT_PUBLIC_KEY_FILE';
    }
  | { readonly kind: 'jwks'; readonly uri: string };

export interface AuthSettings {
  readonly key: KeySource;
  readonly algorithms: readonly JwtAlgorithm[];
  readonly issuer?: string;
  readonly audience?: readonly string[];
  readonly clockToleranceS: number;
  /** Not fatal, worth a line in the start-up log. */
  readonly warnings: readonly string[];
}

/** Checks the combination of JWT variables; returns the settings or the list of mistakes. */
export function resolveAuth(env: AuthEnv): { settings?: AuthSettings; mistakes: string[] } {
  const mistakes: string[] = [];
  const warnings: string[] = [];
  const key = resolveKeySource(env, mistakes);
  if (!key) return { mistakes };

  let publicKey: KeyObject | undefined;
  if (key.kind === 'public-key') {
    publicKey = parsePublicKey(key.pem, key.from, mistakes);
    if (!publicKey) return { mistakes };
  }
  if (key.kind === 'jwks' && isPlainHttpToRemote(key.uri)) {
    warnings.push('JWT_JWKS_URI uses plain http to a remote host: signing keys could be swapped in transit');
  }
  if (key.kind === 'secret' && Buffer.byteLength(key.secret) < 32) {
    warnings.push('JWT_SECRET is shorter than 32 bytes: fine for development, too weak for production');
  }

  const algorithms = env.JWT_ALGORITHMS
    ? parseAlgorithms(env.JWT_ALGORITHMS, key, publicKey, mistakes)
    : defaultAlgorithms(key, publicKey, mistakes);

  const audience = env.JWT_AUDIENCE?.split(',').map((a) => a.trim());
  if (audience?.some((a) => a === '')) mistakes.push('JWT_AUDIENCE: has an empty entry');

  if (mistakes.length > 0) return { mistakes };
  return {
    mistakes,
    settings: {
      key,
      algorithms,
      issuer: env.JWT_ISSUER?.trim(),
      audience,
      clockToleranceS: env.JWT_CLOCK_TOLERANCE_S,
      warnings,
    },
  };
}

function resolveKeySource(env: AuthEnv, mistakes: string[]): KeySource | undefined {
  const given = (['JWT_SECRET', 'JWT_PUBLIC_KEY', 'JWT_PUBLIC_KEY_FILE', 'JWT_JWKS_URI'] as const).filter(
    (name) => env[name] !== undefined,
  );
  if (given.length === 0) {
    mistakes.push(
      'no JWT key source: set JWT_SECRET (HS256, development), JWT_PUBLIC_KEY or JWT_PUBLIC_KEY_FILE (PEM), or JWT_JWKS_URI',
    );
    return undefined;
  }
  if (given.length > 1) {
    mistakes.push(`set exactly one JWT key source, not ${given.join(' and ')}`);
    return undefined;
  }
  if (env.JWT_SECRET !== undefined) return { kind: 'secret', secret: env.JWT_SECRET };
  if (env.JWT_JWKS_URI !== undefined) {
    if (!/^https?:\/\//i.test(env.JWT_JWKS_URI)) {
      mistakes.push(`JWT_JWKS_URI: "${env.JWT_JWKS_URI}" must be an http(s) URL`);
      return undefined;
    }
    return { kind: 'jwks', uri: env.JWT_JWKS_URI };
  }
  if (env.JWT_PUBLIC_KEY !== undefined) {
    // Env files often carry a PEM on one line with literal "\n" separators.
    return { kind: 'public-key', pem: env.JWT_PUBLIC_KEY.replace(/\\n/g, '\n'), from: 'JWT_PUBLIC_KEY' };
  }
  const path = env.JWT_PUBLIC_KEY_FILE as string;
  try {
    return { kind: 'public-key', pem: readFileSync(path, 'utf8'), from: 'JWT_PUBLIC_KEY_FILE' };
  } catch (error) {
    mistakes.push(
      `JWT_PUBLIC_KEY_FILE: cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
    return undefined;
  }
}

function parsePublicKey(pem: string, from: string, mistakes: string[]): KeyObject | undefined {
  if (/PRIVATE KEY/.test(pem)) {
    mistakes.push(`${from}: holds a private key; configure the public key only`);
    return undefined;
  }
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') {
      mistakes.push(
        `${from}: a ${key.asymmetricKeyType} key is not supported; use an RSA or EC (P-256/384/521) key`,
      );
      return undefined;
    }
    return key;
  } catch {
    mistakes.push(`${from}: not a PEM public key or certificate`);
    return undefined;
  }
}

function defaultAlgorithms(
  key: KeySource,
  publicKey: KeyObject | undefined,
  mistakes: string[],
): JwtAlgorithm[] {
  if (key.kind === 'secret') return ['HS256'];
  if (!publicKey) return [...ASYMMETRIC_DEFAULT];
  const fitting = ASYMMETRIC_DEFAULT.filter((alg) => fitsKey(alg, publicKey));
  if (fitting.length === 0) {
    mistakes.push(`${sourceName(key)}: the key fits neither RS256 nor ES256; set JWT_ALGORITHMS explicitly`);
  }
  return fitting;
}

function parseAlgorithms(
  raw: string,
  key: KeySource,
  publicKey: KeyObject | undefined,
  mistakes: string[],
): JwtAlgorithm[] {
  const names = [...new Set(raw.split(',').map((a) => a.trim()))].filter((a) => a !== '');
  if (names.length === 0) mistakes.push('JWT_ALGORITHMS: lists no algorithm');
  const accepted: JwtAlgorithm[] = [];
  for (const name of names) {
    if (name.toLowerCase() === 'none') {
      mistakes.push('JWT_ALGORITHMS: "none" (unsigned tokens) is never accepted');
    } else if (!SUPPORTED.includes(name)) {
      mistakes.push(`JWT_ALGORITHMS: unknown algorithm "${name}"; supported: ${SUPPORTED.join(', ')}`);
    } else if (key.kind === 'secret' && !name.startsWith('HS')) {
      mistakes.push(`JWT_ALGORITHMS: ${name} needs a public key or JWKS, but the key source is JWT_SECRET`);
    } else if (key.kind !== 'secret' && name.startsWith('HS')) {
      // An HMAC check against a public key lets anyone who has that public key forge tokens.
      mistakes.push(`JWT_ALGORITHMS: ${name} is refused with ${sourceName(key)} (algorithm confusion)`);
    } else if (publicKey && !fitsKey(name as JwtAlgorithm, publicKey)) {
      mistakes.push(
        `JWT_ALGORITHMS: ${name} does not fit the ${describeKey(publicKey)} in ${sourceName(key)}`,
      );
    } else {
      accepted.push(name as JwtAlgorithm);
    }
  }
  return accepted;
}

function fitsKey(alg: JwtAlgorithm, key: KeyObject): boolean {
  if (alg.startsWith('RS') || alg.startsWith('PS')) return key.asymmetricKeyType === 'rsa';
  if (alg.startsWith('ES'))
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === CURVE_OF[alg];
  return false;
}

function describeKey(key: KeyObject): string {
  return key.asymmetricKeyType === 'ec' ? `EC ${key.asymmetricKeyDetails?.namedCurve} key` : 'RSA key';
}

function sourceName(key: KeySource): string {
  return key.kind === 'secret' ? 'JWT_SECRET' : key.kind === 'jwks' ? 'JWT_JWKS_URI' : key.from;
}

function isPlainHttpToRemote(uri: string): boolean {
  const { protocol, hostname } = new URL(uri);
  return protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}
