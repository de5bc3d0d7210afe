import { Body, HttpCode, Inject, Post, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { ApiZodBody, ApiZodQuery } from '../common/api-zod.js';
import type { UserPublic } from '@seawarden/contracts';
import { UsersRepository } from '@seawarden/store';
import { ConsoleController } from '../common/console-controller.decorator.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { ANY_ROLE, Public, Roles } from '../common/roles.decorator.js';
import { validate } from '../common/validate.js';
import { unauthorized, badRequest } from '../common/api-error.js';
import { ConsoleMetrics } from '../ops/console-metrics.js';
import { AuthService, publicUser, type LoginResponse, type Principal } from './auth.service.js';
import bcrypt from 'bcryptjs';

const loginSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
const refreshSchema = z.object({ refreshToken: z.string().min(10).max(200) });
const passwordSchema = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(8).max(200) });

@ConsoleController('api/auth', 'auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(ConsoleMetrics) private readonly metrics: ConsoleMetrics,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiZodBody(loginSchema)
  async login(@Body() body: unknown, @Req() req: Request): Promise<LoginResponse> {
    const { username, password } = validate(loginSchema, body);
    try {
      const res = await this.auth.login(username, password, req.ip ?? req.socket.remoteAddress ?? '?');
      this.metrics.logins.inc({ outcome: 'ok' });
      return res;
    } catch (err) {
      this.metrics.logins.inc({ outcome: (err as any).getStatus?.() === 429 ? 'limited' : 'failed' });
      if ((err as any).getStatus?.() === 429) req.res?.setHeader('Retry-After', String((err as any).extra?.retryAfter ?? 12));
      throw err;
    }
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiZodBody(refreshSchema)
  refresh(@Body() body: unknown): Promise<LoginResponse> {
    return this.auth.refresh(validate(refreshSchema, body).refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiZodBody(refreshSchema)
  async logout(@Body() body: unknown): Promise<void> {
    await this.auth.logout(validate(refreshSchema, body).refreshToken);
  }

  @Roles(...ANY_ROLE)
  @Get('me')
  async me(@CurrentUser() p: Principal): Promise<UserPublic> {
    const u = await this.users.byId(p.id);
    if (!u || u.disabled) throw unauthorized('account disabled');
    return publicUser(u);
  }

  @Roles(...ANY_ROLE)
  @Post('password')
  @HttpCode(204)
  @ApiZodBody(passwordSchema)
  async password(@CurrentUser() p: Principal, @Body() body: unknown): Promise<void> {
    const { currentPassword, newPassword } = validate(passwordSchema, body);
    const u = await this.users.byId(p.id);
    if (!u || !(await bcrypt.compare(currentPassword, u.passwordHash))) throw badRequest('currentPassword: wrong password', 'currentPassword');
    await this.users.update(p.id, { passwordHash: await this.auth.hashPassword(newPassword) });
    await this.users.revokeUser(p.id);
  }
}
