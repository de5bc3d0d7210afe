import { AisDecoder } from '@seawarden/ais';
import type { Alert, AisMessage, DecodeCounters } from '@seawarden/contracts';
import { DetectionEngine, type DetectorParams } from '@seawarden/geofence';
import type { DetectionConfig } from '@seawarden/geofence/scenario';

export interface DetectionResult {
  /** Every alert raised, once, in its final state (closedAt null when still open at the end), by openedAt. */
  alerts: Alert[];
  counters: DecodeCounters;
  /** Decoded messages that carried no time (tag block `c:` or trailing time) and came before any that did. */
  untimed: number;
  /** Receive time of the last message used. */
  lastMs: number | null;
}

/**
 * Runs NMEA lines through the decoder and the detection engine in data time (each message's
 * `receivedAt`; a message without one takes the last time seen). Alerts are kept by id so each
 * is reported once at its latest state.
 */
export async function detectAlerts(
  lines: Iterable<string> | AsyncIterable<string>,
  config: Pick<DetectionConfig, 'zones' | 'calendars' | 'registry'> & Partial<Pick<DetectionConfig, 'land'>>,
  params?: Partial<DetectorParams>,
): Promise<DetectionResult> {
  config.zones.prepare(); // the zone cells classified now, not on the first vessels' visits
  const engine = new DetectionEngine({ zones: config.zones, calendars: config.calendars, registry: config.registry, land: config.land, params });
  const alerts = new Map<string, Alert>();
  let lastMs: number | null = null;
  let untimed = 0;
  const onMessage = (m: AisMessage) => {
    const t = m.receivedAt ? Date.parse(m.receivedAt) : NaN;
    if (Number.isFinite(t)) lastMs = lastMs === null ? t : Math.max(lastMs, t);
    else if (lastMs === null) {
      untimed++;
      return;
    }
    for (const c of engine.process(m, Number.isFinite(t) ? t : lastMs!)) alerts.set(c.alert.id, c.alert);
  };
  const decoder = new AisDecoder({ onMessage });
  for await (const line of lines) decoder.push(line);
  decoder.flush();
  if (lastMs !== null) for (const c of engine.tick(lastMs)) alerts.set(c.alert.id, c.alert);
  for (const a of engine.openAlerts()) alerts.set(a.id, a);
  const list = [...alerts.values()].sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.mmsi - b.mmsi || a.rule.localeCompare(b.rule));
  return { alerts: list, counters: decoder.counters, untimed, lastMs };
}
