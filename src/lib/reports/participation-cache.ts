import { sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { loadParticipations } from './facts.ts';
import type { Participation } from './indicators.ts';

/**
 * The project's participations at one report data version, kept in memory by each instance.
 * When the version moves, only the people whose data changed since are read again (the
 * `report_changes` log, written by triggers in the same transaction as the change); everything
 * is read again when the log cannot tell (a change everyone depends on, too many people, or a
 * cache older than the log is kept). Either way the result is exactly the data at that version.
 */
interface Cached {
  version: number;
  refreshedAt: number;
  participations: Participation[];
}

let cached: Cached | null = null;
let pending: { version: number; promise: Promise<Participation[]> } | null = null;

/** Beyond this many people a full read is as quick as picking them out. */
const MAX_CHANGED_PEOPLE = 5000;
/** The log is kept a day (pruneReportChanges); a cache older than this reads everything. */
const MAX_AGE_MS = 6 * 60 * 60 * 1000;
const LOG_KEPT_SECONDS = 24 * 60 * 60;

export async function participationsAt(version: number): Promise<Participation[]> {
  if (cached?.version === version) return cached.participations;
  if (pending?.version === version) return pending.promise;
  const promise = refresh(version);
  pending = { version, promise };
  try {
    return await promise;
  } finally {
    if (pending?.promise === promise) pending = null;
  }
}

async function refresh(version: number): Promise<Participation[]> {
  const previous = cached;
  const changed =
    previous && Date.now() - previous.refreshedAt < MAX_AGE_MS ? await changedPeople(previous.version) : null;
  let participations: Participation[];
  if (previous && changed) {
    const fresh = await loadParticipations(changed);
    const replaced = new Set(changed);
    // Stable sort: each person's participations stay in enrolment order.
    participations = previous.participations
      .filter((p) => !replaced.has(p.userId))
      .concat(fresh)
      .sort((a, b) => a.userId - b.userId);
  } else {
    participations = await loadParticipations();
  }
  cached = { version, refreshedAt: Date.now(), participations };
  return participations;
}

/** People whose participations changed at or after a version, or null when everyone must be read. */
async function changedPeople(since: number): Promise<number[] | null> {
  const db = await getDb();
  const rows = await db.all<{ userId: number | null }>(
    sql`SELECT DISTINCT user_id AS userId FROM report_changes WHERE version >= ${since} LIMIT ${MAX_CHANGED_PEOPLE + 1}`,
  );
  if (rows.length > MAX_CHANGED_PEOPLE || rows.some((r) => r.userId === null)) return null;
  return rows.map((r) => r.userId as number);
}

/** Forgets the participations (tests; a restore of the database under a running server). */
export function forgetParticipations(): void {
  cached = null;
}

/** Deletes change-log rows older than a day (the server sweeps hourly). */
export async function pruneReportChanges(): Promise<void> {
  const db = await getDb();
  await db.run(sql`DELETE FROM report_changes WHERE at < unixepoch() - ${LOG_KEPT_SECONDS}`);
}
