import { describe, expect, it } from 'vitest';
import { at, featureCollection, rectZone } from '../testing/fixtures.js';
import { loadZones } from './zone-loader.js';
import { portMovements, type MovementFix } from './port-movements.js';

const T = Date.parse('2025-07-05T06:00:00+08:00');
const MIN = 60_000;
// Two ports 10 km apart, and a scenic area (not a port) between them.
const zones = loadZones(
  featureCollection([
    rectZone('sjm', 'port', -1000, -1000, 1000, 1000),
    rectZone('east', 'port', 9000, -1000, 11_000, 1000),
    rectZone('scenic', 'scenic_area', 4000, -1000, 6000, 1000),
  ]),
);
/** A fix `min` minutes after T, `east` metres from the origin. */
const fix = (min: number, east: number, north = 0): MovementFix => ({ t: T + min * MIN, ...at(east, north) });
const brief = (log: ReturnType<typeof portMovements>) => log.movements.map((m) => `${m.kind} ${m.zone.id} +${(m.at - T) / MIN}`);

describe('portMovements', () => {
  it('a day out from the home port and back: one departure, one arrival, at the first fix outside and inside', () => {
    const track = [fix(0, 0), fix(10, 500), fix(20, 1500), fix(30, 3000), fix(300, 5000), fix(400, 2000), fix(410, 900), fix(420, 0)];
    const log = portMovements(track, zones);
    expect(brief(log)).toEqual(['departure sjm +20', 'arrival sjm +410']);
    expect(log.startsIn?.id).toBe('sjm');
    expect(log.endsIn?.id).toBe('sjm');
    expect(log.movements[0]).toMatchObject({ lat: track[2].lat, lon: track[2].lon });
  });

  it('does not report GPS jitter across the harbour edge shorter than the exit grace', () => {
    const track = [fix(0, 900), fix(1, 1050), fix(2, 950), fix(3, 1100), fix(4, 980), fix(10, 990)];
    expect(brief(portMovements(track, zones))).toEqual([]);
    // With no grace, each step outside is a departure.
    expect(brief(portMovements(track, zones, { exitGraceMs: 0 }))).toEqual(['departure sjm +1', 'arrival sjm +2', 'departure sjm +3', 'arrival sjm +4']);
  });

  it('port to port, a track starting at sea, and only ports count', () => {
    expect(brief(portMovements([fix(0, 0), fix(30, 5000), fix(60, 10_000), fix(70, 10_500)], zones))).toEqual(['departure sjm +30', 'arrival east +60']);
    const log = portMovements([fix(0, 5000), fix(30, 7000), fix(60, 10_000)], zones);
    expect(brief(log)).toEqual(['arrival east +60']);
    expect(log.startsIn).toBeNull();
    // Adjacent ports: straight from one into the other.
    const adjacent = loadZones(featureCollection([rectZone('a', 'port', -1000, -1000, 1000, 1000), rectZone('b', 'port', 1000, -1000, 3000, 1000)]));
    expect(brief(portMovements([fix(0, 0), fix(5, 2000)], adjacent))).toEqual(['departure a +5', 'arrival b +5']);
  });

  it('a departure the end of the track cuts short of the grace is not reported', () => {
    const log = portMovements([fix(0, 0), fix(10, 0), fix(11, 1500)], zones);
    expect(brief(log)).toEqual([]);
    expect(log.endsIn?.id).toBe('sjm');
    expect(portMovements([], zones)).toEqual({ startsIn: null, endsIn: null, movements: [] });
  });
});
