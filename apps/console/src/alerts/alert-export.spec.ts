import { describe, expect, it } from 'vitest';
import type { Alert } from '@seawarden/contracts';
import { alertsToCsv, alertsToKml } from './alert-export.js';

const a = (over: Partial<Alert> = {}): Alert => ({
  id: 'a1', rule: 'speeding', severity: 'medium', mmsi: 412000001, vesselName: 'ZHE, "1"', zoneId: null,
  openedAt: '2026-07-01T00:00:00.000Z', updatedAt: '2026-07-01T00:00:00.000Z', closedAt: null,
  position: { lat: 29.9, lon: 122.3 }, reason: { zh: '超速', en: 'too fast <b>' }, evidence: [], ...over,
});

describe('alert exports', () => {
  it('CSV quotes, escapes and neutralises formulas', () => {
    const csv = alertsToCsv([a(), a({ id: 'a2', vesselName: '@SUM(A1)' })]);
    const lines = csv.split('\r\n');
    expect(lines[1]).toContain('"ZHE, ""1"""');
    expect(lines[2]).toContain("'@SUM(A1)");
    expect(lines[1]).toContain(',open,');
  });

  it('KML escapes text and skips alerts without a position', () => {
    const kml = alertsToKml([a(), a({ id: 'a3', position: null })]);
    expect(kml.match(/<Placemark>/g)).toHaveLength(1);
    expect(kml).toContain('too fast &lt;b&gt;');
    expect(kml).toContain('<coordinates>122.3,29.9,0</coordinates>');
  });
});
