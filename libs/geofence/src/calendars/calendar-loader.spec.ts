import { describe, expect, it } from 'vitest';
import { CalendarFileError } from '../errors.js';
import { bj, MORATORIUM_CALENDARS } from '../testing/fixtures.js';
import { loadCalendars } from './calendar-loader.js';

const cal = loadCalendars(MORATORIUM_CALENDARS);
const ID = 'moratorium-35n-26.5n';
const q = (gear: string | null, specialLicence = false, lon = 122.3) => ({ gear: gear as never, lat: 29.9, lon, specialLicence });

describe('ban calendars (Asia/Shanghai)', () => {
  it('opens and closes at noon Beijing time', () => {
    expect(cal.status(ID, bj('2025-05-01T11:59'), q('trawl'))).toBeNull();
    const s = cal.status(ID, bj('2025-05-01T12:00'), q('trawl'));
    expect(s).not.toBeNull();
    expect(new Date(s!.fromMs).toISOString()).toBe('2025-05-01T04:00:00.000Z');
    expect(new Date(s!.toMs).toISOString()).toBe('2025-09-16T04:00:00.000Z');
    expect(cal.status(ID, bj('2025-09-16T12:00'), q('trawl'))).toBeNull();
  });

  it('exempts hook-and-line; holds unknown gear to the general period', () => {
    expect(cal.status(ID, bj('2025-06-01T00:00'), q('hook_and_line'))).toBeNull();
    expect(cal.status(ID, bj('2025-06-01T00:00'), q(null))).not.toBeNull();
    expect(cal.status(ID, bj('2025-06-01T00:00'), q('auxiliary'))).not.toBeNull();
  });

  it('small stow-net ends on 08-16 12:00', () => {
    expect(cal.status(ID, bj('2025-08-16T11:00'), q('small_stow_net'))).not.toBeNull();
    expect(cal.status(ID, bj('2025-08-16T12:00'), q('small_stow_net'))).toBeNull();
    expect(cal.status(ID, bj('2025-08-16T12:00'), q('trawl'))).not.toBeNull();
  });

  it('applies the yearly special-licence openings only to licence holders (2023: west of 124°E)', () => {
    const s = cal.status(ID, bj('2024-08-02T00:00'), q('gillnet', true));
    expect(s?.licensedOpen).toBe(true);
    expect(cal.status(ID, bj('2024-08-01T11:00'), q('gillnet', true))?.licensedOpen).toBe(false);
    expect(cal.status(ID, bj('2024-08-02T00:00'), q('gillnet', false))?.licensedOpen).toBe(false);
    expect(cal.status(ID, bj('2025-08-04T00:00'), q('cage_pot', true))?.licensedOpen).toBe(false);
    expect(cal.status(ID, bj('2025-08-05T00:00'), q('cage_pot', true))?.licensedOpen).toBe(true);
    expect(cal.status(ID, bj('2023-08-07T00:00'), q('light_lure', true, 123.5))?.licensedOpen).toBe(true);
    expect(cal.status(ID, bj('2023-08-07T00:00'), q('light_lure', true, 124.5))?.licensedOpen).toBe(false);
    // No opening configured for 2026: the ban holds for everyone.
    expect(cal.status(ID, bj('2026-08-07T00:00'), q('gillnet', true))?.licensedOpen).toBe(false);
  });

  it('handles a window across New Year', () => {
    const winter = loadCalendars({ calendars: [{ id: 'w', periods: [{ gears: ['*'], from: '12-01', to: '02-01' }] }] });
    expect(winter.status('w', bj('2025-12-15T00:00'), q('trawl'))).not.toBeNull();
    expect(winter.status('w', bj('2026-01-15T00:00'), q('trawl'))).not.toBeNull();
    expect(winter.status('w', bj('2026-03-01T00:00'), q('trawl'))).toBeNull();
  });

  it('refuses bad files with the JSON path', () => {
    const bad = (json: unknown) => {
      try {
        loadCalendars(json);
      } catch (e) {
        expect(e).toBeInstanceOf(CalendarFileError);
        return e as CalendarFileError;
      }
      throw new Error('expected CalendarFileError');
    };
    expect(bad({ calendars: [{ id: 'x', periods: [{ gears: ['trawl'], from: '13-01', to: '09-01' }] }] }).path).toBe('calendars[0].periods[0].from');
    expect(bad({ calendars: [{ id: 'x', periods: [{ gears: ['harpoon'], from: '05-01', to: '09-01' }] }] }).reason).toMatch(/gear 'harpoon' is not one of/);
    expect(bad({ timezone: 'Mars/Olympus', calendars: [] }).path).toBe('timezone');
    expect(bad({ calendars: [{ id: 'x', periods: [{ gears: ['*'], from: '05-01', to: '09-01' }] }, { id: 'x', periods: [{ gears: ['*'], from: '05-01', to: '09-01' }] }] }).reason).toMatch(/duplicate/);
    expect(bad({ calendars: [{ id: 'x', periods: [{ gears: ['*'], from: '05-01', to: '09-01', years: { '24': {} } }] }] }).path).toBe('calendars[0].periods[0].years.24');
  });
});
