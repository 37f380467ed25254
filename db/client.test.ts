import { describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS } from './client.ts';
import { getDb } from '../src/lib/db.ts';

describe('database connections', () => {
  it('use WAL, foreign keys and a busy timeout — also on the pooled connection of a transaction', async () => {
    const db = await getDb();
    expect((await db.$client.execute('PRAGMA journal_mode')).rows[0]?.[0]).toBe('wal');
    const tx = await db.$client.transaction('write');
    try {
      expect((await tx.execute('PRAGMA foreign_keys')).rows[0]?.[0]).toBe(1);
      expect((await tx.execute('PRAGMA busy_timeout')).rows[0]?.[0]).toBe(BUSY_TIMEOUT_MS);
    } finally {
      await tx.rollback();
    }
  });

  it('enforce foreign keys', async () => {
    const db = await getDb();
    await expect(
      db.$client.execute("INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES ('x', 999999, 0, 0)"),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});
