import { Get, Inject, Param, Query } from '@nestjs/common';
import type { TrackPoint, VesselSnapshot } from '@seawarden/contracts';
import { z } from 'zod';
import { ApiZodBody, ApiZodQuery } from '../common/api-zod.js';
import { badRequest, notFound } from '../common/api-error.js';
import { ConsoleController } from '../common/console-controller.decorator.js';
import { ANY_ROLE, Roles } from '../common/roles.decorator.js';
import { validate } from '../common/validate.js';
import { CONSOLE_DEPS, type ConsoleDeps } from '../console.deps.js';
import { inBox } from '../live/viewport.js';
import { VesselView } from '../live/vessel-view.js';
import { RegistryService } from '../admin/registry.service.js';
import { isoDate, mmsiSchema } from '../common/schemas.js';

const bbox = z
  .string()
  .transform((s) => s.split(',').map(Number))
  .refine((a) => a.length === 4 && a.every(Number.isFinite), 'must be west,south,east,north')
  .transform(([west, south, east, north]) => ({ west: west!, south: south!, east: east!, north: north! }));
const listSchema = z.object({
  bbox: bbox.optional(),
  category: z.enum(['fishing', 'passenger', 'leisure', 'cargo', 'tanker', 'service', 'other']).optional(),
  registered: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  inZone: z.string().min(1).max(100).optional(),
  motion: z.enum(['stopped', 'underway', 'unknown']).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
}).strict();
const searchSchema = z.object({ q: z.string().trim().min(1).max(100), limit: z.coerce.number().int().min(1).max(50).optional() }).strict();
const trackSchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  maxPoints: z.coerce.number().int().min(2).max(10_000).optional(),
}).strict();

@ConsoleController('api/vessels', 'vessels')
export class VesselsController {
  constructor(
    @Inject(VesselView) private readonly view: VesselView,
    @Inject(RegistryService) private readonly registry: RegistryService,
    @Inject(CONSOLE_DEPS) private readonly deps: ConsoleDeps,
  ) {}

  @Roles(...ANY_ROLE)
  @Get()
  @ApiZodQuery(listSchema)
  list(@Query() q: unknown): { items: VesselSnapshot[]; total: number } {
    const f = validate(listSchema, q ?? {});
    const match: VesselSnapshot[] = [];
    for (const v of this.view.all()) {
      if (f.bbox && !inBox(f.bbox, v.lat, v.lon)) continue;
      if (f.category && v.category !== f.category) continue;
      if (f.registered !== undefined && v.registered !== f.registered) continue;
      if (f.inZone && !v.zones.includes(f.inZone)) continue;
      if (f.motion && v.motion !== f.motion) continue;
      match.push(v);
    }
    match.sort((a, b) => a.mmsi - b.mmsi);
    const offset = f.offset ?? 0;
    return { items: match.slice(offset, offset + (f.limit ?? 1000)), total: match.length };
  }

  @Roles(...ANY_ROLE)
  @Get('search')
  @ApiZodQuery(searchSchema)
  search(@Query() q: unknown): { items: VesselSnapshot[] } {
    const { q: text, limit = 20 } = validate(searchSchema, q ?? {});
    const needle = text.toLowerCase();
    const digits = /^\d+$/.test(text);
    const out: VesselSnapshot[] = [];
    for (const v of this.view.all()) {
      const hit = (digits && String(v.mmsi).startsWith(text)) || v.name?.toLowerCase().includes(needle) || v.callsign?.toLowerCase().includes(needle);
      if (hit) out.push(v);
    }
    // Exact MMSI or name first, then by name.
    const rank = (v: VesselSnapshot) => (String(v.mmsi) === text || v.name?.toLowerCase() === needle ? 0 : 1);
    out.sort((a, b) => rank(a) - rank(b) || (a.name ?? '').localeCompare(b.name ?? '') || a.mmsi - b.mmsi);
    return { items: out.slice(0, limit) };
  }

  @Roles(...ANY_ROLE)
  @Get(':mmsi')
  async one(@Param('mmsi') mmsiText: string) {
    const mmsi = validate(mmsiSchema, mmsiText);
    const vessel = this.view.get(mmsi) ?? null;
    const stored = (await this.deps.store.vessels?.get?.(mmsi).catch(() => null)) ?? null;
    const registry = await this.registry.get(mmsi);
    if (!vessel && !stored && !registry) throw notFound(`vessel ${mmsi} not known`);
    return { vessel, stored, registry };
  }

  @Roles(...ANY_ROLE)
  @Get(':mmsi/track')
  @ApiZodQuery(trackSchema)
  async track(@Param('mmsi') mmsiText: string, @Query() q: unknown): Promise<{ mmsi: number; from: string; to: string; points: TrackPoint[] }> {
    const mmsi = validate(mmsiSchema, mmsiText);
    const f = validate(trackSchema, q ?? {});
    const to = f.to ?? new Date().toISOString();
    const from = f.from ?? new Date(Date.parse(to) - 6 * 3600_000).toISOString();
    if (Date.parse(from) > Date.parse(to)) throw badRequest('from: must be before to', 'from');
    let points = (await this.deps.store.tracks?.track(mmsi, from, to, f.maxPoints ?? 2000)) ?? [];
    if (points.length === 0 && this.deps.live?.track) {
      const lo = Date.parse(from), hi = Date.parse(to);
      points = this.deps.live.track(mmsi).filter((p) => { const t = Date.parse(p.t); return t >= lo && t <= hi; });
    }
    return { mmsi, from: new Date(from).toISOString(), to: new Date(to).toISOString(), points };
  }
}
