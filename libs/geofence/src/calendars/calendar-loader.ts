import type { Reason } from '@seawarden/contracts';
import { CalendarFileError } from '../errors.js';
import { BanCalendars, type BanCalendar, type BanPeriod, type MonthDayTime, type YearOverride } from './ban-calendars.js';
import { GEARS, isGear, type Gear } from './gears.js';
import { assertTimeZone } from './local-time.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Calendars file:
 * ```json
 * { "timezone": "Asia/Shanghai",
 *   "calendars": [ { "id": "moratorium-35n-26.5n", "name": {"zh": "…", "en": "…"},
 *     "exemptGears": ["hook_and_line"],
 *     "periods": [
 *       { "gears": ["*"], "from": "05-01T12:00", "to": "09-16T12:00" },
 *       { "gears": ["beam_shrimp_trawl","cage_pot","gillnet","light_lure"], "from": "05-01T12:00", "to": "09-16T12:00",
 *         "years": { "2024": { "licensedFrom": "08-01T12:00" } } } ] } ] }
 * ```
 * Times are local wall-clock `MM-DDTHH:mm`; `years` overrides `from`/`to` or adds a special-licence opening.
 */
export function loadCalendars(json: unknown): BanCalendars {
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (e) {
      throw new CalendarFileError('', `not valid JSON (${(e as Error).message})`);
    }
  }
  if (!isObject(json)) throw new CalendarFileError('', 'must be a JSON object with "calendars"');
  const timezone = json.timezone ?? 'Asia/Shanghai';
  if (typeof timezone !== 'string') throw new CalendarFileError('timezone', 'must be an IANA time zone name');
  try {
    assertTimeZone(timezone);
  } catch {
    throw new CalendarFileError('timezone', `'${timezone}' is not a known IANA time zone`);
  }
  if (!Array.isArray(json.calendars)) throw new CalendarFileError('calendars', 'must be an array');
  const ids = new Set<string>();
  const calendars = json.calendars.map((c, i) => {
    const cal = toCalendar(c, `calendars[${i}]`);
    if (ids.has(cal.id)) throw new CalendarFileError(`calendars[${i}].id`, `duplicate calendar id '${cal.id}'`);
    ids.add(cal.id);
    return cal;
  });
  return new BanCalendars(timezone, calendars);
}

function toCalendar(c: unknown, path: string): BanCalendar {
  if (!isObject(c)) throw new CalendarFileError(path, 'must be an object');
  if (typeof c.id !== 'string' || !c.id) throw new CalendarFileError(`${path}.id`, 'must be a non-empty string');
  const name = (isObject(c.name) && typeof c.name.zh === 'string' && typeof c.name.en === "string" ? (c.name as unknown as Reason) : { zh: c.id, en: c.id });
  const exemptGears = gearList(c.exemptGears ?? [], `${path}.exemptGears`, false) as Gear[];
  if (!Array.isArray(c.periods) || c.periods.length === 0) throw new CalendarFileError(`${path}.periods`, 'must be a non-empty array');
  const periods = c.periods.map((p, j) => toPeriod(p, `${path}.periods[${j}]`));
  return { id: c.id, name, exemptGears, periods };
}

function toPeriod(p: unknown, path: string): BanPeriod {
  if (!isObject(p)) throw new CalendarFileError(path, 'must be an object');
  const gears = gearList(p.gears, `${path}.gears`, true);
  if (gears.length === 0) throw new CalendarFileError(`${path}.gears`, 'must list at least one gear or "*"');
  const years: Record<number, YearOverride> = {};
  if (p.years !== undefined) {
    if (!isObject(p.years)) throw new CalendarFileError(`${path}.years`, 'must be an object keyed by year');
    for (const [y, o] of Object.entries(p.years)) {
      const yp = `${path}.years.${y}`;
      if (!/^\d{4}$/.test(y)) throw new CalendarFileError(yp, 'year keys must be four digits');
      if (!isObject(o)) throw new CalendarFileError(yp, 'must be an object with from/to/licensedFrom');
      const ov: YearOverride = {};
      if (o.from !== undefined) ov.from = monthDay(o.from, `${yp}.from`);
      if (o.to !== undefined) ov.to = monthDay(o.to, `${yp}.to`);
      if (o.licensedFrom !== undefined) ov.licensedFrom = monthDay(o.licensedFrom, `${yp}.licensedFrom`);
      if (o.licensedWestOfLon !== undefined) {
        if (typeof o.licensedWestOfLon !== 'number' || Math.abs(o.licensedWestOfLon) > 180) {
          throw new CalendarFileError(`${yp}.licensedWestOfLon`, 'must be a longitude in degrees');
        }
        ov.licensedWestOfLon = o.licensedWestOfLon;
      }
      years[Number(y)] = ov;
    }
  }
  return { gears, from: monthDay(p.from, `${path}.from`), to: monthDay(p.to, `${path}.to`), years };
}

function gearList(v: unknown, path: string, allowStar: boolean): (Gear | '*')[] {
  if (!Array.isArray(v)) throw new CalendarFileError(path, 'must be an array of gear names');
  return v.map((g, k) => {
    if (typeof g === 'string' && (isGear(g) || (allowStar && g === '*'))) return g as Gear | '*';
    throw new CalendarFileError(`${path}[${k}]`, `gear '${String(g)}' is not one of ${allowStar ? '*, ' : ''}${GEARS.join(', ')}`);
  });
}

/** Accepts "MM-DDTHH:mm", "MM-DD HH:mm" or "MM-DD" (midnight); a full "YYYY-MM-DDTHH:mm" keeps only month/day/time. */
function monthDay(v: unknown, path: string): MonthDayTime {
  const m = typeof v === 'string' ? /^(?:\d{4}-)?(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(v) : null;
  if (!m) throw new CalendarFileError(path, `expected local time "MM-DDTHH:mm", got ${JSON.stringify(v)}`);
  const t = { month: Number(m[1]), day: Number(m[2]), hour: Number(m[3] ?? 0), minute: Number(m[4] ?? 0) };
  const dim = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > dim[t.month - 1] || t.hour > 23 || t.minute > 59) {
    throw new CalendarFileError(path, `${JSON.stringify(v)} is not a valid month/day/time`);
  }
  return t;
}
