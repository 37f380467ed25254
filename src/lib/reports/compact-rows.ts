import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db.ts';

/**
 * Reads many rows as arrays in one JSON value. Report queries read every enrolment of the
 * project; at 150,000 rows the client's row objects took 1.0 s and this 0.2 s (measured here),
 * so `columns` is a list of SQL expressions and each row comes back as an array of them.
 */
export async function compactRows<Row extends unknown[]>(db: Database, columns: SQL, from: SQL): Promise<Row[]> {
  const row = await db.get<{ rows: string | null }>(
    sql`SELECT json_group_array(json_array(${columns})) AS rows FROM (${from})`,
  );
  return row?.rows ? (JSON.parse(row.rows) as Row[]) : [];
}
