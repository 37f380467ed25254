import { sql } from 'drizzle-orm';
import { getDb } from '../db.ts';

/**
 * The report data version: database triggers (migration 0006) bump it in the same transaction
 * as any change to what reports count, so a result computed at a version is exact while the
 * version stands — on every app instance sharing the database.
 */
export async function reportDataVersion(): Promise<number> {
  const db = await getDb();
  const row = await db.get<{ version: number }>(sql`SELECT version FROM report_data_version WHERE id = 1`);
  return row?.version ?? 0;
}
