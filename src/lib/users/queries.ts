import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { containsText } from '../sql.ts';
import { coordinatorInstitutions, institutions, users } from '../../../db/schema/index.ts';
import type { UserSearch } from './schemas.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

export async function findUserByEmail(email: string): Promise<UserRow | null> {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}

export async function findUserById(id: number): Promise<UserRow | null> {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function insertUser(values: NewUserRow): Promise<UserRow> {
  const db = await getDb();
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function updateUser(id: number, values: Partial<NewUserRow>): Promise<void> {
  const db = await getDb();
  await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id));
}

export async function coordinatedInstitutionIds(userId: number): Promise<number[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: coordinatorInstitutions.institutionId })
    .from(coordinatorInstitutions)
    .where(eq(coordinatorInstitutions.userId, userId));
  return rows.map((r) => r.id);
}

/** Replaces the set of institutions a user coordinates, in one batch. */
export async function setCoordinatedInstitutions(userId: number, institutionIds: number[]): Promise<void> {
  const db = await getDb();
  const remove = db.delete(coordinatorInstitutions).where(eq(coordinatorInstitutions.userId, userId));
  if (institutionIds.length === 0) {
    await remove;
    return;
  }
  await db.batch([
    remove,
    db.insert(coordinatorInstitutions).values(institutionIds.map((institutionId) => ({ userId, institutionId }))),
  ]);
}

export interface UserListItem {
  id: number;
  name: string;
  email: string;
  role: UserRow['role'];
  status: UserRow['status'];
  sector: UserRow['sector'];
  region: UserRow['region'];
  position: string | null;
  institutionName: string | null;
  createdAt: Date;
}

export const USERS_PAGE_SIZE = 25;

/** One page of users matching the admin's filters, and the total number that match. */
export async function searchUsers(
  filter: UserSearch,
  restrictToInstitutions?: number[],
): Promise<{ items: UserListItem[]; total: number }> {
  const db = await getDb();
  const conditions: SQL[] = [];
  if (filter.q) {
    conditions.push(sql`(${containsText(users.name, filter.q)} OR ${containsText(users.email, filter.q)})`);
  }
  if (filter.sector) conditions.push(eq(users.sector, filter.sector));
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.institutionId) conditions.push(eq(users.institutionId, filter.institutionId));
  conditions.push(filter.status ? eq(users.status, filter.status) : sql`${users.status} != 'deleted'`);
  if (restrictToInstitutions) {
    conditions.push(restrictToInstitutions.length ? inArray(users.institutionId, restrictToInstitutions) : sql`0`);
  }
  const where = and(...conditions);
  const [items, totals] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        status: users.status,
        sector: users.sector,
        region: users.region,
        position: users.position,
        institutionName: institutions.name,
        createdAt: users.createdAt,
      })
      .from(users)
      .leftJoin(institutions, eq(institutions.id, users.institutionId))
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(USERS_PAGE_SIZE)
      .offset((filter.page - 1) * USERS_PAGE_SIZE),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}
