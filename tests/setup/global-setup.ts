import { mkdirSync, rmSync } from 'node:fs';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { BASE_DB, TEST_DATA_DIR } from './paths.ts';

/** Migrates one base database per run; each test file then works on its own copy of it. */
export async function setup(): Promise<void> {
  rmSync(TEST_DATA_DIR, { recursive: true, force: true });
  mkdirSync(TEST_DATA_DIR, { recursive: true });
  const db = await openDatabase(`file:${BASE_DB}`);
  await migrateDatabase(db);
  // Fold the WAL into the main file so that a plain file copy is the whole database.
  await db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.$client.execute('PRAGMA journal_mode = DELETE');
  db.$client.close();
}

export function teardown(): void {
  rmSync(TEST_DATA_DIR, { recursive: true, force: true });
}
