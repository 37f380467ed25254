import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { audit } from '../audit/index.ts';
import { generateToken, TOKEN_PATTERN } from '../auth/tokens.ts';
import { isCourseComplete } from '../courses/completion.ts';
import { definitionOf } from '../courses/versions.ts';
import { activityCompletions, certificates, enrolments, users } from '../../../db/schema/index.ts';

export type Certificate = typeof certificates.$inferSelect;

const RIGA_YEAR = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Riga' });

/** The prefix of certificate numbers: Latvia, intercultural communication. */
export const NUMBER_PREFIX = 'LV-ICC';

/** The current (not replaced) certificate of an enrolment, if there is one. */
export async function currentCertificate(enrolmentId: number): Promise<Certificate | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.enrolmentId, enrolmentId), isNull(certificates.replacedById)));
  return row ?? null;
}

interface NewCertificate {
  enrolmentId: number;
  userId: number;
  courseId: number;
  holderName: string;
  courseTitle: { lv: string; en: string };
  statement: { lv: string; en: string } | null;
  hours: number;
  template: string;
  completedAt: Date;
  issuedAt: Date;
  expiresAt: Date | null;
}

/**
 * The insert of a new certificate, numbered in the same statement: the sequence is the year's
 * highest plus one (SQLite runs writes one at a time, so two issues cannot take one number),
 * and a second current certificate for the same enrolment hits the partial unique index and is
 * skipped. Everything printed on the certificate is copied from the records now.
 */
function insertCertificate(db: Awaited<ReturnType<typeof getDb>>, values: NewCertificate) {
  // The year of the issue date as printed, in Latvian time (not UTC: 1 January starts at 22:00 UTC).
  const year = Number(RIGA_YEAR.format(values.issuedAt));
  const seconds = (d: Date | null) => (d ? Math.floor(d.getTime() / 1000) : null);
  return db.run(sql`
    INSERT INTO certificates (number, year, seq, verification_code, user_id, course_id, enrolment_id, holder_name,
      course_title, statement, hours, place, template, completed_at, issued_at, expires_at)
    SELECT ${`${NUMBER_PREFIX}-${year}-`} || printf('%06d', COALESCE(MAX(seq), 0) + 1), ${year}, COALESCE(MAX(seq), 0) + 1,
      ${generateToken()}, ${values.userId}, ${values.courseId}, ${values.enrolmentId}, ${values.holderName},
      ${JSON.stringify(values.courseTitle)}, ${values.statement ? JSON.stringify(values.statement) : null}, ${values.hours},
      NULL, ${values.template}, ${seconds(values.completedAt)}, ${seconds(values.issuedAt)}, ${seconds(values.expiresAt)}
    FROM certificates WHERE year = ${year}
    ON CONFLICT DO NOTHING`);
}

/**
 * Issues the certificate of an enrolment if THE course rule says the course is complete —
 * once: calling it again, or twice at the same time, gives the same certificate. Returns null
 * when the course is not complete, or the person's account was erased.
 */
export async function issueCertificate(enrolmentId: number, now = new Date()): Promise<Certificate | null> {
  const existing = await currentCertificate(enrolmentId);
  if (existing) return existing;
  const db = await getDb();
  const [row] = await db
    .select({ enrolment: enrolments, name: users.name, status: users.status })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(eq(enrolments.id, enrolmentId));
  if (!row || row.status === 'deleted' || !row.enrolment.completedAt) return null;
  const definition = await definitionOf(row.enrolment.courseVersionId);
  if (!definition) return null;
  const done = await db
    .select({ id: activityCompletions.activityId })
    .from(activityCompletions)
    .where(eq(activityCompletions.enrolmentId, enrolmentId));
  if (!isCourseComplete(definition, new Set(done.map((d) => d.id)))) return null;
  const validYears = definition.certificate.validYears;
  const expiresAt = validYears
    ? new Date(Date.UTC(now.getUTCFullYear() + validYears, now.getUTCMonth(), now.getUTCDate()))
    : null;
  const result = await insertCertificate(db, {
    enrolmentId,
    userId: row.enrolment.userId,
    courseId: row.enrolment.courseId,
    holderName: row.name,
    courseTitle: definition.title,
    statement: definition.certificate.statement,
    hours: definition.hours,
    template: definition.certificate.template,
    completedAt: row.enrolment.completedAt,
    issuedAt: now,
    expiresAt,
  });
  const issued = await currentCertificate(enrolmentId);
  if (issued && result.rowsAffected > 0) {
    await audit({ action: 'certificate_issued', targetUserId: issued.userId, details: { number: issued.number } });
  }
  return issued;
}

export async function findCertificateByNumber(number: string): Promise<Certificate | null> {
  const normalised = number.trim().toUpperCase();
  if (!/^[A-Z]{2}-[A-Z]{3}-\d{4}-\d{6,}$/.test(normalised)) return null;
  const db = await getDb();
  const [row] = await db.select().from(certificates).where(eq(certificates.number, normalised));
  return row ?? null;
}

export async function findCertificateByCode(code: string): Promise<Certificate | null> {
  if (!TOKEN_PATTERN.test(code)) return null;
  const db = await getDb();
  const [row] = await db.select().from(certificates).where(eq(certificates.verificationCode, code));
  return row ?? null;
}

/** Revokes a certificate with a reason (admin, audited). A revoked certificate cannot be downloaded. */
export async function revokeCertificate(
  actorUserId: number,
  number: string,
  reason: string,
  ip: string,
): Promise<void> {
  const found = await findCertificateByNumber(number);
  if (!found) throw new AppError('NOT_FOUND', 'error.certificate.notFound');
  const db = await getDb();
  const updated = await db
    .update(certificates)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(certificates.id, found.id), isNull(certificates.revokedAt)))
    .returning({ id: certificates.id });
  if (updated.length === 0) throw new AppError('CONFLICT', 'error.certificate.alreadyRevoked');
  await audit({
    action: 'certificate_revoked',
    actorUserId,
    targetUserId: found.userId,
    ip,
    details: { number: found.number, reason },
  });
}

/**
 * Reissues a certificate after a correction of the holder's name: a new certificate (new
 * number and code) with the person's current name, and the old one marked as replaced by it —
 * in one batch, so there is never no current certificate, nor two.
 */
export async function reissueCertificate(actorUserId: number, number: string, ip: string): Promise<Certificate> {
  const old = await findCertificateByNumber(number);
  if (!old) throw new AppError('NOT_FOUND', 'error.certificate.notFound');
  if (old.replacedById !== null) throw new AppError('CONFLICT', 'error.certificate.replaced');
  if (old.revokedAt) throw new AppError('CONFLICT', 'error.certificate.alreadyRevoked');
  const db = await getDb();
  const [holder] = await db
    .select({ name: users.name, status: users.status })
    .from(users)
    .where(eq(users.id, old.userId));
  if (!holder || holder.status === 'deleted') throw new AppError('NOT_FOUND', 'error.user.notFound');
  const successor = sql`(SELECT id FROM certificates WHERE enrolment_id = ${old.enrolmentId} AND replaced_by_id IS NULL)`;
  const [, inserted] = await db.batch([
    // Step aside (0 is a placeholder) so that the new certificate can become the current one …
    db
      .update(certificates)
      .set({ replacedById: 0 })
      .where(and(eq(certificates.id, old.id), isNull(certificates.replacedById))),
    insertCertificate(db, { ...old, holderName: holder.name, issuedAt: new Date() }),
    // … then point to it (only if this batch stepped it aside: a concurrent reissue did nothing).
    db
      .update(certificates)
      .set({ replacedById: successor })
      .where(and(eq(certificates.id, old.id), eq(certificates.replacedById, 0))),
  ]);
  // Nothing inserted: another admin reissued it a moment earlier.
  if (inserted.rowsAffected === 0) throw new AppError('CONFLICT', 'error.certificate.replaced');
  const fresh = await currentCertificate(old.enrolmentId);
  if (!fresh || fresh.id === old.id) throw new AppError('CONFLICT', 'error.certificate.replaced');
  await audit({
    action: 'certificate_reissued',
    actorUserId,
    targetUserId: old.userId,
    ip,
    details: { from: old.number, to: fresh.number },
  });
  return fresh;
}

export type VerificationStatus = 'valid' | 'revoked' | 'expired' | 'replaced';

/** The state the public verification page shows. */
export function verificationStatus(certificate: Certificate, now = new Date()): VerificationStatus {
  if (certificate.revokedAt) return 'revoked';
  if (certificate.replacedById !== null) return 'replaced';
  if (certificate.expiresAt && certificate.expiresAt.getTime() < now.getTime()) return 'expired';
  return 'valid';
}
