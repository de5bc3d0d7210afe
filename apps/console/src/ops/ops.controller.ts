import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UseGuards } from '@nestjs/common';
import { AuthGuard } from '../auth/auth.guard.js';
import { Public } from '../common/roles.decorator.js';
import { CONSOLE_DEPS, type ConsoleDeps } from '../console.deps.js';
import { ConsoleMetrics } from './console-metrics.js';

/** /health (public, for probes) and the web console's runtime map settings. */
@Controller()
@UseGuards(AuthGuard)
@ApiTags('operations')
export class OpsController {
  constructor(
    @Inject(CONSOLE_DEPS) private readonly deps: ConsoleDeps,
    @Inject(ConsoleMetrics) private readonly metrics: ConsoleMetrics,
  ) {}

  /** Map settings the browser needs before login (no secrets: a Mapbox token is public by design). */
  @Public()
  @Get('api/config')
  mapConfig() {
    const { mapboxToken, tileUrl } = this.deps.settings;
    return { ...(mapboxToken ? { mapboxToken } : {}), ...(tileUrl ? { tileUrl } : {}) };
  }

  @Public()
  @Get('health')
  async health(@Res({ passthrough: true }) res: Response) {
    const t0 = performance.now();
    let database: { ok: boolean; latencyMs: number; error?: string; [k: string]: unknown };
    try {
      const h: Record<string, unknown> = this.deps.store.health ? await this.deps.store.health() : (await this.deps.store.db.query('SELECT 1'), { ok: true });
      const ok = h.ok !== undefined ? h.ok !== false : h.up !== false;
      database = { ok, latencyMs: Math.round(performance.now() - t0), ...(ok ? {} : { error: String(h.error ?? 'database not reachable') }) };
    } catch (err) {
      database = { ok: false, latencyMs: Math.round(performance.now() - t0), error: (err as Error).message };
    }
    let feeds: unknown[] = [];
    try {
      feeds = (await this.deps.feeds?.status()) ?? [];
    } catch (err) {
      feeds = [{ error: (err as Error).message }];
    }
    const bus = this.deps.bus as { kind?: string; healthy?: () => boolean };
    const busState = { ok: bus.healthy ? bus.healthy() : true, kind: bus.kind ?? 'memory' };
    const anyFeedDown = feeds.some((f: any) => f && f.connected === false);
    const status = !database.ok || !busState.ok ? 'down' : anyFeedDown ? 'degraded' : 'ok';
    if (status === 'down') res.status(503);
    return { status, database, feeds, bus: busState };
  }
}
