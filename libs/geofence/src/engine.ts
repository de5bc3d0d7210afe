import type { Alert, AlertChange, AisMessage, EngineResume, TrackPoint, VesselSnapshot } from '@seawarden/contracts';
import { AlertBook, type Episode } from './alerts/alert-book.js';
import type { BanCalendars } from './calendars/ban-calendars.js';
import { RUN_ON_FIX, RUN_ON_MESSAGE, RUN_ON_TICK, type Detector, type DetectorContext } from './detectors/detector.js';
import { createDetectors, type FleetDetector } from './detectors/index.js';
import { ZoneFileError } from './errors.js';
import { resolveParams, type DetectorParams } from './params.js';
import type { LandMask } from './land/land-mask.js';
import type { Registry } from './registry/registry.js';
import { Tracker, type TrackerUpdate } from './tracker/tracker.js';
import { exportVessel, importVessel, toSnapshot, type VesselRecord } from './tracker/vessel-codec.js';
import type { VesselState } from './tracker/vessel-state.js';
import type { ZoneSet } from './zones/zone-set.js';

export interface EngineConfig {
  zones: ZoneSet;
  calendars: BanCalendars;
  registry: Registry;
  /** Land outlines for the "position on land" identity signal (none: not checked). */
  land?: LandMask | null;
  params?: Partial<DetectorParams>;
}

/** JSON-serialisable engine state: vessels and open alert episodes. */
export interface EngineState {
  version: 1;
  savedAt: number;
  vessels: VesselRecord[];
  episodes: Episode[];
  fleet: Record<string, unknown>;
}

/** Coverage cells: ~0.1° squares with the latest fix heard in each (rebuilt on every tick). */
const COVER_DEG = 0.1;
const coverKey = (cx: number, cy: number) => cx * 4096 + cy;

class Ctx implements DetectorContext {
  now = 0;
  update: TrackerUpdate | null = null;
  coverage: Map<number, number> | null = null;

  heardNear(lat: number, lon: number, sinceMs: number): boolean {
    const cov = this.coverage;
    if (!cov) return true;
    const cx = Math.floor((lon + 180) / COVER_DEG);
    const cy = Math.floor((lat + 90) / COVER_DEG);
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) if ((cov.get(coverKey(cx + dx, cy + dy)) ?? -Infinity) >= sinceMs) return true;
    return false;
  }

  constructor(
    readonly params: DetectorParams,
    readonly zones: ZoneSet,
    readonly calendars: BanCalendars,
    readonly registry: Registry,
  ) {}
}

/**
 * The detection engine: tracker + detectors + alert lifecycle. Pure and synchronous; feed it
 * decoded messages in time order (`process`) and the clock (`tick`).
 */
export class DetectionEngine {
  readonly params: DetectorParams;
  private readonly tracker: Tracker;
  private readonly book: AlertBook;
  private readonly detectors: Detector[];
  private readonly fleet: FleetDetector[];
  private readonly ctx: Ctx;
  private readonly zoneSet: ZoneSet;
  private changed: VesselState[] = [];
  private lastTick = -Infinity;
  private lastEviction = -Infinity;

  constructor(cfg: EngineConfig) {
    this.params = resolveParams(cfg.params);
    this.zoneSet = cfg.zones;
    for (const z of cfg.zones.ofKind('fishing_ban')) {
      const cal = z.properties.calendar as string;
      if (!cfg.calendars.has(cal)) {
        throw new ZoneFileError(z.index, `fishing_ban zone '${z.id}' refers to calendar '${cal}', which the calendars do not define (have: ${cfg.calendars.ids().join(', ') || 'none'})`);
      }
    }
    this.tracker = new Tracker(cfg.zones, cfg.registry, this.params, cfg.land ?? null);
    this.book = new AlertBook(this.params);
    this.ctx = new Ctx(this.params, cfg.zones, cfg.calendars, cfg.registry);
    const { perVessel, fleet } = createDetectors();
    this.detectors = perVessel;
    this.fleet = fleet;
  }

  process(msg: AisMessage, atMs: number): AlertChange[] {
    const out: AlertChange[] = [];
    if (!Number.isFinite(atMs) || typeof msg.mmsi !== 'number') return out;
    const u = this.tracker.apply(msg, atMs);
    const v = u.vessel;
    if (!v.changed) {
      v.changed = true;
      this.changed.push(v);
    }
    if (v.aisClass === 'other') return out; // base stations, AtoN, SAR aircraft: tracked, not judged
    const ctx = this.ctx;
    ctx.now = atMs;
    ctx.update = u;
    const mask = u.fixAccepted ? RUN_ON_FIX | RUN_ON_MESSAGE : RUN_ON_MESSAGE;
    const kinds = v.kindMask | v.rawKindMask;
    const hasEpisodes = v.episodes !== null;
    const changedInputs = u.zonesChanged || u.segmentClosed !== null || u.jump !== null || u.nameChanged || u.pobChanged || u.landChanged;
    const ds = this.detectors;
    for (let i = 0; i < ds.length; i++) {
      const d = ds[i];
      if ((d.runsOn & mask) === 0) continue;
      const gated = d.zoneMask !== 0 && (kinds & d.zoneMask) === 0;
      const open = hasEpisodes && this.book.hasOpen(v, d.rule);
      if (open) {
        if (d.throttle !== false && !changedInputs) {
          const evalAt = (v.evalAt ??= new Float64Array(ds.length).fill(-Infinity));
          if (atMs - evalAt[i] < this.params.reevaluateMs && atMs >= evalAt[i]) continue;
          evalAt[i] = atMs;
        }
      } else if (gated || !d.relevant(v, ctx)) continue;
      this.book.reconcile(v, d.rule, d.detect(v, ctx), atMs, out);
    }
    if (v.evalAt !== null && v.episodes === null) v.evalAt = null;
    if (atMs - this.lastTick >= this.params.encounterEveryMs && this.lastTick > -Infinity && atMs > this.lastTick) {
      // Replays without a clock still get the time-driven rules, at message time.
      for (const c of this.tick(atMs)) out.push(c);
    } else if (this.lastTick === -Infinity) this.lastTick = atMs;
    return out;
  }

  tick(nowMs: number): AlertChange[] {
    const out: AlertChange[] = [];
    if (nowMs < this.lastTick) return out;
    this.lastTick = nowMs;
    const ctx = this.ctx;
    ctx.now = nowMs;
    ctx.update = null;
    const coverage = new Map<number, number>();
    for (const v of this.tracker.vessels.values()) {
      if (!v.hasFix) continue;
      const k = coverKey(Math.floor((v.lon + 180) / COVER_DEG), Math.floor((v.lat + 90) / COVER_DEG));
      if ((coverage.get(k) ?? -Infinity) < v.fixAt) coverage.set(k, v.fixAt);
    }
    ctx.coverage = coverage;
    const tickers = this.detectors.filter((d) => (d.runsOn & RUN_ON_TICK) !== 0);
    // Every tick rule needs a silence of at least gapMinMs (the ais_gap floor) or an open episode.
    const quietSince = nowMs - this.params.gapMinMs;
    for (const v of this.tracker.vessels.values()) {
      if (v.aisClass === 'other' || (v.lastHeardAt > quietSince && v.episodes === null)) continue;
      for (const d of tickers) {
        if (!d.relevant(v, ctx) && !this.book.hasOpen(v, d.rule)) continue;
        this.book.reconcile(v, d.rule, d.detect(v, ctx), nowMs, out);
      }
    }
    for (const f of this.fleet) {
      const found = f.detectAll(this.tracker.vessels.values(), ctx);
      const touched = new Set<VesselState>(found.keys());
      for (const v of this.tracker.vessels.values()) if (this.book.hasOpen(v, f.rule)) touched.add(v);
      for (const v of touched) this.book.reconcile(v, f.rule, found.get(v) ?? [], nowMs, out);
    }
    this.book.sweep(nowMs, (m) => this.tracker.vessels.get(m), out);
    if (nowMs - this.lastEviction >= 60 * 60_000) {
      this.lastEviction = nowMs;
      this.tracker.evict(nowMs - this.params.evictAfterMs);
    }
    return out;
  }

  snapshot(mmsi: number): VesselSnapshot | undefined {
    const v = this.tracker.vessels.get(mmsi);
    return v ? toSnapshot(v, this.zoneSet) : undefined;
  }

  *snapshots(): IterableIterator<VesselSnapshot> {
    for (const v of this.tracker.vessels.values()) yield toSnapshot(v, this.zoneSet);
  }

  drainChangedVessels(): VesselSnapshot[] {
    const list = this.changed;
    this.changed = [];
    return list.map((v) => {
      v.changed = false;
      return toSnapshot(v, this.zoneSet);
    });
  }

  track(mmsi: number): TrackPoint[] {
    return this.tracker.vessels.get(mmsi)?.track.toPoints() ?? [];
  }

  openAlerts(): Alert[] {
    return this.book.openAlerts();
  }

  /** Number of vessels tracked. */
  get vesselCount(): number {
    return this.tracker.vessels.size;
  }

  /** Internal state of one vessel (read-only use: tests, diagnostics). */
  vesselState(mmsi: number): VesselState | undefined {
    return this.tracker.vessels.get(mmsi);
  }

  exportState(): EngineState {
    const [whole] = this.exportStateParts(Infinity); // with no chunk limit, one part holds everything
    return whole as EngineState;
  }

  /**
   * The same state as exportState, in parts to save one at a time (VesselStateRepository
   * merges them back: arrays concatenated): `chunk` vessels per part, then the episodes and the
   * rest. Each part is exported when it is asked for, so a caller that waits between parts keeps
   * the event loop free; the engine may process messages meanwhile (each vessel is exported
   * whole; episodes come last, and importState attaches them to their vessels). 100 vessels
   * with their tracks insert in ~20 ms on embedded PGlite, which blocks the event loop while it
   * runs a statement (250: ~40 ms); the total time of a save is the same.
   */
  *exportStateParts(chunk = 100): Generator<Partial<EngineState>> {
    let part: VesselRecord[] = [];
    for (const v of this.tracker.vessels.values()) {
      part.push(exportVessel(v, this.zoneSet));
      if (part.length >= chunk) {
        yield { vessels: part };
        part = [];
      }
    }
    const fleet: Record<string, unknown> = {};
    for (const f of this.fleet) fleet[f.rule] = f.exportState();
    yield { version: 1, savedAt: this.lastTick, vessels: part, episodes: this.book.exportEpisodes(), fleet };
  }

  importState(state: EngineState): void {
    if (!state || state.version !== 1) throw new Error(`engine state version ${String(state?.version)} is not supported (expected 1)`);
    for (const v of this.tracker.vessels.values()) this.tracker.tracks.release(v.track);
    this.tracker.vessels.clear();
    for (const r of state.vessels) this.tracker.adopt(importVessel(r, this.zoneSet, this.ctx.registry, this.tracker.tracks));
    this.book.importEpisodes(state.episodes, (m) => this.tracker.vessel(m));
    for (const f of this.fleet) f.importState(state.fleet?.[f.rule]);
    this.lastTick = Number.isFinite(state.savedAt) ? state.savedAt : -Infinity;
  }

  /**
   * After importState (or instead of it, when no state was saved): take up what the database
   * knows that the saved state may not (see AlertBook.resume). Returns what changed, for the log.
   */
  resume(db: EngineResume): { adopted: number; dropped: number; refreshed: number } {
    return this.book.resume(db, (m) => this.tracker.vessel(m));
  }

  zones(): ZoneSet {
    return this.zoneSet;
  }
}
