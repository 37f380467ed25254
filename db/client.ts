import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema/index.ts';

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

/** How long a writer waits for a lock before SQLITE_BUSY, on every pooled connection. */
export const BUSY_TIMEOUT_MS = 5000;

/** Folder of an embedded database file, created before libSQL opens it (libSQL does not). */
function ensureFileFolder(url: string): void {
  if (!url.startsWith('file:')) return;
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
}

/**
 * Opens a database by URL: `file:` for the embedded database, `http(s):`/`libsql:` for a
 * libSQL server.
 *
 * The libSQL client keeps a pool of connections to a file and opens new ones as it needs
 * them, so per-connection settings cannot be set once with a PRAGMA on "the" connection:
 * the busy timeout goes through the client's `timeout` option (applied to each connection it
 * opens), foreign keys are on by default in libSQL (checked by a test), and WAL is a property
 * of the file that persists once set.
 */
export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  ensureFileFolder(url);
  const client = createClient({
    url,
    ...(authToken ? { authToken } : {}),
    timeout: BUSY_TIMEOUT_MS,
  });
  if (url.startsWith('file:')) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  const db = drizzle(client, { schema }) as Database;
  if (url.startsWith('file:')) embeddedFiles.set(db, url.slice('file:'.length).split('?')[0] ?? '');
  return db;
}

const embeddedFiles = new WeakMap<Database, string>();

/** The file of an embedded database (null for a libSQL server or an in-memory database). */
export function embeddedFileOf(db: Database): string | null {
  const file = embeddedFiles.get(db);
  return file && file !== ':memory:' ? file : null;
}
