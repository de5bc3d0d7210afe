import type { Alert } from '@seawarden/contracts';
import { csvText } from '../common/csv-cell.js';

const CSV_COLUMNS = ['id', 'rule', 'severity', 'status', 'mmsi', 'vesselName', 'zoneId', 'openedAt', 'updatedAt', 'closedAt', 'lat', 'lon', 'reasonEn', 'reasonZh'] as const;

export function alertsToCsv(alerts: Alert[]): string {
  return csvText(
    CSV_COLUMNS,
    alerts.map((a) => {
      const row = {
        ...a, status: a.status ?? 'open', lat: a.position?.lat ?? null, lon: a.position?.lon ?? null,
        reasonEn: a.reason?.en, reasonZh: a.reason?.zh,
      } as Record<string, unknown>;
      return CSV_COLUMNS.map((c) => row[c]);
    }),
  );
}

export function alertFeature(a: Alert) {
  const { position, evidence, ...props } = a;
  return {
    type: 'Feature' as const,
    geometry: position ? { type: 'Point' as const, coordinates: [position.lon, position.lat] } : null,
    properties: { ...props, status: a.status ?? 'open', evidenceCount: evidence?.length ?? 0 },
  };
}

export function alertsToGeoJson(alerts: Alert[]) {
  return { type: 'FeatureCollection' as const, features: alerts.map(alertFeature) };
}

export const xml = (s: unknown): string =>
  String(s ?? '').replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export function alertsToKml(alerts: Alert[]): string {
  const marks = alerts
    .filter((a) => a.position)
    .map((a) => `  <Placemark>
    <name>${xml(`${a.rule} ${a.mmsi}`)}</name>
    <description>${xml(`${a.reason?.en ?? ''} / ${a.reason?.zh ?? ''} (${a.severity}, ${a.status ?? 'open'}, opened ${a.openedAt})`)}</description>
    <TimeStamp><when>${xml(a.openedAt)}</when></TimeStamp>
    <ExtendedData>
      <Data name="id"><value>${xml(a.id)}</value></Data>
      <Data name="rule"><value>${xml(a.rule)}</value></Data>
      <Data name="severity"><value>${xml(a.severity)}</value></Data>
      <Data name="mmsi"><value>${a.mmsi}</value></Data>
      <Data name="zoneId"><value>${xml(a.zoneId)}</value></Data>
    </ExtendedData>
    <Point><coordinates>${a.position!.lon},${a.position!.lat},0</coordinates></Point>
  </Placemark>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document>
  <name>Seawarden alerts</name>
${marks}
</Document>
</kml>
`;
}
