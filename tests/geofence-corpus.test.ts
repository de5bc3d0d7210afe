/**
 * The detection engine on real traffic nobody scripted: every file of ../shared/ais-corpus,
 * decoded by libs/ais, through the engine with the built-in Zhoushan configuration and with no
 * zones at all (every rule that needs no zone then sees everything). Checks that nothing throws,
 * that every alert is complete and explained in both languages, that there is one alert per
 * episode, and that the zone-free rules stay quiet enough to be trusted (false-alarm budget).
 */
import type { AisMessage, AlertChange } from '@seawarden/contracts';
import { AisDecoder } from '@seawarden/ais';
import { DetectionEngine, loadCalendars, loadRegistry, loadZones } from '@seawarden/geofence';
import { loadZhoushanScenario } from '@seawarden/geofence/scenario';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../shared/ais-corpus/', import.meta.url));
const present = existsSync(dir);
if (!present) console.warn(`geofence-corpus: skipped, corpus not found at ${dir}`);

/**
 * Decoded messages with a time: their own when every message of the file has one, else the
 * file played at 10 lines a second (mixing the two clocks would invent silences of years).
 */
function decodeFile(file: string): [AisMessage, number][] {
  const msgs: AisMessage[] = [];
  const dec = new AisDecoder({ source: file, onMessage: (m) => msgs.push(m) });
  for (const line of readFileSync(`${dir}${file}`, 'utf8').split(/\r?\n/)) dec.push(line);
  dec.flush();
  const timed = msgs.length > 0 && msgs.every((m) => m.receivedAt && Number.isFinite(Date.parse(m.receivedAt)));
  const base = Date.parse('2025-07-15T02:00:00Z');
  return msgs.map((m) => [m, timed ? Date.parse(m.receivedAt!) : base + m.line * 100]);
}

function checkAlerts(changes: AlertChange[]) {
  const openKeys = new Set<string>();
  for (const c of changes) {
    const a = c.alert;
    for (const k of ['id', 'rule', 'severity', 'mmsi', 'openedAt', 'updatedAt', 'reason', 'evidence'] as const) expect(a[k], `${a.rule} ${k}`).toBeDefined();
    expect(a.reason.zh.length).toBeGreaterThan(0);
    expect(a.reason.en.length).toBeGreaterThan(0);
    expect(a.evidence.length).toBeGreaterThan(0);
    for (const e of a.evidence) expect(e.reason.zh && e.reason.en, `${a.rule} evidence ${e.kind}`).toBeTruthy();
    const key = `${a.rule}|${a.mmsi}|${a.id}`;
    if (c.kind === 'opened') {
      expect(openKeys.has(key)).toBe(false);
      openKeys.add(key);
    } else if (c.kind === 'closed') openKeys.delete(key);
  }
}

describe.skipIf(!present)('detection engine on the real AIS corpus', () => {
  const files = present ? readdirSync(dir).filter((f) => f.endsWith('.nmea') || f.endsWith('.aivdm')) : [];

  it('runs every file with the Zhoushan configuration and with no zones, alerts complete and few', () => {
    const scenario = loadZhoushanScenario();
    const noZones = { zones: loadZones({ type: 'FeatureCollection', features: [] }), calendars: loadCalendars({ calendars: [] }), registry: loadRegistry('mmsi,name,category,gear,licensedPassengers,homePort,notes') };
    let messages = 0;
    let vessels = 0;
    const byRule: Record<string, number> = {};
    for (const file of files) {
      const stream = decodeFile(file).sort((a, b) => a[1] - b[1]);
      messages += stream.length;
      for (const cfg of [scenario, noZones]) {
        const engine = new DetectionEngine(cfg);
        const changes: AlertChange[] = [];
        for (const [m, t] of stream) changes.push(...engine.process(m, t));
        const end = stream.length ? stream[stream.length - 1][1] : 0;
        changes.push(...engine.tick(end + 60_000));
        checkAlerts(changes);
        if (cfg === noZones) {
          vessels += engine.vesselCount;
          const opened = changes.filter((c) => c.kind === 'opened');
          if (opened.length) console.log(`  ${file}: ${engine.vesselCount} vessels, ${opened.length} alerts: ${[...new Set(opened.map((c) => c.alert.rule))].join(', ')}; e.g. ${opened.slice(0, 2).map((c) => c.alert.reason.en).join(' | ')}`);
          for (const c of changes) if (c.kind === 'opened') byRule[c.alert.rule] = (byRule[c.alert.rule] ?? 0) + 1;
        }
      }
    }
    console.log(`geofence-corpus: ${files.length} files, ${messages} messages, ${vessels} vessels; alerts opened without zones: ${JSON.stringify(byRule)}`);
    expect(messages).toBeGreaterThan(10_000);
    // Zone-free rules on ordinary traffic: an operator stops trusting more than a few per hundred vessels.
    const total = Object.values(byRule).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(vessels * 0.05);
  });
});
