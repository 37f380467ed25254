import { and, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { getDb, preparedStatement } from '../db.ts';
import { directExists, directStatement } from '../direct-reads.ts';
import type { SessionUser } from '../auth/types.ts';
import type { Sector } from '../reference/index.ts';
import { containsText } from '../sql.ts';
import { coordinatedInstitutionIds } from '../users/queries.ts';
import { certificates, courses, institutions, users } from '../../../db/schema/index.ts';
import type { Certificate } from './issue.ts';

/**
 * Who may download a certificate: its holder, a coordinator of the holder's institution, and
 * admins. Nobody else, whatever id or number they send.
 */
export async function canDownload(user: SessionUser, certificate: Certificate): Promise<boolean> {
  if (user.role === 'admin' || user.id === certificate.userId) return true;
  if (user.role !== 'coordinator') return false;
  const db = await getDb();
  const [holder] = await db
    .select({ institutionId: users.institutionId })
    .from(users)
    .where(eq(users.id, certificate.userId));
  return holder?.institutionId != null && (await coordinatedInstitutionIds(user.id)).includes(holder.institutionId);
}

export interface CertificateFilter {
  courseId?: number | undefined;
  sector?: Sector | undefined;
  person?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  institutionId?: number | undefined;
}

export interface CertificateListItem {
  id: number;
  number: string;
  holderName: string;
  courseTitle: { lv: string; en: string };
  courseSlug: string;
  issuedAt: Date;
  completedAt: Date;
  revokedAt: Date | null;
  expiresAt: Date | null;
  sector: Sector;
  institutionName: string | null;
}

/** The columns of a certificate list, for the holder's own list and the staff's lists alike. */
const listColumns = {
  id: certificates.id,
  number: certificates.number,
  holderName: certificates.holderName,
  courseTitle: certificates.courseTitle,
  courseSlug: courses.slug,
  issuedAt: certificates.issuedAt,
  completedAt: certificates.completedAt,
  revokedAt: certificates.revokedAt,
  expiresAt: certificates.expiresAt,
  sector: users.sector,
  institutionName: institutions.name,
};

const ownCertificatesOf = preparedStatement((db) =>
  db
    .select(listColumns)
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(and(eq(certificates.userId, sql.placeholder('userId')), isNull(certificates.replacedById)))
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
    .prepare(),
);

const holdsCertificate = directStatement(
  'SELECT 1 FROM certificates WHERE user_id = ? AND replaced_by_id IS NULL LIMIT 1',
);

/**
 * A person's own current certificates, newest first, whatever their role ("My learning" shows
 * these; an admin's or coordinator's staff lists are `listCertificates`).
 */
export async function ownCertificates(userId: number): Promise<CertificateListItem[]> {
  const db = await getDb();
  // Most learners hold none yet: a direct existence check (microseconds) spares them the list.
  if (directExists(holdsCertificate, db, userId) === false) return [];
  return ownCertificatesOf(db).execute({ userId });
}

/**
 * Current certificates (not replaced ones) that a person may see, newest first: all for an
 * admin, their institutions' staff for a coordinator, their own for anyone else; filtered.
 */
export async function listCertificates(
  viewer: SessionUser,
  filter: CertificateFilter = {},
  limit = 500,
): Promise<CertificateListItem[]> {
  const db = await getDb();
  const conditions: SQL[] = [isNull(certificates.replacedById)];
  if (viewer.role === 'coordinator') {
    const ids = await coordinatedInstitutionIds(viewer.id);
    conditions.push(ids.length ? inArray(users.institutionId, ids) : sql`0`);
  } else if (viewer.role !== 'admin') {
    conditions.push(eq(certificates.userId, viewer.id));
  }
  if (filter.courseId) conditions.push(eq(certificates.courseId, filter.courseId));
  if (filter.sector) conditions.push(eq(users.sector, filter.sector));
  if (filter.institutionId) conditions.push(eq(users.institutionId, filter.institutionId));
  if (filter.person) conditions.push(containsText(certificates.holderName, filter.person));
  if (filter.from) conditions.push(gte(certificates.issuedAt, filter.from));
  if (filter.to) conditions.push(lte(certificates.issuedAt, filter.to));
  return db
    .select(listColumns)
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(and(...conditions))
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
    .limit(limit);
}

/** Full rows of the given certificates, for rendering (the caller has checked access). */
export async function certificatesByIds(ids: number[]): Promise<Certificate[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  // Checked again here: a certificate revoked or replaced while a long ZIP streams is left out.
  return db
    .select()
    .from(certificates)
    .where(and(inArray(certificates.id, ids), isNull(certificates.revokedAt), isNull(certificates.replacedById)));
}

/** Every certificate, newest first (CLI and exports; no access check: for operators only). */
export async function allCertificates(): Promise<Certificate[]> {
  const db = await getDb();
  return db.select().from(certificates).orderBy(desc(certificates.issuedAt), desc(certificates.id));
}
