import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user';

/** The authenticated caller (routes behind `@Authenticated()`). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
