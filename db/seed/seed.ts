import { count, eq } from 'drizzle-orm';
import { getDb } from '../../src/lib/db.ts';
import { createAccount } from '../../src/lib/users/admin.ts';
import { institutions, users } from '../schema/index.ts';
import { DEMO_ACCOUNTS, DEMO_INSTITUTIONS, DEMO_PASSWORD } from './demo-data.ts';

/** True when the database has no users yet (a fresh install). */
export async function isEmpty(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Inserts any demo institution that is missing (by registration number); returns their ids by number. */
export async function seedInstitutions(): Promise<Map<string, number>> {
  const db = await getDb();
  await db
    .insert(institutions)
    .values(DEMO_INSTITUTIONS)
    .onConflictDoNothing({ target: institutions.registrationNumber });
  const rows = await db.select({ id: institutions.id, regNo: institutions.registrationNumber }).from(institutions);
  return new Map(rows.map((r) => [r.regNo, r.id]));
}

/**
 * Fills the database with demo institutions and one account per role. Idempotent: what exists
 * already is left as it is. Returns the accounts that exist afterwards, for the console.
 */
export async function seedDemo(): Promise<{ email: string; role: string; password: string; created: boolean }[]> {
  const ids = await seedInstitutions();
  const db = await getDb();
  const out = [];
  for (const account of DEMO_ACCOUNTS) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, account.email));
    if (!existing) {
      await createAccount({
        email: account.email,
        name: account.name,
        role: account.role,
        password: DEMO_PASSWORD,
        sector: account.sector,
        region: account.region,
        institutionId: ids.get(account.institution) ?? null,
        position: account.position,
        coordinatedInstitutionIds: (account.coordinates ?? [])
          .map((n) => ids.get(n))
          .filter((n): n is number => n !== undefined),
      });
    }
    out.push({ email: account.email, role: account.role, password: DEMO_PASSWORD, created: !existing });
  }
  return out;
}
