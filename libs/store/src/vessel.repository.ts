import type { AisMessage, BBox } from '@seawarden/contracts';
import type { Db } from './db.js';
import { InvalidQueryError } from './errors.js';
import { isoOrNull, iso, jsonValue, likeLiteral, numOrNull, tenthOrNull } from './sql-values.js';

/** Static and voyage fields kept per vessel: message field → column. */
const STATIC_FIELDS = {
  name: 'name', callsign: 'callsign', imo: 'imo', shipType: 'ship_type', destination: 'destination',
  draught: 'draught', eta: 'eta', toBow: 'to_bow', toStern: 'to_stern', toPort: 'to_port', toStarboard: 'to_starboard',
} as const;
type StaticField = keyof typeof STATIC_FIELDS;
const FIELD_NAMES = Object.keys(STATIC_FIELDS) as StaticField[];

export interface VesselRecord {
  mmsi: number;
  name: string | null;
  callsign: string | null;
  imo: number | null;
  shipType: number | null;
  destination: string | null;
  draught: number | null;
  eta: string | null;
  toBow: number | null;
  toStern: number | null;
  toPort: number | null;
  toStarboard: number | null;
  aisClass: 'A' | 'B' | null;
  firstSeenAt: string;
  staticAt: string | null;
  lastFixAt: string | null;
  lat: number | null;
  lon: number | null;
  sog: number | null;
  cog: number | null;
}

export interface VesselChange {
  at: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface VesselListFilter {
  /** Last fix inside this box. */
  bbox?: BBox;
  shipTypes?: number[];
  /** Heard (last fix) at or after this ISO time. */
  since?: string;
  /** Keyset: MMSIs greater than this. */
  afterMmsi?: number;
  limit?: number;
}

interface VesselRow {
  mmsi: number; name: string | null; callsign: string | null; imo: number | null; ship_type: number | null;
  destination: string | null; draught: unknown; eta: string | null; to_bow: number | null; to_stern: number | null;
  to_port: number | null; to_starboard: number | null; ais_class: string | null; first_seen_at: unknown;
  static_at: unknown; last_fix_at: unknown; last_lat: unknown; last_lon: unknown; last_sog: unknown; last_cog: unknown;
}

function rowToVessel(r: VesselRow): VesselRecord {
  return {
    mmsi: Number(r.mmsi), name: r.name, callsign: r.callsign, imo: numOrNull(r.imo), shipType: numOrNull(r.ship_type),
    destination: r.destination, draught: tenthOrNull(r.draught), eta: r.eta, toBow: numOrNull(r.to_bow),
    toStern: numOrNull(r.to_stern), toPort: numOrNull(r.to_port), toStarboard: numOrNull(r.to_starboard),
    aisClass: (r.ais_class as 'A' | 'B' | null) ?? null, firstSeenAt: iso(r.first_seen_at), staticAt: isoOrNull(r.static_at),
    lastFixAt: isoOrNull(r.last_fix_at), lat: numOrNull(r.last_lat), lon: numOrNull(r.last_lon),
    sog: tenthOrNull(r.last_sog), cog: tenthOrNull(r.last_cog),
  };
}

const rowValue = (r: VesselRow, f: StaticField): unknown => {
  const v = r[STATIC_FIELDS[f]];
  return f === 'draught' ? tenthOrNull(v) : v;
};

/** AIS class from the message type: 5 is class A static data; 19 and 24 are class B. */
const aisClassOf = (type: number): 'A' | 'B' | null => (type === 5 ? 'A' : type === 19 || type === 24 ? 'B' : null);

export class VesselRepository {
  constructor(private readonly db: Db) {}

  /**
   * Merges the static fields the message carries (null = "not available" keeps what is known)
   * and records what changed. Returns the changes (empty when nothing changed).
   */
  async upsertStatic(msg: AisMessage): Promise<VesselChange | null> {
    const incoming: Partial<Record<StaticField, unknown>> = {};
    for (const f of FIELD_NAMES) {
      const v = msg[f];
      if (v !== null && v !== undefined && v !== '') incoming[f] = f === 'draught' ? tenthOrNull(v) : v;
    }
    const at = msg.receivedAt && !Number.isNaN(Date.parse(msg.receivedAt)) ? new Date(msg.receivedAt).toISOString() : new Date().toISOString();
    if (!Object.keys(incoming).length) return null;
    return this.db.tx(async (q) => {
      await q.query('INSERT INTO vessels (mmsi, first_seen_at) VALUES ($1, $2) ON CONFLICT (mmsi) DO NOTHING', [msg.mmsi, at]);
      const cur = (await q.query<VesselRow>('SELECT * FROM vessels WHERE mmsi = $1 FOR UPDATE', [msg.mmsi])).rows[0]!;
      const changes: VesselChange['changes'] = {};
      for (const [f, v] of Object.entries(incoming) as [StaticField, unknown][]) {
        const old = rowValue(cur, f);
        if (old !== v) changes[f] = { from: old ?? null, to: v };
      }
      const cls = aisClassOf(msg.type);
      const sets: string[] = [];
      const params: unknown[] = [msg.mmsi];
      for (const f of Object.keys(changes) as StaticField[]) sets.push(`${STATIC_FIELDS[f]} = $${params.push(incoming[f])}`);
      if (cls && cur.ais_class !== cls) sets.push(`ais_class = $${params.push(cls)}`);
      sets.push(`static_at = GREATEST(static_at, $${params.push(at)}::timestamptz)`);
      await q.query(`UPDATE vessels SET ${sets.join(', ')} WHERE mmsi = $1`, params);
      if (!Object.keys(changes).length) return null;
      await q.query('INSERT INTO vessel_history (mmsi, at, changes) VALUES ($1, $2, $3::jsonb)', [msg.mmsi, at, JSON.stringify(changes)]);
      return { at, changes };
    });
  }

  async get(mmsi: number): Promise<VesselRecord | null> {
    const { rows } = await this.db.query<VesselRow>('SELECT * FROM vessels WHERE mmsi = $1', [mmsi]);
    return rows[0] ? rowToVessel(rows[0]) : null;
  }

  /** Changes of static data, oldest first. */
  async history(mmsi: number): Promise<VesselChange[]> {
    const { rows } = await this.db.query<{ at: unknown; changes: unknown }>(
      'SELECT at, changes FROM vessel_history WHERE mmsi = $1 ORDER BY at, id', [mmsi]);
    return rows.map((r) => ({ at: iso(r.at), changes: jsonValue(r.changes) }));
  }

  /** By name or call sign (substring, case-insensitive) or MMSI/IMO prefix. */
  async search(text: string, limit = 20): Promise<VesselRecord[]> {
    const t = text.trim();
    if (!t) return [];
    const digits = /^\d+$/.test(t) ? `${t}%` : null;
    const { rows } = await this.db.query<VesselRow>(
      `SELECT * FROM vessels
       WHERE lower(name) LIKE $1 ESCAPE '\\' OR lower(callsign) LIKE $1 ESCAPE '\\'
          OR ($2::text IS NOT NULL AND (mmsi::text LIKE $2 OR imo::text LIKE $2))
       ORDER BY (lower(name) = $3) DESC, name NULLS LAST, mmsi LIMIT $4`,
      [`%${likeLiteral(t.toLowerCase())}%`, digits, t.toLowerCase(), limit],
    );
    return rows.map(rowToVessel);
  }

  async list(filter: VesselListFilter = {}): Promise<VesselRecord[]> {
    const limit = filter.limit ?? 500;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new InvalidQueryError('limit must be an integer in 1..10000', { limit });
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    if (filter.bbox) {
      const b = filter.bbox;
      where.push(`last_lat BETWEEN ${p(b.south)} AND ${p(b.north)}`);
      where.push(b.west <= b.east ? `last_lon BETWEEN ${p(b.west)} AND ${p(b.east)}` : `(last_lon >= ${p(b.west)} OR last_lon <= ${p(b.east)})`);
    }
    if (filter.shipTypes?.length) where.push(`ship_type = ANY(${p(filter.shipTypes)}::smallint[])`);
    if (filter.since) where.push(`last_fix_at >= ${p(filter.since)}::timestamptz`);
    if (filter.afterMmsi !== undefined) where.push(`mmsi > ${p(filter.afterMmsi)}`);
    const { rows } = await this.db.query<VesselRow>(
      `SELECT * FROM vessels ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY mmsi LIMIT ${p(limit)}`, params);
    return rows.map(rowToVessel);
  }
}
