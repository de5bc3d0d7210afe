import { getTimes } from 'suncalc';
import type { AlertRule } from '@seawarden/contracts';
import type { Prng } from './prng.js';
import type { Segment } from './itinerary.js';
import type { LatLon } from './nav-math.js';

/** Beijing time, UTC+8 all year (no daylight saving). */
export const LOCAL_OFFSET_MS = 8 * 3_600_000;
const DAY = 86_400_000;

export interface LocalDate {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** Everything a vessel's day plan may depend on; one per (local day, vessel). */
export interface DayContext {
  dayStartMs: number;
  dayEndMs: number;
  date: LocalDate;
  rng: Prng;
  sunriseMs: number;
  sunsetMs: number;
  /** Weekend, public holiday or the July–August season: more tourists, more shuttling. */
  peak: boolean;
  /** Epoch ms of local wall-clock hh:mm on this day. */
  at(hour: number, minute?: number): number;
  /** The part of [fromMs, toMs] inside the summer moratorium (DOMAIN.md, 35°N–26°30′N band), or null. */
  moratorium(fromMs: number, toMs: number): [number, number] | null;
  /** The part of [fromMs, toMs] inside a temporary closure's validity window, or null. */
  closure(fromMs: number, toMs: number): [number, number] | null;
}

export interface Violation {
  rule: AlertRule;
  fromMs: number;
  toMs: number;
}

export interface DayPlan {
  segments: Segment[];
  /** Windows in which the transponder is off. */
  dark: Array<[number, number]>;
  violations: Violation[];
}

export function localDayStart(ms: number): number {
  return Math.floor((ms + LOCAL_OFFSET_MS) / DAY) * DAY - LOCAL_OFFSET_MS;
}

export function localDate(dayStartMs: number): LocalDate {
  const d = new Date(dayStartMs + LOCAL_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** Chinese public holidays with heavy island tourism (fixed-date ones; the lunar ones vary). */
const HOLIDAYS = new Set(['01-01', '05-01', '05-02', '05-03', '05-04', '05-05', '10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07']);

function clip(a: number, b: number, w: readonly [number, number]): [number, number] | null {
  const f = Math.max(a, w[0]);
  const t = Math.min(b, w[1]);
  return f < t ? [f, t] : null;
}

/** Moratorium window of a local year: 05-01 12:00 → 09-16 12:00 Beijing time. */
export function moratoriumWindow(year: number): [number, number] {
  return [Date.UTC(year, 4, 1, 12) - LOCAL_OFFSET_MS, Date.UTC(year, 8, 16, 12) - LOCAL_OFFSET_MS];
}

export function makeDayContext(dayStartMs: number, rng: Prng, centre: LatLon, closures: ReadonlyArray<readonly [number, number]>): DayContext {
  const date = localDate(dayStartMs);
  const noon = new Date(dayStartMs + 12 * 3_600_000);
  // At 30°N the sun always rises and sets.
  const sun = getTimes(noon, centre.lat, centre.lon);
  const mmdd = `${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  const win = moratoriumWindow(date.year);
  return {
    dayStartMs,
    dayEndMs: dayStartMs + DAY,
    date,
    rng,
    sunriseMs: sun.sunrise!.getTime(),
    sunsetMs: sun.sunset!.getTime(),
    peak: date.weekday === 0 || date.weekday === 6 || date.month === 7 || date.month === 8 || HOLIDAYS.has(mmdd),
    at: (h, m = 0) => dayStartMs + (h * 60 + m) * 60_000,
    moratorium: (a, b) => clip(a, b, win),
    closure: (a, b) => {
      for (const w of closures) {
        const c = clip(a, b, w);
        if (c) return c;
      }
      return null;
    },
  };
}
