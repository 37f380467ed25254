import { describe, expect, it } from 'vitest';
import { RIGA_TZ, rigaToUtc, utcToRiga } from './riga-time.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

describe('RIGA_TZ', () => {
  it('is the IANA zone for Latvia', () => {
    expect(RIGA_TZ).toBe('Europe/Riga');
  });
});

describe('rigaToUtc', () => {
  it.each([
    ['2026-01-15', '10:00', '2026-01-15T08:00:00.000Z', 'winter: EET, UTC+2'],
    ['2026-01-01', '00:00', '2025-12-31T22:00:00.000Z', 'midnight crosses back into the previous UTC day'],
    ['2026-12-31', '23:59', '2026-12-31T21:59:00.000Z', 'last minute of the year'],
    ['2026-07-01', '10:00', '2026-07-01T07:00:00.000Z', 'summer: EEST, UTC+3'],
    ['2026-06-30', '01:30', '2026-06-29T22:30:00.000Z', 'summer night crosses back into the previous UTC day'],
    ['2024-02-29', '09:15', '2024-02-29T07:15:00.000Z', 'leap day'],
    // Spring forward, Sunday 29 March 2026: 03:00 EET becomes 04:00 EEST at 01:00 UTC.
    ['2026-03-29', '00:00', '2026-03-28T22:00:00.000Z', 'spring day, still winter time'],
    ['2026-03-29', '02:59', '2026-03-29T00:59:00.000Z', 'spring day, last minute before the gap'],
    ['2026-03-29', '04:00', '2026-03-29T01:00:00.000Z', 'spring day, first minute after the gap'],
    ['2026-03-29', '12:00', '2026-03-29T09:00:00.000Z', 'spring day, summer time'],
    // Fall back, Sunday 25 October 2026: 04:00 EEST becomes 03:00 EET at 01:00 UTC.
    ['2026-10-25', '02:59', '2026-10-24T23:59:00.000Z', 'autumn day, summer time before the overlap'],
    ['2026-10-25', '03:00', '2026-10-25T00:00:00.000Z', 'overlap start: first (summer) occurrence'],
    ['2026-10-25', '03:30', '2026-10-25T00:30:00.000Z', 'overlap: first (summer) occurrence, not 01:30Z'],
    ['2026-10-25', '03:59', '2026-10-25T00:59:00.000Z', 'overlap end: first (summer) occurrence'],
    ['2026-10-25', '04:00', '2026-10-25T02:00:00.000Z', 'autumn day, winter time after the overlap'],
    ['2026-10-25', '12:00', '2026-10-25T10:00:00.000Z', 'autumn day, winter time'],
    // Another year's transitions come from the time zone data, not from 2026's dates.
    ['2025-03-30', '04:00', '2025-03-30T01:00:00.000Z', '2025 spring day after the gap'],
    ['2025-10-26', '03:30', '2025-10-26T00:30:00.000Z', '2025 overlap, first occurrence'],
  ])('%s %s → %s (%s)', (date, time, expected, _why) => {
    expect(rigaToUtc(date, time).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-03-29', '03:00'],
    ['2026-03-29', '03:30'],
    ['2026-03-29', '03:59'],
    ['2025-03-30', '03:15'],
  ])('%s %s is in the spring-forward gap and throws', (date, time) => {
    expect(() => rigaToUtc(date, time)).toThrow(RangeError);
    expect(() => rigaToUtc(date, time)).toThrow(`${time} does not exist in Riga on ${date} (clocks go forward)`);
  });

  it('names the gap clearly', () => {
    expect(() => rigaToUtc('2026-03-29', '03:30')).toThrow(
      new RangeError('03:30 does not exist in Riga on 2026-03-29 (clocks go forward)'),
    );
  });

  it.each([
    ['2026-02-30', '10:00', 'February 30th'],
    ['2026-02-29', '10:00', 'February 29th in a common year'],
    ['2026-04-31', '10:00', 'April 31st'],
    ['2026-13-01', '10:00', 'month 13'],
    ['2026-00-10', '10:00', 'month 0'],
    ['2026-01-00', '10:00', 'day 0'],
    ['0000-01-01', '10:00', 'year 0'],
    ['2026-1-05', '10:00', 'one-digit month'],
    ['26-01-05', '10:00', 'two-digit year'],
    ['2026/01/05', '10:00', 'slashes'],
    ['2026-01-05T10:00', '10:00', 'a datetime as the date'],
    [' 2026-01-05', '10:00', 'leading space'],
    ['2026-01-05\n', '10:00', 'trailing newline'],
    ['', '10:00', 'empty date'],
    ['2026-01-05', '24:00', '24:00'],
    ['2026-01-05', '23:60', 'minute 60'],
    ['2026-01-05', '9:5', 'one-digit hour and minute'],
    ['2026-01-05', '9:05', 'one-digit hour'],
    ['2026-01-05', '10:00:00', 'seconds'],
    ['2026-01-05', '10.00', 'a dot'],
    ['2026-01-05', '10:00 ', 'trailing space'],
    ['2026-01-05', '１０:００', 'full-width digits'],
    ['2026-01-05', '', 'empty time'],
  ])('rejects %j %j (%s)', (date, time, _why) => {
    expect(() => rigaToUtc(date, time)).toThrow(RangeError);
  });
});

describe('utcToRiga', () => {
  it.each([
    ['2026-01-15T08:00:00Z', '2026-01-15', '10:00', 120],
    ['2026-07-01T07:00:00Z', '2026-07-01', '10:00', 180],
    ['2025-12-31T22:00:00Z', '2026-01-01', '00:00', 120],
    ['2026-03-29T00:59:59Z', '2026-03-29', '02:59', 120],
    ['2026-03-29T01:00:00Z', '2026-03-29', '04:00', 180],
    ['2026-10-25T00:30:00Z', '2026-10-25', '03:30', 180],
    ['2026-10-25T00:59:59.999Z', '2026-10-25', '03:59', 180],
    ['2026-10-25T01:00:00Z', '2026-10-25', '03:00', 120],
    ['2026-10-25T01:30:00Z', '2026-10-25', '03:30', 120],
    ['2026-05-10T12:34:56.789Z', '2026-05-10', '15:34', 180],
  ])('%s → %s %s (UTC%+d min)', (iso, date, time, offsetMinutes) => {
    expect(utcToRiga(new Date(iso))).toEqual({ date, time, offsetMinutes });
  });

  it('rejects an invalid Date', () => {
    expect(() => utcToRiga(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('round trips across the 2026 transition days', () => {
  const hours = Array.from({ length: 24 }, (_, hour) => hour);

  it.each(hours.filter((hour) => hour !== 3))('2026-03-29 %i:xx round-trips', (hour) => {
    for (const minute of [0, 1, 30, 59]) {
      const time = `${pad(hour)}:${pad(minute)}`;
      const back = utcToRiga(rigaToUtc('2026-03-29', time));
      expect(back).toEqual({ date: '2026-03-29', time, offsetMinutes: hour < 3 ? 120 : 180 });
    }
  });

  it.each(hours)('2026-10-25 %i:xx round-trips', (hour) => {
    for (const minute of [0, 1, 30, 59]) {
      const time = `${pad(hour)}:${pad(minute)}`;
      const back = utcToRiga(rigaToUtc('2026-10-25', time));
      // 03:xx happens twice; the first (summer) occurrence is the one chosen.
      expect(back).toEqual({ date: '2026-10-25', time, offsetMinutes: hour < 4 ? 180 : 120 });
    }
  });

  it('the spring day has 23 distinct hours and the autumn day 25', () => {
    const hoursBetween = (from: string, to: string): number =>
      (rigaToUtc(to, '00:00').getTime() - rigaToUtc(from, '00:00').getTime()) / 3_600_000;
    expect(hoursBetween('2026-03-28', '2026-03-29')).toBe(24);
    expect(hoursBetween('2026-03-29', '2026-03-30')).toBe(23);
    expect(hoursBetween('2026-10-25', '2026-10-26')).toBe(25);
    expect(hoursBetween('2026-10-26', '2026-10-27')).toBe(24);
  });

  it('every minute of the autumn day converts back to itself, except the repeated hour, which goes to its first copy', () => {
    const from = Date.parse('2026-10-24T21:00:00Z');
    const secondCopyFrom = Date.parse('2026-10-25T01:00:00Z');
    const secondCopyTo = Date.parse('2026-10-25T02:00:00Z');
    for (let ms = from; ms < from + 26 * 3_600_000; ms += 60_000) {
      const { date, time } = utcToRiga(new Date(ms));
      const expected = ms >= secondCopyFrom && ms < secondCopyTo ? ms - 3_600_000 : ms;
      expect(rigaToUtc(date, time).getTime()).toBe(expected);
    }
  });
});
