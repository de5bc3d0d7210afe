import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from '../auth/auth.service.js';

/** The verified caller (set by AuthGuard). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().user);
