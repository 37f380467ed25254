import { rigaToUtc, utcToRiga } from '../cohorts/riga-time.ts';

/** A calendar quarter in Latvian time, e.g. `2024-Q2`, from its first instant up to the next's. */
export interface Quarter {
  key: string;
  start: number;
  end: number;
}

const quarterStartMonth = (month: number) => month - ((month - 1) % 3);
const monthDate = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;

/** The quarter containing a Riga calendar date (YYYY-MM-DD). */
export function quarterOfDate(date: string): Quarter {
  const year = Number(date.slice(0, 4));
  const first = quarterStartMonth(Number(date.slice(5, 7)));
  const next = first === 10 ? { year: year + 1, month: 1 } : { year, month: first + 3 };
  return {
    key: `${year}-Q${(first + 2) / 3}`,
    start: rigaToUtc(monthDate(year, first), '00:00').getTime(),
    end: rigaToUtc(monthDate(next.year, next.month), '00:00').getTime(),
  };
}

/** Every quarter from the one containing `from` to the one containing `to` (Riga dates). */
export function quartersBetween(from: string, to: string): Quarter[] {
  const quarters: Quarter[] = [];
  let quarter = quarterOfDate(from);
  const last = quarterOfDate(to).key;
  for (;;) {
    quarters.push(quarter);
    if (quarter.key === last || quarters.length > 400) return quarters;
    quarter = quarterOfDate(utcToRiga(new Date(quarter.end)).date);
  }
}

/**
 * Finds the quarter of an instant among sorted quarters by binary search (called for every
 * event of every participant, so no time-zone arithmetic per call). Null outside them.
 */
export function quarterIndex(quarters: readonly Quarter[], instant: number): number | null {
  let low = 0;
  let high = quarters.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const q = quarters[mid];
    if (q === undefined) return null;
    if (instant < q.start) high = mid - 1;
    else if (instant >= q.end) low = mid + 1;
    else return mid;
  }
  return null;
}
