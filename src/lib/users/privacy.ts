import { eq, or, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { audit, listAuditEvents } from '../audit/index.ts';
import { getInstitution } from '../institutions/index.ts';
import { myLearning } from '../courses/learning.ts';
import { verifyPassword } from '../auth/password.ts';
import { auditEvents, certificates, passwordResetTokens, sessions, surveyResponses } from '../../../db/schema/index.ts';
import { limitOrThrow, loginAccountKey } from '../auth/account.ts';
import { RATE_LIMITS } from '../auth/rate-limit.ts';
import { eraseScormDataStatement, ownScormData } from '../scorm/staff-view.ts';
import { coordinatedInstitutionIds, findUserById, setCoordinatedInstitutions, updateUser } from './queries.ts';

/**
 * Everything Tilts holds about a person, as a JSON-ready object (GDPR art. 15 and 20).
 * Later capabilities (enrolments, attempts, certificates) add their sections here.
 */
export async function exportPersonalData(userId: number): Promise<Record<string, unknown>> {
  const user = await findUserById(userId);
  if (!user) throw new AppError('NOT_FOUND', 'error.user.notFound');
  const institution = user.institutionId ? await getInstitution(user.institutionId) : null;
  const coordinated = await coordinatedInstitutionIds(userId);
  const db = await getDb();
  const activeSessions = await db
    .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  const events = await listAuditEvents({ userId, limit: 1000 });
  const learning = await myLearning(userId);
  const held = await db.select().from(certificates).where(eq(certificates.userId, userId));
  const responses = await db
    .select({
      id: surveyResponses.id,
      courseId: surveyResponses.courseId,
      surveyId: surveyResponses.surveyId,
      comment: surveyResponses.comment,
      submittedAt: surveyResponses.submittedAt,
      answers: sql<string>`(SELECT json_group_object(item_id, value) FROM survey_answers WHERE response_id = ${surveyResponses.id})`,
    })
    .from(surveyResponses)
    .where(eq(surveyResponses.userId, userId));
  return {
    exportedAt: new Date().toISOString(),
    format: 'tilts-personal-data/1',
    profile: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      status: user.status,
      sector: user.sector,
      region: user.region,
      position: user.position,
      locale: user.locale,
      institution: institution
        ? { id: institution.id, name: institution.name, registrationNumber: institution.registrationNumber }
        : null,
      privacyConsentAt: user.privacyConsentAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    },
    coordinatedInstitutionIds: coordinated,
    sessions: activeSessions.map((s) => ({
      createdAt: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
    })),
    enrolments: learning.map((e) => ({
      course: e.slug,
      courseVersion: e.definition.version,
      enrolledAt: e.enrolledAt.toISOString(),
      startedAt: e.startedAt?.toISOString() ?? null,
      completedAt: e.completedAt?.toISOString() ?? null,
      completedActivities: [...e.completed].map(([activity, at]) => ({ activity, at: at.toISOString() })),
    })),
    certificates: held.map((c) => ({
      number: c.number,
      course: c.courseTitle,
      holderName: c.holderName,
      completedAt: c.completedAt.toISOString(),
      issuedAt: c.issuedAt.toISOString(),
      revokedAt: c.revokedAt?.toISOString() ?? null,
      replaced: c.replacedById !== null,
    })),
    surveyAnswers: responses.map((r) => ({
      courseId: r.courseId,
      survey: r.surveyId,
      submittedAt: r.submittedAt.toISOString(),
      answers: JSON.parse(r.answers) as Record<string, number>,
      comment: r.comment,
    })),
    scormAttempts: await ownScormData(userId),
    // The address of an event is the actor's: shown only for what the person did themselves.
    auditEvents: events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      ip: e.actorUserId === userId ? e.ip : null,
    })),
  };
}

/**
 * Erases a person's account: the password is checked, then name, e-mail, position and
 * password are replaced or removed and every session ends. The row itself stays, with its
 * sector, region and institution, so that no aggregate figure of the project changes.
 */
export async function deleteOwnAccount(userId: number, password: string, ip: string): Promise<void> {
  const user = await findUserById(userId);
  if (!user?.passwordHash || user.status === 'deleted') throw new AppError('NOT_FOUND', 'error.user.notFound');
  await limitOrThrow(loginAccountKey(user.email), RATE_LIMITS.loginPerAccount);
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new AppError('BAD_REQUEST', 'error.password.current', { field: 'password' });
  }
  // Recorded first, so that erasing the person's addresses covers this event too.
  await audit({ action: 'account_deleted', actorUserId: userId, targetUserId: userId, ip });
  await anonymiseUser(userId);
}

/** Replaces personal fields with neutral values; keeps the counting fields. */
export async function anonymiseUser(userId: number): Promise<void> {
  const db = await getDb();
  await updateUser(userId, {
    email: `deleted-${userId}@deleted.invalid`,
    name: '—',
    passwordHash: null,
    position: null,
    status: 'deleted',
    deletedAt: new Date(),
  });
  await setCoordinatedInstitutions(userId, []);
  await db.batch([
    db.delete(sessions).where(eq(sessions.userId, userId)),
    db.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, userId)),
    // The name printed on their certificates too: the public verification page must not show it.
    // The certificates themselves stay (the fund's evidence that training happened).
    db.update(certificates).set({ holderName: '—' }).where(eq(certificates.userId, userId)),
    // Survey comments are free text and may name people; the 1–5 answers stay, so no figure changes.
    db.update(surveyResponses).set({ comment: null }).where(eq(surveyResponses.userId, userId)),
    eraseScormDataStatement(db, userId),
    // Addresses are personal data too; the events themselves (ids only) stay for the trail.
    db
      .update(auditEvents)
      .set({ ip: null })
      .where(or(eq(auditEvents.actorUserId, userId), eq(auditEvents.targetUserId, userId))),
  ]);
}
