import { openDatabase, type Database } from '../../db/client.ts';
import { env } from './env/index.ts';
import { closeDirectReads } from './direct-reads.ts';

export type { Database };

let opened: Promise<Database> | undefined;

/** The process's database, opened on first use from DATABASE_URL. */
export function getDb(): Promise<Database> {
  opened ??= openDatabase(env().DATABASE_URL, env().DATABASE_AUTH_TOKEN);
  return opened;
}

/** Close and forget the database (CLI commands and tests that switch DATABASE_URL). */
export async function closeDb(): Promise<void> {
  const current = opened;
  opened = undefined;
  if (current) {
    const db = await current;
    closeDirectReads(db);
    db.$client.close();
  }
}

/**
 * A statement built once per database and reused: the hot reads of every request (the session
 * lookup, a learner's enrolments) skip drizzle's query building, which costs about as much as
 * SQLite running them. Keyed by the database so tests that reopen it get fresh statements.
 */
export function preparedStatement<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    let statement = built.get(db);
    if (statement === undefined) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}
