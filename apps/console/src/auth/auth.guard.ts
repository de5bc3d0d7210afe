import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@seawarden/contracts';
import { forbidden, unauthorized } from '../common/api-error.js';
import { PUBLIC_KEY, ROLES_KEY } from '../common/roles.decorator.js';
import { AuthService, type Principal } from './auth.service.js';

/** Deny by default: a handler needs @Public() or @Roles(...) and a bearer of one of them. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers?.authorization;
    const m = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
    if (!m) throw unauthorized('missing bearer token');
    const principal: Principal = this.auth.verify(m[1]!);
    req.user = principal;
    if (!roles || !roles.includes(principal.role)) throw forbidden(`role ${principal.role} may not do this`);
    return true;
  }
}
