import { Body, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ROLES, type UserPublic } from '@seawarden/contracts';
import { UsersRepository } from '@seawarden/store';
import { z } from 'zod';
import { ApiZodBody, ApiZodQuery } from '../common/api-zod.js';
import { badRequest, conflict, notFound } from '../common/api-error.js';
import { ConsoleController } from '../common/console-controller.decorator.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { validate } from '../common/validate.js';
import { ZonesService } from '../zones/zones.service.js';
import { AuthService, publicUser, type Principal } from './auth.service.js';

const role = z.enum(ROLES as unknown as ['operator', 'inspector', 'port_office', 'admin']);
const jurisdictions = z.array(z.string().min(1).max(100)).max(100);
const listQuery = z.object({ includeDisabled: z.enum(['true', 'false']).optional() }).strict();
const createSchema = z.object({
  username: z.string().regex(/^[A-Za-z0-9._@-]{3,64}$/, 'letters, digits, . _ @ - (3–64)'),
  password: z.string().min(8).max(200),
  role,
  jurisdictions: jurisdictions.optional(),
});
const patchSchema = z.object({
  role: role.optional(),
  jurisdictions: jurisdictions.optional(),
  password: z.string().min(8).max(200).optional(),
  disabled: z.boolean().optional(),
});
const idSchema = z.string().uuid();

@ConsoleController('api/users', 'users')
export class UsersController {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(ZonesService) private readonly zones: ZonesService,
  ) {}

  /** Jurisdiction ids must name jurisdiction zones (when any zones are known at all). */
  private checkJurisdictions(ids: string[] | undefined): void {
    const known = this.zones.jurisdictions.ids();
    if (!ids || known.length === 0) return;
    const unknown = ids.filter((z) => !known.includes(z));
    if (unknown.length) throw badRequest(`jurisdictions: unknown jurisdiction zone(s) ${unknown.join(', ')}; known: ${known.join(', ')}`, 'jurisdictions');
  }

  @Roles('admin')
  /** Enabled accounts; with `includeDisabled=true` also the disabled ones (to enable them again), each with `disabled`. */
  @Get()
  @ApiZodQuery(listQuery)
  async list(@Query() q: unknown): Promise<UserPublic[]> {
    const { includeDisabled } = validate(listQuery, q ?? {});
    return (await this.users.list()).filter((u) => includeDisabled === 'true' || !u.disabled).map((u) => ({ ...publicUser(u), disabled: u.disabled }));
  }

  @Roles('admin')
  @Post()
  @ApiZodBody(createSchema)
  async create(@Body() body: unknown): Promise<UserPublic> {
    const b = validate(createSchema, body);
    if (b.role === 'port_office' && !b.jurisdictions?.length) throw badRequest('jurisdictions: a port office needs at least one jurisdiction zone', 'jurisdictions');
    this.checkJurisdictions(b.jurisdictions);
    if (await this.users.byUsername(b.username)) throw conflict(`username ${b.username} is taken`, 'username');
    const u = await this.users.insert({
      id: randomUUID(), username: b.username, passwordHash: await this.auth.hashPassword(b.password), role: b.role,
      jurisdictions: b.role === 'port_office' ? b.jurisdictions! : [],
    });
    return publicUser(u);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiZodBody(patchSchema)
  async patch(@Param('id') id: string, @Body() body: unknown): Promise<UserPublic> {
    validate(idSchema, id);
    const b = validate(patchSchema, body);
    this.checkJurisdictions(b.jurisdictions);
    const u = await this.users.update(id, {
      role: b.role, jurisdictions: b.jurisdictions, disabled: b.disabled,
      passwordHash: b.password ? await this.auth.hashPassword(b.password) : undefined,
    });
    if (!u) throw notFound(`user ${id} not found`);
    if (u.role === 'port_office' && u.jurisdictions.length === 0) throw badRequest('jurisdictions: a port office needs at least one jurisdiction zone', 'jurisdictions');
    if (b.password || b.disabled || b.role) await this.users.revokeUser(id);
    return publicUser(u);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @CurrentUser() p: Principal): Promise<void> {
    validate(idSchema, id);
    if (id === p.id) throw badRequest('id: you cannot delete your own account', 'id');
    const u = await this.users.update(id, { disabled: true });
    if (!u) throw notFound(`user ${id} not found`);
    await this.users.revokeUser(id);
  }
}
