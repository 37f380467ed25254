/**
 * Wall-clock times in Riga ⇄ instants.
 *
 * Trainers schedule in-person sessions as a Latvian date and start time; we store the instant (UTC) and convert back
 * for display. Latvia is on EET (UTC+2) in winter and EEST (UTC+3) in summer; the EU switches happen at 01:00 UTC on
 * the last Sunday of March (local 03:00 → 04:00) and of October (local 04:00 → 03:00).
 *
 * The time zone rules come from the runtime's ICU data through `Intl.DateTimeFormat`, so no table is kept here and
 * historical or future rule changes are picked up with the runtime.
 */

export const RIGA_TZ = 'Europe/Riga';

export interface RigaWallTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM (seconds are dropped, not rounded) */
  time: string;
  /**
   * Offset of Riga time from UTC at that instant, in minutes: 120 in winter (EET), 180 in summer (EEST). (Fractional
   * only for instants before 1926, when Riga kept local mean time, UTC+1:36:34.)
   */
  offsetMinutes: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: RIGA_TZ,
  hourCycle: 'h23',
  era: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Riga wall-clock fields at an instant (milliseconds are ignored). */
function rigaFields(ms: number): Fields {
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(ms)) parts[part.type] = part.value;
  const field = (name: string): number => {
    const value = Number(parts[name]);
    if (!Number.isInteger(value)) throw new Error(`Intl.DateTimeFormat gave no usable ${name} for ${RIGA_TZ}`);
    return value;
  };
  let year = field('year');
  // 'BC' / 'B' — years before 1 CE are shown as 1, 2, … BC; astronomical year 0 is 1 BC.
  if (parts['era'] !== undefined && parts['era'].startsWith('B')) year = 1 - year;
  return {
    year,
    month: field('month'),
    day: field('day'),
    // Some older ICU versions print midnight as 24 even with h23.
    hour: field('hour') % 24,
    minute: field('minute'),
    second: field('second'),
  };
}

/** The instant whose UTC fields are the given ones (works for years 0–99 too, unlike Date.UTC). */
function utcMs(f: Fields): number {
  const d = new Date(0);
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  d.setUTCHours(f.hour, f.minute, f.second, 0);
  return d.getTime();
}

/** Riga's offset from UTC at an instant, in milliseconds. */
function offsetMs(ms: number): number {
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return utcMs(rigaFields(wholeSecond)) - wholeSecond;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function parseDate(date: string): { year: number; month: number; day: number } {
  const match = DATE_PATTERN.exec(date);
  if (match === null) throw new RangeError(`Invalid date "${date}": expected YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) throw new RangeError(`Invalid date "${date}": year must be 0001–9999`);
  if (month < 1 || month > 12) throw new RangeError(`Invalid date "${date}": month must be 01–12`);
  const daysInMonth = new Date(utcMs({ year, month: month + 1, day: 0, hour: 0, minute: 0, second: 0 })).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    throw new RangeError(`Invalid date "${date}": day must be 01–${pad(daysInMonth)} in ${pad(year, 4)}-${pad(month)}`);
  }
  return { year, month, day };
}

function parseTime(time: string): { hour: number; minute: number } {
  const match = TIME_PATTERN.exec(time);
  if (match === null) throw new RangeError(`Invalid time "${time}": expected HH:MM (24-hour, two digits each)`);
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (hour > 23) throw new RangeError(`Invalid time "${time}": hour must be 00–23`);
  if (minute > 59) throw new RangeError(`Invalid time "${time}": minute must be 00–59`);
  return { hour, minute };
}

/**
 * The instant at which Riga clocks show `time` on `date`.
 *
 * - `date` must be `YYYY-MM-DD` (a real calendar date) and `time` `HH:MM` (00:00–23:59); anything else throws a
 *   `RangeError`.
 * - A time skipped when clocks go forward (e.g. 03:00–03:59 on 2026-03-29) does not exist and throws a `RangeError`;
 *   we don't guess, because the trainer should pick a real time.
 * - A time that happens twice when clocks go back (e.g. 03:00–03:59 on 2026-10-25) resolves to its **first**
 *   occurrence, i.e. still summer time (EEST, UTC+3): 2026-10-25 03:30 → 2026-10-25T00:30:00Z, not 01:30Z.
 */
export function rigaToUtc(date: string, time: string): Date {
  const { year, month, day } = parseDate(date);
  const { hour, minute } = parseTime(time);
  // The wall-clock time read as if it were UTC; the real instant is this minus Riga's offset at that instant.
  const naive = utcMs({ year, month, day, hour, minute, second: 0 });
  // Offsets in force on either side: any transition near this time lies between them (transitions are > 2 days apart).
  const offsets = [offsetMs(naive - DAY_MS), offsetMs(naive + DAY_MS)];
  // Larger offset first = earlier instant first, so an ambiguous time resolves to its first occurrence.
  const candidates = [...new Set(offsets)].sort((a, b) => b - a).map((offset) => naive - offset);
  for (const candidate of candidates) {
    const f = rigaFields(candidate);
    if (f.year === year && f.month === month && f.day === day && f.hour === hour && f.minute === minute) {
      return new Date(candidate);
    }
  }
  throw new RangeError(`${time} does not exist in Riga on ${date} (clocks go forward)`);
}

/** The Riga date, time (HH:MM, seconds dropped) and UTC offset at an instant. */
export function utcToRiga(instant: Date): RigaWallTime {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  const f = rigaFields(wholeSecond);
  if (f.year < 1 || f.year > 9999) throw new RangeError(`Year ${f.year} is outside 0001–9999`);
  return {
    date: `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`,
    time: `${pad(f.hour)}:${pad(f.minute)}`,
    offsetMinutes: (utcMs(f) - wholeSecond) / MINUTE_MS,
  };
}
