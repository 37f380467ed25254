import { openDatabase, type Database } from '../../db/client.ts';
import { env } from './env/index.ts';

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
  if (current) (await current).$client.close();
}
