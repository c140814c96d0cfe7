import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@app/platform';
import { loadApiConfig, type ApiConfig } from './api.config';

const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
  type: 'spki',
  format: 'pem',
}) as string;
const ecKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecPem = ecKeys.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const secret = 'a-development-secret-of-32-bytes!';

function load(env: NodeJS.ProcessEnv): ApiConfig {
  return loadApiConfig(env);
}

function mistakesOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.mistakes;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('API configuration', () => {
  it('uses port 8000, a 1000 ms poll and HS256 when only a secret is given', () => {
    const config = load({ JWT_SECRET: secret });
    expect(config.PORT).toBe(8000);
    expect(config.READ_MODEL_POLL_MS).toBe(1000);
    expect(config.auth.key).toEqual({ kind: 'secret', secret });
    expect(config.auth.algorithms).toEqual(['HS256']);
    expect(config.auth.clockToleranceS).toBe(0);
    expect(config.auth.warnings).toEqual([]);
  });

  it('runs on Fastify unless HTTP_ADAPTER picks Express, and refuses any other adapter', () => {
    expect(load({ JWT_SECRET: secret }).HTTP_ADAPTER).toBe('fastify');
    expect(load({ JWT_SECRET: secret, HTTP_ADAPTER: 'express' }).HTTP_ADAPTER).toBe('express');
    expect(mistakesOf({ JWT_SECRET: secret, HTTP_ADAPTER: 'koa' })).toEqual([
      expect.stringMatching(/^HTTP_ADAPTER: Value "koa" not in choices \[express,fastify\]/),
    ]);
  });

  it('refuses to start without any key source and says which variables would do', () => {
    expect(mistakesOf({})).toEqual([
      expect.stringMatching(/no JWT key source: set JWT_SECRET .*JWT_PUBLIC_KEY.*JWT_JWKS_URI/),
    ]);
  });

  it('refuses two key sources at once', () => {
    expect(mistakesOf({ JWT_SECRET: secret, JWT_PUBLIC_KEY: rsaPem })).toEqual([
      'set exactly one JWT key source, not JWT_SECRET and JWT_PUBLIC_KEY',
    ]);
  });

  it('lists every malformed variable, one message each', () => {
    const mistakes = mistakesOf({
      JWT_SECRET: secret,
      PORT: 'eighty',
      READ_MODEL_POLL_MS: '0',
      JWT_CLOCK_TOLERANCE_S: '1.5',
    });
    expect(mistakes).toHaveLength(3);
    expect(mistakes.join('\n')).toMatch(/PORT/);
    expect(mistakes.join('\n')).toMatch(/READ_MODEL_POLL_MS: "0" is not a positive whole number/);
    expect(mistakes.join('\n')).toMatch(/JWT_CLOCK_TOLERANCE_S: "1.5" is not a whole number of seconds/);
  });

  it('refuses an empty secret instead of treating it as unset', () => {
    expect(mistakesOf({ JWT_SECRET: '' })).toEqual([expect.stringMatching(/^JWT_SECRET: is empty/)]);
  });

  it('warns about a short secret without refusing it', () => {
    expect(load({ JWT_SECRET: 'dev' }).auth.warnings).toEqual([
      expect.stringMatching(/shorter than 32 bytes/),
    ]);
  });

  it('never accepts the none algorithm', () => {
    expect(mistakesOf({ JWT_SECRET: secret, JWT_ALGORITHMS: 'HS256,none' })).toEqual([
      'JWT_ALGORITHMS: "none" (unsigned tokens) is never accepted',
    ]);
  });

  it('refuses HMAC algorithms with a public key (algorithm confusion)', () => {
    expect(mistakesOf({ JWT_PUBLIC_KEY: rsaPem, JWT_ALGORITHMS: 'RS256,HS256' })).toEqual([
      'JWT_ALGORITHMS: HS256 is refused with JWT_PUBLIC_KEY (algorithm confusion)',
    ]);
    expect(mistakesOf({ JWT_JWKS_URI: 'https://issuer.example/jwks.json', JWT_ALGORITHMS: 'HS512' })).toEqual(
      ['JWT_ALGORITHMS: HS512 is refused with JWT_JWKS_URI (algorithm confusion)'],
    );
  });

  it('refuses asymmetric algorithms with a shared secret', () => {
    expect(mistakesOf({ JWT_SECRET: secret, JWT_ALGORITHMS: 'RS256' })).toEqual([
      'JWT_ALGORITHMS: RS256 needs a public key or JWKS, but the key source is JWT_SECRET',
    ]);
  });

  it('refuses unknown algorithm names and lists the supported ones', () => {
    expect(mistakesOf({ JWT_SECRET: secret, JWT_ALGORITHMS: 'HS999' })).toEqual([
      expect.stringMatching(/^JWT_ALGORITHMS: unknown algorithm "HS999"; supported: HS256, .*ES512$/),
    ]);
  });

  it('derives the default algorithms from the key type of a PEM key', () => {
    expect(load({ JWT_PUBLIC_KEY: rsaPem }).auth.algorithms).toEqual(['RS256']);
    expect(load({ JWT_PUBLIC_KEY: ecPem }).auth.algorithms).toEqual(['ES256']);
    expect(load({ JWT_JWKS_URI: 'https://issuer.example/jwks.json' }).auth.algorithms).toEqual([
      'RS256',
      'ES256',
    ]);
  });

  it('refuses algorithms that do not fit the configured key', () => {
    expect(mistakesOf({ JWT_PUBLIC_KEY: rsaPem, JWT_ALGORITHMS: 'ES256' })).toEqual([
      'JWT_ALGORITHMS: ES256 does not fit the RSA key in JWT_PUBLIC_KEY',
    ]);
    expect(mistakesOf({ JWT_PUBLIC_KEY: ecPem, JWT_ALGORITHMS: 'ES384' })).toEqual([
      'JWT_ALGORITHMS: ES384 does not fit the EC prime256v1 key in JWT_PUBLIC_KEY',
    ]);
  });

  it('accepts a PEM with escaped newlines, as env files often carry it', () => {
    expect(load({ JWT_PUBLIC_KEY: rsaPem.replace(/\n/g, '\\n') }).auth.algorithms).toEqual(['RS256']);
  });

  it('refuses text that is not a PEM public key, and refuses a private key', () => {
    expect(mistakesOf({ JWT_PUBLIC_KEY: 'not a key' })).toEqual([
      'JWT_PUBLIC_KEY: not a PEM public key or certificate',
    ]);
    const privatePem = ecKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(mistakesOf({ JWT_PUBLIC_KEY: privatePem })).toEqual([
      'JWT_PUBLIC_KEY: holds a private key; configure the public key only',
    ]);
  });

  it('reads the public key from JWT_PUBLIC_KEY_FILE and names a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-config-'));
    writeFileSync(join(dir, 'key.pem'), ecPem);
    const config = load({ JWT_PUBLIC_KEY_FILE: join(dir, 'key.pem') });
    expect(config.auth.key).toMatchObject({ kind: 'public-key', from: 'JWT_PUBLIC_KEY_FILE' });
    expect(mistakesOf({ JWT_PUBLIC_KEY_FILE: join(dir, 'missing.pem') })).toEqual([
      `JWT_PUBLIC_KEY_FILE: cannot read "${join(dir, 'missing.pem')}" (ENOENT)`,
    ]);
  });

  it('refuses a JWKS URI that is not a URL', () => {
    expect(mistakesOf({ JWT_JWKS_URI: 'jwks.json' })).toEqual([expect.stringMatching(/^JWT_JWKS_URI: /)]);
  });

  it('refuses a JWKS URI with another scheme, and warns about plain http to a remote host', () => {
    expect(mistakesOf({ JWT_JWKS_URI: 'ftp://id.example/jwks.json' })).toEqual([
      'JWT_JWKS_URI: "ftp://id.example/jwks.json" must be an http(s) URL',
    ]);
    expect(load({ JWT_JWKS_URI: 'http://id.example/jwks.json' }).auth.warnings).toEqual([
      expect.stringMatching(/plain http/),
    ]);
    expect(load({ JWT_JWKS_URI: 'http://127.0.0.1:9000/jwks.json' }).auth.warnings).toEqual([]);
  });

  it('splits the audience list and keeps the issuer', () => {
    const config = load({
      JWT_SECRET: secret,
      JWT_ISSUER: 'https://id.example',
      JWT_AUDIENCE: 'api, mobile',
    });
    expect(config.auth.issuer).toBe('https://id.example');
    expect(config.auth.audience).toEqual(['api', 'mobile']);
  });

  it('caps the clock tolerance at five minutes', () => {
    expect(load({ JWT_SECRET: secret, JWT_CLOCK_TOLERANCE_S: '5' }).auth.clockToleranceS).toBe(5);
    expect(mistakesOf({ JWT_SECRET: secret, JWT_CLOCK_TOLERANCE_S: '3600' })).toEqual([
      expect.stringMatching(/^JWT_CLOCK_TOLERANCE_S: 3600 s is more than the 300 s allowed/),
    ]);
  });
});
