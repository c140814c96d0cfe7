import { JsonWebTokenError, NotBeforeError, TokenExpiredError } from 'jsonwebtoken';
import { reasonFor } from './auth-failure';

describe('401 reasons', () => {
  it.each([
    [new Error('No auth token'), 'missing bearer token'],
    [new JsonWebTokenError('jwt malformed'), 'malformed token'],
    [new JsonWebTokenError('invalid signature'), 'invalid signature'],
    [new JsonWebTokenError('invalid algorithm'), 'algorithm not allowed'],
    [new JsonWebTokenError('jwt signature is required'), 'algorithm not allowed'],
    [new JsonWebTokenError('jwt issuer invalid. expected: https://id.example'), 'wrong issuer'],
    [new JsonWebTokenError('jwt audience invalid. expected: api'), 'wrong audience'],
    [new TokenExpiredError('jwt expired', new Date()), 'token expired'],
    [new NotBeforeError('jwt not active', new Date()), 'token not yet valid (nbf)'],
    [
      Object.assign(new Error('connect ECONNREFUSED'), { isEndpointUnavailable: true }),
      'signing keys unavailable',
    ],
    [undefined, 'invalid token'],
  ])('maps %p to "%s" without echoing verifier details', (info, reason) => {
    expect(reasonFor(info)).toBe(reason);
  });
});
