import type { Alert, AlertAuditEvent, TrackPoint } from '@seawarden/contracts';
import { alertFeature, xml } from './alert-export.js';

export interface EvidenceInput {
  alert: Alert;
  track: TrackPoint[];
  zone: { type: 'Feature'; geometry: any; properties: Record<string, any> } | null;
  audit: AlertAuditEvent[];
  auditVerified: boolean;
  generatedBy: string;
  generatedAt: string;
}

/** One GeoJSON bundle: alert point, track line, zone polygon, evidence points; alert + audit on top. */
export function evidenceBundle(e: EvidenceInput) {
  const features: any[] = [{ ...alertFeature(e.alert), properties: { ...alertFeature(e.alert).properties, role: 'alert' } }];
  if (e.track.length > 1) {
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: e.track.map((p) => [p.lon, p.lat]) },
      properties: { role: 'track', mmsi: e.alert.mmsi, times: e.track.map((p) => p.t), sog: e.track.map((p) => p.sog) },
    });
  }
  if (e.zone) features.push({ type: 'Feature', geometry: e.zone.geometry, properties: { ...e.zone.properties, role: 'zone' } });
  for (const ev of e.alert.evidence ?? []) {
    if (typeof ev.lat === 'number' && typeof ev.lon === 'number') {
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [ev.lon, ev.lat] }, properties: { role: 'evidence', ...ev } });
    }
  }
  return {
    type: 'FeatureCollection' as const,
    features,
    alert: e.alert,
    track: e.track,
    audit: e.audit,
    auditVerified: e.auditVerified,
    generatedAt: e.generatedAt,
    generatedBy: e.generatedBy,
  };
}

/** A small SVG sketch of the track (and zone outline) in an equirectangular frame. */
function sketch(track: TrackPoint[], zone: EvidenceInput['zone'], alert: Alert): string {
  const pts: [number, number][] = track.map((p) => [p.lon, p.lat]);
  const ring: [number, number][] = zone?.geometry?.type === 'Polygon' ? zone.geometry.coordinates[0] : [];
  const all = [...pts, ...ring, ...(alert.position ? [[alert.position.lon, alert.position.lat] as [number, number]] : [])];
  if (all.length === 0) return '<p>No positions.</p>';
  const xs = all.map((p) => p[0]), ys = all.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const W = 640, H = 400, pad = 20;
  const k = Math.min((W - 2 * pad) / Math.max(e - w, 1e-6), (H - 2 * pad) / Math.max(n - s, 1e-6));
  const px = ([x, y]: [number, number]) => `${(pad + (x - w) * k).toFixed(1)},${(H - pad - (y - s) * k).toFixed(1)}`;
  const zonePath = ring.length ? `<polygon points="${ring.map(px).join(' ')}" fill="rgba(220,60,60,0.15)" stroke="#c33"/>` : '';
  const line = pts.length > 1 ? `<polyline points="${pts.map(px).join(' ')}" fill="none" stroke="#1565c0" stroke-width="2"/>` : '';
  const dot = alert.position ? (() => { const [x, y] = px([alert.position!.lon, alert.position!.lat]).split(','); return `<circle cx="${x}" cy="${y}" r="5" fill="#d32f2f"/>`; })() : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" style="border:1px solid #ccc;background:#f7fbff">${zonePath}${line}${dot}</svg>`;
}

/** Printable HTML report of the same package. */
export function evidenceReportHtml(e: EvidenceInput): string {
  const a = e.alert;
  const row = (k: string, v: unknown) => `<tr><th>${xml(k)}</th><td>${xml(v)}</td></tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Seawarden evidence ${xml(a.id)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f0f0f0}h1{font-size:20px}@media print{body{margin:0}}</style>
</head><body>
<h1>Evidence report — ${xml(a.rule)} — MMSI ${a.mmsi}</h1>
<p>${xml(a.reason?.en)}<br>${xml(a.reason?.zh)}</p>
<table>${row('Alert id', a.id)}${row('Rule', a.rule)}${row('Severity', a.severity)}${row('Status', a.status ?? 'open')}${row('Vessel', `${a.vesselName ?? ''} (${a.mmsi})`)}${row('Zone', a.zoneId ?? '')}${row('Opened', a.openedAt)}${row('Closed', a.closedAt ?? 'ongoing')}${row('Position', a.position ? `${a.position.lat.toFixed(5)}, ${a.position.lon.toFixed(5)}` : '')}${row('Generated', `${e.generatedAt} by ${e.generatedBy}`)}${row('Audit chain', e.auditVerified ? 'verified' : 'BROKEN')}</table>
<h2>Track</h2>${sketch(e.track, e.zone, a)}
<p>${e.track.length} positions${e.track.length ? ` from ${xml(e.track[0]!.t)} to ${xml(e.track[e.track.length - 1]!.t)}` : ''}.</p>
<h2>Evidence</h2>
<table><tr><th>At</th><th>Kind</th><th>Position</th><th>Reason</th></tr>
${(a.evidence ?? []).map((ev) => `<tr><td>${xml(ev.at)}</td><td>${xml(ev.kind)}</td><td>${ev.lat !== undefined ? `${ev.lat?.toFixed(5)}, ${ev.lon?.toFixed(5)}` : ''}</td><td>${xml(ev.reason?.en)}<br>${xml(ev.reason?.zh)}</td></tr>`).join('\n')}
</table>
<h2>Audit trail</h2>
<table><tr><th>#</th><th>At</th><th>Action</th><th>Actor</th><th>Note</th><th>Hash</th></tr>
${e.audit.map((ev) => `<tr><td>${ev.id}</td><td>${xml(ev.at)}</td><td>${xml(ev.action)}</td><td>${xml(ev.actor)}</td><td>${xml(ev.note ?? '')}</td><td><code>${xml(ev.hash.slice(0, 16))}…</code></td></tr>`).join('\n')}
</table>
</body></html>
`;
}
