import { asc, count, eq, or, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { containsPattern } from '../sql.ts';
import { AppError } from '../errors.ts';
import { audit } from '../audit/index.ts';
import { institutions, users } from '../../../db/schema/index.ts';
import type { Region, Sector } from '../reference/index.ts';
import type { InstitutionInput } from './schemas.ts';

export type Institution = typeof institutions.$inferSelect;

/** Institutions ordered by name, optionally filtered by a search text, sector and region. */
export async function listInstitutions(
  filter: { q?: string | undefined; sector?: Sector | undefined; region?: Region | undefined } = {},
): Promise<(Institution & { staff: number })[]> {
  const db = await getDb();
  const conditions = [];
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push(
      or(
        sql`${institutions.name} LIKE ${pattern} ESCAPE '\\'`,
        sql`${institutions.registrationNumber} LIKE ${pattern} ESCAPE '\\'`,
      ),
    );
  }
  if (filter.sector) conditions.push(eq(institutions.sector, filter.sector));
  if (filter.region) conditions.push(eq(institutions.region, filter.region));
  const rows = await db
    .select({ institution: institutions, staff: count(users.id) })
    .from(institutions)
    .leftJoin(users, sql`${users.institutionId} = ${institutions.id} AND ${users.status} = 'active'`)
    .where(conditions.length ? sql.join(conditions, sql` AND `) : undefined)
    .groupBy(institutions.id)
    .orderBy(asc(institutions.name));
  return rows.map((r) => ({ ...r.institution, staff: r.staff }));
}

export async function getInstitution(id: number): Promise<Institution | null> {
  const db = await getDb();
  const [row] = await db.select().from(institutions).where(eq(institutions.id, id));
  return row ?? null;
}

/** Like getInstitution, but a missing one is a user-facing error on the given form field. */
export async function requireInstitution(id: number, field = 'institutionId'): Promise<Institution> {
  const found = await getInstitution(id);
  if (!found) throw new AppError('BAD_REQUEST', 'error.institution.unknown', { field });
  return found;
}

async function assertRegistrationNumberFree(registrationNumber: string, exceptId?: number): Promise<void> {
  const db = await getDb();
  const [clash] = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.registrationNumber, registrationNumber));
  if (clash && clash.id !== exceptId) {
    throw new AppError('CONFLICT', 'error.institution.regnoTaken', { field: 'registrationNumber' });
  }
}

export async function createInstitution(input: InstitutionInput, actorUserId: number | null): Promise<Institution> {
  await assertRegistrationNumberFree(input.registrationNumber);
  const db = await getDb();
  const [created] = await db.insert(institutions).values(input).returning();
  if (!created) throw new Error('insert returned nothing');
  await audit({ action: 'institution_created', actorUserId, details: { institutionId: created.id } });
  return created;
}

export async function updateInstitution(
  id: number,
  input: InstitutionInput,
  actorUserId: number,
): Promise<Institution> {
  const existing = await getInstitution(id);
  if (!existing) throw new AppError('NOT_FOUND', 'error.institution.notFound');
  await assertRegistrationNumberFree(input.registrationNumber, id);
  const db = await getDb();
  const [updated] = await db.update(institutions).set(input).where(eq(institutions.id, id)).returning();
  if (!updated) throw new AppError('NOT_FOUND', 'error.institution.notFound');
  await audit({ action: 'institution_updated', actorUserId, details: { institutionId: id } });
  return updated;
}
