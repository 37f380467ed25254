import { and, eq, sql } from 'drizzle-orm';
import { resolve, sep } from 'node:path';
import type { SessionUser } from '../auth/types.ts';
import { getDb, preparedStatement } from '../db.ts';
import { scormAttempts } from '../../../db/schema/index.ts';
import { packageRoot } from './packages.ts';

const PACKAGE_ID = /^pkg-[0-9a-f]{16}$/;

/**
 * The absolute path of a file inside a package's folder, or null for anything that is not a
 * plain path inside it (`..`, absolute paths, backslashes, hidden names such as the import's
 * own `tilts-package.json` are refused).
 */
export function packageFile(packageId: string, path: string): string | null {
  if (!PACKAGE_ID.test(packageId) || !path || path.includes('\\') || path.includes('\0')) return null;
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..') || path === 'tilts-package.json') return null;
  const folder = resolve(packageRoot(), packageId);
  const file = resolve(folder, path);
  return file.startsWith(folder + sep) ? file : null;
}

const attemptAtPackage = preparedStatement((db) =>
  db
    .select({ id: scormAttempts.id })
    .from(scormAttempts)
    .where(and(eq(scormAttempts.userId, sql.placeholder('user')), eq(scormAttempts.packageId, sql.placeholder('pkg'))))
    .limit(1)
    .prepare(),
);

/**
 * Whether a user may read a package's files: staff always (to preview and support), a learner
 * once the player has started an attempt for them (which it does only for a package of a
 * course they are enrolled in). Remembered briefly per process, since a SCO loads many files.
 */
export async function mayReadPackage(user: SessionUser, packageId: string): Promise<boolean> {
  if (user.role === 'admin' || user.role === 'trainer') return true;
  const key = `${user.id}:${packageId}`;
  const until = allowed.get(key);
  if (until !== undefined && until > Date.now()) return true;
  const db = await getDb();
  const rows = await attemptAtPackage(db).execute({ user: user.id, pkg: packageId });
  if (rows.length === 0) return false;
  if (allowed.size > 10_000) allowed.clear();
  allowed.set(key, Date.now() + 60_000);
  return true;
}

const allowed = new Map<string, number>();
