import type { CmiVersion } from './data-model.ts';

/**
 * SCORM 1.2 CMITimespan (RTE 3.4.2 / data types): `HHHH:MM:SS.SS`, hours of 2 to 4 digits,
 * optional 1–2 decimals of a second. scorm-again accepts more hour digits; it never writes them
 * for a session shorter than 10,000 hours, so the spec's form is the one Tilts stores.
 */
const TIMESPAN_12 = /^(\d{2,4}):([0-5]\d):([0-5]\d(?:\.\d{1,2})?)$/;

/**
 * SCORM 2004 timeinterval (second,10,2) (RTE 4.2, characterstring data types): ISO 8601
 * `P[yY][mM][dD][T[hH][mM][s[.s]S]]`, whole numbers except the seconds (up to 2 decimals).
 * ISO's weeks and fractional hours/minutes are not part of SCORM's form, and neither `P` alone
 * nor a `T` with nothing after it is a duration.
 */
const DURATION_2004 = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$/;

/** The 1.2 form caps hours at 4 digits: a longer total is shown as the longest it can say. */
const MAX_SECONDS_12 = 9999 * 3600 + 59 * 60 + 59.99;

/**
 * Year and month have no fixed length: SCORM does not say, so Tilts counts them as scorm-again
 * does (365 and 30 days), which keeps the server's sum equal to what the browser would compute.
 */
const YEAR = 365 * 86_400;
const MONTH = 30 * 86_400;

export function isTimespan(version: CmiVersion, value: string): boolean {
  if (version === '1.2') return TIMESPAN_12.test(value);
  return DURATION_2004.test(value) && value !== 'P' && !value.endsWith('T');
}

/** Seconds in a 1.2 CMITimespan or a 2004 ISO 8601 duration; throws on anything else. */
export function parseTimespan(version: CmiVersion, value: string): number {
  if (!isTimespan(version, value)) {
    const form = version === '1.2' ? 'HHHH:MM:SS.SS' : 'an ISO 8601 duration such as PT1H2M3.5S';
    throw new RangeError(`"${value}" is not a SCORM ${version} timespan (${form})`);
  }
  if (version === '1.2') {
    const [, h, m, s] = TIMESPAN_12.exec(value) ?? [];
    return centiseconds(Number(h) * 3600 + Number(m) * 60 + Number(s));
  }
  const [, y, mo, d, h, m, s] = DURATION_2004.exec(value) ?? [];
  const n = (part: string | undefined) => (part === undefined ? 0 : Number(part));
  return centiseconds(n(y) * YEAR + n(mo) * MONTH + n(d) * 86_400 + n(h) * 3600 + n(m) * 60 + n(s));
}

/**
 * The form a SCO reads in `cmi.core.total_time` (1.2: `HHHH:MM:SS.SS`, hours zero-padded to 4)
 * or `cmi.total_time` (2004: `PT#H#M#S`), to the hundredth of a second both forms can carry.
 */
export function formatTimespan(version: CmiVersion, seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`not a duration in seconds: ${seconds}`);
  // Whole hundredths first, so that 59.999 s becomes 1 minute rather than "59.100".
  let hundredths = Math.round(Math.min(seconds, version === '1.2' ? MAX_SECONDS_12 : seconds) * 100);
  const hours = Math.floor(hundredths / 360_000);
  hundredths -= hours * 360_000;
  const minutes = Math.floor(hundredths / 6000);
  hundredths -= minutes * 6000;
  if (version === '1.2') {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(Math.floor(hundredths / 100), 2)}.${pad(hundredths % 100, 2)}`;
  }
  // Up to two decimals, without trailing zeros: 3 s, 3.5 s, 3.25 s.
  return `PT${hours}H${minutes}M${String(hundredths / 100)}S`;
}

/** Rounds away binary noise (0.1 + 0.2) at the precision both forms carry. */
const centiseconds = (seconds: number) => Math.round(seconds * 100) / 100;
