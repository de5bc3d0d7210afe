// Restart test: the pipeline (decoder → engine → store, PGlite file in a temp dir) runs in a
// real child process that is SIGKILLed, then a new process resumes on the same data. The open
// alert continues; no duplicate alert appears — also when the saved engine state is older than
// the alerts in the database.
import { execFileSync, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AisDecoder, encodeMessage } from '@seawarden/ais';
import type { Alert, AlertChange } from '@seawarden/contracts';
import { DetectionEngine } from '@seawarden/geofence';
import { loadDetectionConfig } from '@seawarden/geofence/scenario';
import { openStore } from '@seawarden/store';
import { quietLogger, tempDir } from './store.helpers.js';

const ROOT = join(import.meta.dirname, '..');
const T0 = Date.parse('2026-07-05T02:00:00Z') / 1000;
const MMSI = 412777001;

/** A fishing boat sails into the restricted zone east of Zhujiajian and stays there 100 min. */
function nmea(): string[] {
  const out: string[] = [];
  const at = (k: number, lat: number, lon: number, sog: number) =>
    out.push(...encodeMessage({ type: 1, repeat: 0, mmsi: MMSI, navStatus: 0, rot: 0, sog, accuracy: true, lon, lat, cog: 90, heading: 90, second: k % 60, maneuver: 0, raim: false, radio: 0 },
      { tagBlock: { s: 'restart', c: T0 + k * 10 } }));
  // Static and voyage data every 6 min, as a Class A sends it (a restarted engine learns it again).
  const statics = (k: number) =>
    out.push(...encodeMessage({ type: 5, repeat: 0, mmsi: MMSI, aisVersion: 0, imo: 0, callsign: 'BZZ7', name: 'ZHE PU YU 777', shipType: 30, toBow: 10, toStern: 10, toPort: 3, toStarboard: 3, epfd: 1, month: 7, day: 5, hour: 12, minute: 0, draught: 2, destination: 'SHENJIAMEN', dte: false }, { tagBlock: { s: 'restart', c: T0 + k * 10 } }));
  for (let k = 0; k < 660; k++) {
    if (k % 36 === 0) statics(k);
    if (k < 60) at(k, 29.92, 122.40 + k * 0.0007, 8); // approach from the west (~10 min)
    else at(k, 29.92 + (k % 7) * 1e-4, 122.452 + (k % 5) * 1e-4, 0.5); // inside, drifting
  }
  return out;
}

function buildPackages(): void {
  try {
    execFileSync('npx', ['tsc', '-b', 'libs/contracts', 'libs/ais', 'libs/geofence', 'libs/store'], { cwd: ROOT, stdio: 'pipe' });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`building the packages the child process runs failed:\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`);
  }
}

/** Runs the pipeline child over [from, to), waits until it is idle, then SIGKILLs it. */
async function runAndKill(dataDir: string, file: string, from: number, to: number, saveUpTo: number) {
  const child = spawn(process.execPath, [join(ROOT, 'tests/fixtures/store-pipeline.mjs'), dataDir, file, String(from), String(to), String(saveUpTo)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const report = await new Promise<{ changes: number; positions: number; open: string[] }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n')) resolve(JSON.parse(line));
    });
    child.on('exit', (code) => reject(new Error(`pipeline child exited (${code}) before finishing:\n${stderr}`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  return report;
}

/** The same input in one uninterrupted engine: the alerts it ends with. */
function reference(lines: string[]): Map<string, Alert> {
  const engine = new DetectionEngine(loadDetectionConfig());
  const alerts = new Map<string, Alert>();
  const dec = new AisDecoder({
    onMessage: (m) => {
      for (const c of engine.process(m, Date.parse(m.receivedAt!)) as AlertChange[]) alerts.set(c.alert.id, c.alert);
    },
  });
  for (const l of lines) dec.push(l);
  dec.flush();
  return alerts;
}

describe('store across a killed and restarted pipeline (PGlite file, real child processes)', () => {
  let dir: string;
  let file: string;
  let lines: string[];

  beforeAll(() => {
    buildPackages();
    dir = tempDir('seawarden-restart-');
    lines = nmea();
    file = join(dir, 'input.nmea');
    writeFileSync(file, lines.join('\n') + '\n');
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const ref = () => [...reference(lines).values()].filter((a) => a.mmsi === MMSI);

  for (const variant of [
    { name: 'state saved with every alert change', saveUpTo: (k: number) => k, stale: false },
    { name: 'state saved long before the alerts opened (stale state)', saveUpTo: () => 20, stale: true },
  ]) {
    it(`continues the open alert without a duplicate: ${variant.name}`, async () => {
      const expected = ref();
      expect(expected.length).toBeGreaterThan(0); // the scenario does raise an alert
      const dataDir = join(dir, variant.stale ? 'stale' : 'fresh');
      // Restart at ~03:00: well after the alerts opened (~ line 130), before the uninterrupted run
      // closes its identity alert (03:10), and more than resumedCloseGraceMs before the input ends.
      const K = Math.floor(lines.length * 0.55);
      const first = await runAndKill(dataDir, file, 0, K, variant.saveUpTo(K));
      expect(first.open.length).toBeGreaterThan(0);
      const second = await runAndKill(dataDir, file, K, lines.length, lines.length);

      const store = await openStore({ dataDir, logger: quietLogger });
      try {
        const alerts = (await store.db.query<{ id: string; rule: string; zone_id: string | null }>(
          'SELECT id, rule, zone_id FROM alerts WHERE mmsi = $1 ORDER BY opened_at', [MMSI])).rows;
        // One alert per episode, as in the uninterrupted run, and the same ones.
        expect(alerts.map((a) => `${a.rule}/${a.zone_id}`).sort()).toEqual(expected.map((a) => `${a.rule}/${a.zoneId}`).sort());
        expect(alerts.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
        const open = await store.alerts.openAlerts();
        const expectedOpen = expected.filter((a) => !a.closedAt).map((a) => a.id).sort();
        // Also with a stale state: the engine takes up the open alerts it forgot, so the ones the
        // uninterrupted run closed are closed here too.
        expect(open.map((a) => a.id).sort()).toEqual(expectedOpen);
        // The episode open at the kill was updated by the second process.
        const spanning = first.open.filter((id) => alerts.some((a) => a.id === id));
        expect(spanning.length).toBeGreaterThan(0);
        const lastEvent = (await store.db.query<{ at: Date }>('SELECT max(at) AS at FROM alert_events WHERE alert_id = $1', [spanning[0]])).rows[0]!;
        expect(new Date(lastEvent.at).getTime()).toBeGreaterThan((T0 + (K - 62) * 10) * 1000);
        expect((await store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM alert_events WHERE action = 'opened' AND alert_id = ANY($1)", [alerts.map((a) => a.id)])).rows[0]!.n)
          .toBe(alerts.length);
        // Every position both processes flushed is there once.
        const n = (await store.db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT t)::int AS d FROM positions WHERE mmsi = $1', [MMSI])).rows[0]!;
        expect(n).toEqual({ n: first.positions + second.positions, d: first.positions + second.positions });
      } finally {
        await store.close();
      }
    }, 180_000);
  }
});
