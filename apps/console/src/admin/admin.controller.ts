import { Body, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { ApiZodBody, ApiZodQuery } from '../common/api-zod.js';
import { badRequest } from '../common/api-error.js';
import { ConsoleController } from '../common/console-controller.decorator.js';
import { ANY_ROLE, Roles } from '../common/roles.decorator.js';
import { validate } from '../common/validate.js';
import { CONSOLE_DEPS, type ConsoleDeps } from '../console.deps.js';
import { ZonesService } from '../zones/zones.service.js';
import { defaultCalendars } from './ban-calendars.js';
import { RegistryService } from './registry.service.js';

const registryQuery = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
}).strict();
const importQuery = z.object({ mode: z.enum(['merge', 'replace']).optional() }).strict();
const isoTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date-time, e.g. 2026-09-14T18:00:00+08:00');
const closureSchema = z.object({
  area: z.string().min(1).max(100),
  name: z.object({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }).strict(),
  validFrom: isoTime,
  validTo: isoTime,
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'letters, digits, _ . - only').optional(),
}).strict().refine((c) => Date.parse(c.validFrom) < Date.parse(c.validTo), { message: 'must be after validFrom', path: ['validTo'] });

/** Zones, ban calendars, vessel registry and feeds. */
@ConsoleController('api', 'administration')
export class AdminController {
  constructor(
    @Inject(ZonesService) private readonly zones: ZonesService,
    @Inject(RegistryService) private readonly registry: RegistryService,
    @Inject(CONSOLE_DEPS) private readonly deps: ConsoleDeps,
  ) {}

  @Roles(...ANY_ROLE)
  @Get('zones')
  getZones() {
    return this.zones.get();
  }

  @Roles('admin')
  @Put('zones')
  putZones(@Body() body: unknown) {
    if (!body || typeof body !== 'object') throw badRequest('body: expected a GeoJSON FeatureCollection', 'body');
    return this.zones.replace(body);
  }

  /** A temporary closure (typhoon sailing ban, …) over an existing zone's area, for a validity window. */
  @Roles('admin')
  @Post('zones/closures')
  @ApiZodBody(closureSchema)
  declareClosure(@Body() body: unknown) {
    return this.zones.declareClosure(validate(closureSchema, body));
  }

  @Roles('admin')
  @Delete('zones/closures/:id')
  @HttpCode(204)
  async liftClosure(@Param('id') id: string): Promise<void> {
    await this.zones.liftClosure(id);
  }

  /** What the engine in this process runs with, else what is shared in the database, else CALENDARS_FILE or the built-in ones. */
  @Roles(...ANY_ROLE)
  @Get('calendars')
  async getCalendars() {
    const fromEngine = this.deps.zones?.calendars?.();
    if (fromEngine !== undefined) return fromEngine;
    return (await this.deps.store.calendars.load()) ?? defaultCalendars(this.deps.settings.calendarsFile);
  }

  /** Stored in the database, where ingestors in other processes pick it up; swapped live here when the engine runs here. */
  @Roles('admin')
  @Put('calendars')
  async putCalendars(@Body() body: unknown) {
    if (!body || typeof body !== 'object') throw badRequest('body: expected ban calendars JSON', 'body');
    return this.zones.replaceCalendars(body);
  }

  @Roles('operator', 'inspector', 'admin')
  @Get('registry')
  @ApiZodQuery(registryQuery)
  listRegistry(@Query() q: unknown) {
    const f = validate(registryQuery, q ?? {});
    return this.registry.list(f.q, f.limit ?? 100, f.offset ?? 0);
  }

  @Roles('admin')
  @Post('registry/import')
  @ApiZodQuery(importQuery)
  importRegistry(@Req() req: Request, @Query() q: unknown) {
    const { mode = 'merge' } = validate(importQuery, q ?? {});
    const body = typeof req.body === 'string' ? req.body : Buffer.isBuffer(req.body) ? req.body.toString('utf8') : null;
    if (body === null) throw badRequest('body: send the registry as text/csv', 'body');
    return this.registry.import(body, mode);
  }

  @Roles('operator', 'admin')
  @Get('feeds')
  async feeds() {
    return { feeds: (await this.deps.feeds?.status()) ?? [] };
  }
}
