import Libsql from 'libsql';
import { embeddedFileOf, type Database } from '../../db/client.ts';

/**
 * The two reads every learner page makes (the session, the learner's enrolments) run on a
 * read-only connection of the `libsql` driver itself, with statements prepared once: through
 * `@libsql/client` the same indexed read costs about 50 µs, prepared on the driver about 7 µs
 * (the client prepares each statement anew and reads its columns twice). Only for the embedded
 * file: with a libSQL server URL there is no file to open, and callers use the client.
 *
 * A second connection to the file is safe: the database is in WAL mode, where readers see every
 * committed write, and this one never writes.
 */
const connections = new WeakMap<Database, Libsql.Database | null>();

function connectionOf(db: Database): Libsql.Database | null {
  let connection = connections.get(db);
  if (connection === undefined) {
    const file = embeddedFileOf(db);
    connection = file ? new Libsql(file, { readonly: true, timeout: 5000 }) : null;
    connections.set(db, connection);
  }
  return connection;
}

/** Closes the direct connection of a database being closed (tests, CLI commands). */
export function closeDirectReads(db: Database): void {
  connections.get(db)?.close();
  connections.delete(db);
}

/**
 * A read statement prepared once per database on its direct connection, returning rows as
 * arrays of column values; null when the database is not an embedded file.
 */
export function directStatement(sql: string): (db: Database) => Libsql.Statement | null {
  const prepared = new WeakMap<Database, Libsql.Statement | null>();
  return (db) => {
    let statement = prepared.get(db);
    if (statement === undefined) {
      statement = connectionOf(db)?.prepare(sql).raw(true) ?? null;
      prepared.set(db, statement);
    }
    return statement;
  };
}

/**
 * Whether a direct existence query (`SELECT 1 … LIMIT 1`) finds a row: true/false, or null when
 * there is no direct connection (the caller then simply runs its full query).
 */
export function directExists(
  statement: (db: Database) => Libsql.Statement | null,
  db: Database,
  ...params: unknown[]
): boolean | null {
  const prepared = statement(db);
  return prepared ? prepared.get(...params) !== undefined : null;
}
