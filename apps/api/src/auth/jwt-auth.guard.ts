import { Injectable, Logger, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { KEYS_UNAVAILABLE, MISSING_TOKEN, reasonFor } from './auth-failure';
import { JWT_STRATEGY } from './jwt.strategy';

/**
 * Every authentication failure becomes a 401 with a short, stable reason; the token itself and the
 * verifier's internals (expected issuer, key ids) are never echoed back.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(JWT_STRATEGY) {
  private readonly logger = new Logger(JwtAuthGuard.name);

  // The adapter sets the header on whichever response object it uses (Express or Fastify).
  constructor(private readonly adapterHost: HttpAdapterHost) {
    super();
  }

  override handleRequest<TUser>(
    err: unknown,
    user: unknown,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (!err && user) return user as TUser;
    const reason = err ? undefined : reasonFor(info);
    // Not the caller's fault: the operator must hear about it.
    if (reason === KEYS_UNAVAILABLE) this.logger.warn(`JWKS unavailable: ${(info as Error).message}`);
    // RFC 6750: a request without credentials gets the bare challenge, a bad token gets invalid_token.
    const challenge = reason === MISSING_TOKEN ? 'Bearer' : 'Bearer error="invalid_token"';
    this.adapterHost.httpAdapter.setHeader(
      context.switchToHttp().getResponse(),
      'WWW-Authenticate',
      challenge,
    );
    if (err) throw err;
    throw new UnauthorizedException(reason);
  }
}
