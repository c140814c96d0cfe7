import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { passportJwtSecret } from 'jwks-rsa';
import { ExtractJwt, Strategy, type StrategyOptionsWithoutRequest } from 'passport-jwt';
import { API_CONFIG, type ApiConfig } from '../api.config';
import type { AuthSettings } from './auth.config';
import { InvalidClaimsError, parseClaims, type AuthUser } from './claims';

export const JWT_STRATEGY = 'jwt';

/** JWKS fetching: keys are cached for 10 minutes; an unknown `kid` triggers at most 10 fetches a minute. */
const JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;
const JWKS_REQUESTS_PER_MINUTE = 10;
const JWKS_TIMEOUT_MS = 5_000;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    super(strategyOptions(config.auth));
  }

  validate(payload: unknown): AuthUser {
    try {
      return parseClaims(payload);
    } catch (error) {
      if (error instanceof InvalidClaimsError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}

export function strategyOptions(auth: AuthSettings): StrategyOptionsWithoutRequest {
  const checks = {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    algorithms: [...auth.algorithms],
    issuer: auth.issuer,
    audience: auth.audience ? [...auth.audience] : undefined,
    ignoreExpiration: false,
    jsonWebTokenOptions: { clockTolerance: auth.clockToleranceS },
  };
  switch (auth.key.kind) {
    case 'secret':
      return { ...checks, secretOrKey: auth.key.secret };
    case 'public-key':
      return { ...checks, secretOrKey: auth.key.pem };
    case 'jwks':
      return {
        ...checks,
        secretOrKeyProvider: passportJwtSecret({
          jwksUri: auth.key.uri,
          cache: true,
          cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
          rateLimit: true,
          jwksRequestsPerMinute: JWKS_REQUESTS_PER_MINUTE,
          timeout: JWKS_TIMEOUT_MS,
        }),
      };
  }
}
