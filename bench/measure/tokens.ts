import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { devToken } from '../../test/support/dev-token';

export const TENANT = 1;

/** HS256 tokens for users 1..users, signed with the API's shared secret. */
export const hs256Tokens = (secret: string, users: number): string[] =>
  Array.from({ length: users }, (_, i) => devToken(secret, TENANT, i + 1));

export interface Rs256Signer {
  /** SPKI PEM for `JWT_PUBLIC_KEY`. */
  readonly publicKeyPem: string;
  tokens(users: number): string[];
}

/** A fresh RSA key pair (2048 bit) and RS256 tokens for users 1..n signed with it. */
export function rs256Signer(): Rs256Signer {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    tokens: (users) =>
      Array.from({ length: users }, (_, i) =>
        jwt.sign({ tenant_id: TENANT }, privateKey, {
          algorithm: 'RS256',
          subject: String(i + 1),
          expiresIn: '1h',
        }),
      ),
  };
}
