import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { WsException } from '@nestjs/websockets';
import type { Role } from '@seawarden/contracts';
import type { Socket } from 'socket.io';
import { ROLES_KEY } from '../common/roles.decorator.js';
import type { Principal } from '../auth/auth.service.js';

/** Deny by default for socket events: the handler needs @Roles and a live token of one of them. */
@Injectable()
export class WsRolesGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const socket = ctx.switchToWs().getClient<Socket>();
    const p = socket.data?.principal as Principal | undefined;
    if (!p) throw new WsException('unauthorized');
    if (p.exp * 1000 <= Date.now()) throw new WsException('token expired');
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!roles || !roles.includes(p.role)) throw new WsException(`forbidden: role ${p.role} may not do this`);
    return true;
  }
}
