/**
 * Live vessels over socket.io: a viewport subscription gets the vessels in its box, then only
 * deltas (changed/entered vessels and removed MMSIs), batched per tick, never the whole fleet.
 * REST list/search/one vessel read the same live view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompactVesselDelta, VesselDelta, VesselSnapshot } from '@seawarden/contracts';
import { connectOutcome, once, startConsole, type RunningConsole } from './console-harness.js';

const snap = (mmsi: number, lat: number, lon: number, over: Partial<VesselSnapshot> = {}): VesselSnapshot => ({
  mmsi, name: `BOAT ${mmsi}`, callsign: `C${mmsi % 10000}`, imo: null, shipType: 37, category: 'leisure', aisClass: 'B', length: 9,
  lat, lon, sog: 5, cog: 90, heading: 90, navStatus: null, motion: 'underway',
  fixAt: new Date().toISOString(), lastHeardAt: new Date().toISOString(), zones: [], registered: false, ...over,
});

const BOX = { west: 122.2, south: 29.8, east: 122.5, north: 30.1 };

describe('live vessel viewport', () => {
  let c: RunningConsole;
  let token: string;

  beforeAll(async () => {
    c = await startConsole({ settings: { vesselTickMs: 300, consoleWebhooks: false } });
    token = await c.tokenFor('operator');
    // 2,000 vessels, 10 inside the box.
    const fleet: VesselSnapshot[] = [];
    for (let i = 0; i < 2000; i++) fleet.push(i < 10 ? snap(412000000 + i, 29.9 + i * 0.01, 122.3) : snap(413000000 + i, 31 + (i % 50) * 0.01, 123 + (i % 40) * 0.01));
    c.bus.publishVessels(fleet);
  }, 120_000);
  afterAll(async () => c?.close());

  it('full box first, then only what changed, and removals', async () => {
    const s = c.socket(token);
    expect(await connectOutcome(s)).toEqual({ connected: true });
    const first = once<VesselDelta>(s, 'vessels:delta');
    expect(await s.emitWithAck('vessels:subscribe', BOX)).toEqual({ ok: true });
    const full = await first;
    expect(full.full).toBe(true);
    expect(full.upsert.map((v) => v.mmsi).sort()).toEqual(Array.from({ length: 10 }, (_, i) => 412000000 + i));

    const deltas: VesselDelta[] = [];
    s.on('vessels:delta', (d: VesselDelta) => deltas.push(d));
    // One moves inside, one leaves the box, one enters it, 500 move far away (outside).
    c.bus.publishVessels([
      snap(412000001, 29.95, 122.31),
      snap(412000002, 31.5, 123.5),
      snap(413000100, 29.85, 122.25),
      ...Array.from({ length: 500 }, (_, i) => snap(413000200 + i, 31.2, 123.2)),
    ]);
    const merge = () => ({ upsert: deltas.flatMap((d) => d.upsert.map((v) => v.mmsi)), remove: deltas.flatMap((d) => d.remove) });
    for (let i = 0; i < 100 && !(merge().upsert.length >= 2 && merge().remove.length >= 1); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 400)); // anything extra would arrive by now
    expect(deltas.length).toBeGreaterThanOrEqual(1);
    const merged = { upsert: deltas.flatMap((d) => d.upsert.map((v) => v.mmsi)).sort(), remove: deltas.flatMap((d) => d.remove) };
    expect(merged).toEqual({ upsert: [412000001, 413000100], remove: [412000002] });
    expect(deltas.every((d) => !d.full)).toBe(true);

    // Nothing changes: nothing is sent.
    const before = deltas.length;
    await new Promise((r) => setTimeout(r, 800));
    expect(deltas.length).toBe(before);
  });

  it('batches at most one delta per tick however many updates arrive', async () => {
    const s = c.socket(token);
    expect(await connectOutcome(s)).toEqual({ connected: true });
    await s.emitWithAck('vessels:subscribe', BOX);
    const deltas: VesselDelta[] = [];
    s.on('vessels:delta', (d: VesselDelta) => { if (!d.full) deltas.push(d); });
    const t0 = Date.now();
    while (Date.now() - t0 < 1000) {
      c.bus.publishVessels([snap(412000003, 29.93 + Math.random() * 0.01, 122.3)]);
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 400));
    // ~80 updates in 1 s at a 300 ms tick: a handful of deltas, each carrying the vessel once.
    expect(deltas.length).toBeGreaterThanOrEqual(1);
    expect(deltas.length).toBeLessThanOrEqual(6);
    for (const d of deltas) expect(d.upsert.map((v) => v.mmsi)).toEqual([412000003]);
  });

  it('compact rows on request; bad boxes refused with the field named', async () => {
    const s = c.socket(token);
    expect(await connectOutcome(s)).toEqual({ connected: true });
    const first = once<CompactVesselDelta>(s, 'vessels:compact');
    expect(await s.emitWithAck('vessels:subscribe', { ...BOX, compact: true })).toEqual({ ok: true });
    const d = await first;
    expect(d.full).toBe(true);
    expect(d.rows.length).toBe(10);
    const row = d.rows.find((r) => r[0] === 412000000)!;
    expect(row.slice(0, 3)).toEqual([412000000, 29.9, 122.3]);
    expect(row[6]).toBe('leisure');
    const bad = await s.emitWithAck('vessels:subscribe', { west: 122, south: 95, east: 123, north: 30 });
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/^south/);
  });

  it('20,000 vessels in view: the first content comes in chunks of compact rows', async () => {
    const big: VesselSnapshot[] = Array.from({ length: 20_000 }, (_, i) => snap(414000000 + i, 10 + (i % 200) * 0.01, 10 + Math.floor(i / 200) * 0.01));
    c.bus.publishVessels(big);
    const s = c.socket(token);
    expect(await connectOutcome(s)).toEqual({ connected: true });
    const msgs: CompactVesselDelta[] = [];
    s.on('vessels:compact', (d: CompactVesselDelta) => msgs.push(d));
    await s.emitWithAck('vessels:subscribe', { west: 9.5, south: 9.5, east: 11.5, north: 12.5, compact: true });
    await new Promise((r) => setTimeout(r, 500));
    const rows = msgs.flatMap((m) => m.rows);
    expect(rows).toHaveLength(20_000);
    expect(msgs[0]!.full).toBe(true);
    expect(msgs.slice(1).every((m) => !m.full)).toBe(true);
    const bytes = msgs.map((m) => JSON.stringify(m).length);
    console.log(`20,000 vessels: ${msgs.length} messages, largest ${(Math.max(...bytes) / 1024).toFixed(0)} KB, total ${(bytes.reduce((a, b) => a + b, 0) / 1024).toFixed(0)} KB (compact)`);
    expect(Math.max(...bytes)).toBeLessThan(300 * 1024);
  });

  it('REST: list with filters, search, one vessel', async () => {
    const list = await c.http('GET', `/api/vessels?bbox=${BOX.west},${BOX.south},${BOX.east},${BOX.north}&category=leisure`, { token });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(10);
    const search = await c.http('GET', '/api/vessels/search?q=412000005', { token });
    expect(search.body.items[0].mmsi).toBe(412000005);
    const byName = await c.http('GET', '/api/vessels/search?q=boat%20412000007', { token });
    expect(byName.body.items.map((v: any) => v.mmsi)).toContain(412000007);
    const one = await c.http('GET', '/api/vessels/412000004', { token });
    expect(one.status).toBe(200);
    expect(one.body.vessel.mmsi).toBe(412000004);
    expect((await c.http('GET', '/api/vessels/999999999', { token })).status).toBe(404);
    expect((await c.http('GET', '/api/vessels?bbox=1,2,3', { token })).body.field).toBe('bbox');
  });
});
