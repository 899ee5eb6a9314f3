import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  applyDecorators,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@world-it/contracts';
import { UserRateLimitGuard } from '../common/rate-limit/rate-limit.guard';
import type { AuthUser } from './auth-user';
import { JwtAuthGuard } from './jwt-auth.guard';

const ROLES = 'roles';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [ctx.getHandler(), ctx.getClass()]);
    if (!roles?.length) return true;
    const user = ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user || !roles.includes(user.role)) throw new ForbiddenException('Administrators only');
    return true;
  }
}

/**
 * Bearer token required; with roles, only those roles (403 for others). Writes (POST/PATCH/PUT/DELETE)
 * also spend from the user's rate-limit bucket (`@RateLimit(bucket)`, default `writes`; 429 past it).
 */
export function Authenticated(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES, roles),
    UseGuards(JwtAuthGuard, RolesGuard, UserRateLimitGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired access token' }),
    ...(roles.length ? [ApiForbiddenResponse({ description: `Only ${roles.join(', ')}` })] : []),
  );
}
