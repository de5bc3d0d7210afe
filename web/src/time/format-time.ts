import { t, type Lang } from '../i18n/i18n.js';

/** Console times are always shown in Beijing time, whatever the browser's zone. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(seconds: boolean): Intl.DateTimeFormat {
  const key = seconds ? 's' : 'm';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: DISPLAY_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: seconds ? '2-digit' : undefined,
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  return f;
}

/** "2026-07-18 14:03" in Asia/Shanghai, without the zone mark; "14:03" with `clockOnly`. */
export function formatLocal(iso: string | number | Date, opts: { seconds?: boolean; clockOnly?: boolean } = {}): string {
  const d = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const parts = Object.fromEntries(formatter(!!opts.seconds).formatToParts(d).map((p) => [p.type, p.value]));
  const time = `${parts.hour}:${parts.minute}${opts.seconds ? `:${parts.second}` : ''}`;
  return opts.clockOnly ? time : `${parts.year}-${parts.month}-${parts.day} ${time}`;
}

/** "2026-07-18 14:03 CST (UTC+8)" (en) or "2026-07-18 14:03 北京时间 (UTC+8)" (zh-CN). */
export function formatTime(iso: string | number | Date | null | undefined, opts: { seconds?: boolean; lang?: Lang } = {}): string {
  if (iso === null || iso === undefined || iso === '') return '';
  const local = formatLocal(iso, opts);
  return local ? `${local} ${t('time.zoneMark', opts.lang)}` : '';
}

/** Value for an <input type="datetime-local"> showing Beijing time. */
export function toLocalInput(iso: string | number | Date): string {
  return formatLocal(iso).replace(' ', 'T');
}

/** Parses an <input type="datetime-local"> value as Beijing time into ISO UTC. */
export function fromLocalInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h! - 8, +mi!, s ? +s : 0);
  return new Date(utc).toISOString();
}
