import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthUser } from './claims';

/** The authenticated caller set by JwtAuthGuard (on either adapter's request); only use behind that guard. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser =>
    context.switchToHttp().getRequest<{ user: AuthUser }>().user,
);
