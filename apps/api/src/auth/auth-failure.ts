export const MISSING_TOKEN = 'missing bearer token';
export const KEYS_UNAVAILABLE = 'signing keys unavailable';

/**
 * A short, stable reason for a failed authentication, from passport-jwt's `info` (a jsonwebtoken or
 * jwks-rsa error). Verifier details such as the expected issuer or audience are not echoed back.
 */
export function reasonFor(info: unknown): string {
  if (!(info instanceof Error)) return 'invalid token';
  if ((info as { isEndpointUnavailable?: boolean }).isEndpointUnavailable) return KEYS_UNAVAILABLE;
  switch (info.name) {
    case 'TokenExpiredError':
      return 'token expired';
    case 'NotBeforeError':
      return 'token not yet valid (nbf)';
    case 'JwksError':
    case 'JwksRateLimitError':
      return KEYS_UNAVAILABLE;
  }
  const message = info.message;
  if (message === 'No auth token') return MISSING_TOKEN;
  if (message === 'jwt malformed' || message === 'invalid token' || message.startsWith('Unexpected token')) {
    return 'malformed token';
  }
  if (message === 'invalid signature') return 'invalid signature';
  if (
    message === 'invalid algorithm' ||
    message === 'jwt signature is required' ||
    message.includes('must be a')
  ) {
    return 'algorithm not allowed';
  }
  if (message.startsWith('jwt issuer invalid')) return 'wrong issuer';
  if (message.startsWith('jwt audience invalid')) return 'wrong audience';
  if (message === 'secret or public key must be provided') return 'no signing key for this token';
  return 'invalid token';
}
