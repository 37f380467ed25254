/**
 * iCalendar (RFC 5545) files for cohort sessions, written by hand: the format is small and a dependency would be
 * larger than this module.
 *
 * Times are written in UTC (`…Z`), so the file needs no VTIMEZONE and every client converts to the viewer's own zone.
 * Convert a trainer's Riga wall-clock time with `rigaToUtc` from `./riga-time.ts` first.
 */

export interface CalendarEvent {
  /** Stable per session; written as `UID:<uid>@tilts`. */
  uid: string;
  start: Date;
  /** Must be later than `start`. */
  end: Date;
  summary: string;
  location?: string;
  description?: string;
  /** Absolute URL (http/https…); normalised with `new URL()`. */
  url?: string;
  /** Last change to the session: written as DTSTAMP and used to derive SEQUENCE. */
  updated: Date;
  cancelled?: boolean;
}

const CRLF = '\r\n';
/** Maximum octets per physical line, not counting the CRLF (RFC 5545 §3.1). */
const MAX_LINE_OCTETS = 75;
/**
 * SEQUENCE is `updated` in whole seconds since this epoch. Counting from 1970 would overflow the signed 32-bit
 * INTEGER that RFC 5545 allows (and that some clients store) in January 2038; counting from 2025 lasts until 2093.
 */
const SEQUENCE_EPOCH_MS = Date.UTC(2025, 0, 1);
const MAX_SEQUENCE = 2_147_483_647;

/** Escapes a TEXT value (RFC 5545 §3.3.11); control characters other than tab are not allowed there and are dropped. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

/** UTF-8 length of one code point (a lone surrogate counts as the 3-byte U+FFFD an encoder would write). */
function utf8Octets(char: string): number {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds a content line so that no physical line exceeds 75 octets of UTF-8 (RFC 5545 §3.1). Continuation lines start
 * with a space, which counts towards their 75. Lines are only broken between code points, never inside a multi-byte
 * character.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Octets(char);
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYYMMDDTHHMMSSZ` (RFC 5545 §3.3.5 form 2, UTC); milliseconds are dropped. */
export function formatUtc(instant: Date, what = 'date'): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Invalid ${what}`);
  const year = instant.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`${what} is outside years 0000–9999`);
  return (
    `${pad(year, 4)}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}` +
    `T${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`
  );
}

/**
 * SEQUENCE from `updated`: whole seconds since 2025-01-01 UTC, so every later edit has a higher number and clients
 * replace their earlier copy of the event. Clamped to 0 … 2^31−1.
 */
export function sequenceFor(updated: Date): number {
  const seconds = Math.floor((updated.getTime() - SEQUENCE_EPOCH_MS) / 1000);
  if (Number.isNaN(seconds)) throw new RangeError('Invalid updated date');
  return Math.min(Math.max(seconds, 0), MAX_SEQUENCE);
}

function normaliseUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    throw new RangeError(`Invalid event URL "${url}": an absolute URL is required`);
  }
}

function eventLines(event: CalendarEvent): string[] {
  if (event.uid.trim() === '') throw new RangeError('An event needs a non-empty uid');
  const start = formatUtc(event.start, `start of event ${event.uid}`);
  const end = formatUtc(event.end, `end of event ${event.uid}`);
  if (event.end.getTime() <= event.start.getTime()) {
    throw new RangeError(`Event ${event.uid} ends (${end}) before or when it starts (${start})`);
  }
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}@tilts`,
    `DTSTAMP:${formatUtc(event.updated, `updated date of event ${event.uid}`)}`,
    `SEQUENCE:${sequenceFor(event.updated)}`,
    `DTSTART:${start}`,
    `DTEND:${end}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.location !== undefined && event.location !== '') lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description !== undefined && event.description !== '') {
    lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  }
  if (event.url !== undefined && event.url !== '') lines.push(`URL:${normaliseUrl(event.url)}`);
  // CONFIRMED is written explicitly so that a session that is un-cancelled replaces a client's CANCELLED copy.
  lines.push(`STATUS:${event.cancelled === true ? 'CANCELLED' : 'CONFIRMED'}`);
  lines.push('END:VEVENT');
  return lines;
}

/**
 * A complete iCalendar file (CRLF line endings, folded lines, ending in CRLF) publishing `events` under the calendar
 * name `name`. Throws a `RangeError` for an invalid date, an event that does not end after it starts, an empty uid or
 * a URL that is not absolute.
 *
 * With no events the file still has the calendar properties: strictly RFC 5545 wants at least one component, but
 * calendar clients accept an empty feed, and a subscription must be able to become empty.
 */
export function calendarFile(name: string, events: CalendarEvent[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tilts//Cohort sessions//LV',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
