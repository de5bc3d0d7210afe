import type { Reason } from '@seawarden/contracts';
import type { Gear } from './gears.js';
import { localToUtc, localYear } from './local-time.js';

/** "MM-DDTHH:mm" local wall-clock time, repeating every year. */
export interface MonthDayTime {
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export interface YearOverride {
  from?: MonthDayTime;
  to?: MonthDayTime;
  /** From this local time of that year, vessels holding a special licence may fish (Zhejiang openings). */
  licensedFrom?: MonthDayTime;
  /** The licensed opening applies only west of this meridian (2023: 124°E). */
  licensedWestOfLon?: number;
}

export interface BanPeriod {
  /** Gears the period covers; `'*'` for every gear not exempt and not covered by a more specific period. */
  gears: readonly (Gear | '*')[];
  from: MonthDayTime;
  to: MonthDayTime;
  years: Readonly<Record<number, YearOverride>>;
}

export interface BanCalendar {
  id: string;
  name: Reason;
  exemptGears: readonly Gear[];
  periods: readonly BanPeriod[];
}

export interface BanStatus {
  calendarId: string;
  gear: Gear | null;
  fromMs: number;
  toMs: number;
  /** Ban lifted for this vessel by a special licence (reported, not alerted). */
  licensedOpen: boolean;
}

export interface BanQuery {
  gear: Gear | null;
  lat: number;
  lon: number;
  specialLicence: boolean;
}

/** Fishing-ban calendars in local time (Asia/Shanghai by default). */
export class BanCalendars {
  private readonly byId = new Map<string, BanCalendar>();
  private readonly windows = new Map<string, [number, number]>();

  constructor(
    readonly timezone: string,
    calendars: BanCalendar[],
  ) {
    for (const c of calendars) this.byId.set(c.id, c);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): BanCalendar | undefined {
    return this.byId.get(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /**
   * The ban in force at `atMs` for this gear, or null when fishing is allowed (exempt gear,
   * outside the window). A vessel whose gear is unknown is held to the `'*'` period.
   */
  status(calendarId: string, atMs: number, q: BanQuery): BanStatus | null {
    const cal = this.byId.get(calendarId);
    if (!cal) return null;
    if (q.gear && cal.exemptGears.includes(q.gear)) return null;
    const period =
      (q.gear ? cal.periods.find((p) => p.gears.includes(q.gear!)) : undefined) ?? cal.periods.find((p) => p.gears.includes('*'));
    if (!period) return null;
    const pi = cal.periods.indexOf(period);
    const year = localYear(this.timezone, atMs);
    // A window may run over New Year: look at the one that started last year too.
    for (const y of [year, year - 1]) {
      const [fromMs, toMs] = this.window(cal.id, pi, period, y);
      if (atMs < fromMs || atMs >= toMs) continue;
      const o = period.years[y];
      let licensedOpen = false;
      if (o?.licensedFrom && q.specialLicence && (o.licensedWestOfLon === undefined || q.lon < o.licensedWestOfLon)) {
        const t = o.licensedFrom;
        licensedOpen = atMs >= localToUtc(this.timezone, y, t.month, t.day, t.hour, t.minute);
      }
      return { calendarId: cal.id, gear: q.gear, fromMs, toMs, licensedOpen };
    }
    return null;
  }

  private window(calId: string, pi: number, p: BanPeriod, year: number): [number, number] {
    const key = `${calId}|${pi}|${year}`;
    let w = this.windows.get(key);
    if (!w) {
      const o = p.years[year];
      const f = o?.from ?? p.from;
      const t = o?.to ?? p.to;
      const fromMs = localToUtc(this.timezone, year, f.month, f.day, f.hour, f.minute);
      const toYear = t.month * 100 + t.day < f.month * 100 + f.day ? year + 1 : year;
      const toMs = localToUtc(this.timezone, toYear, t.month, t.day, t.hour, t.minute);
      w = [fromMs, toMs];
      this.windows.set(key, w);
    }
    return w;
  }
}
