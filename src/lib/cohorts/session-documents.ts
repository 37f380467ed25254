import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb, preparedStatement } from '../db.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../auth/types.ts';
import { definitionOf } from '../courses/versions.ts';
import { loadProject } from '../courses/loader.ts';
import { env } from '../env/index.ts';
import {
  cohortMembers,
  cohortSessions,
  cohortTrainers,
  cohorts,
  courses,
  institutions,
  users,
} from '../../../db/schema/index.ts';
import { requireManagedSession, type SessionRow } from './sessions.ts';
import type { SignInSheet } from './sign-in-sheet.ts';
import type { CalendarEvent } from './calendar.ts';
import { publicBaseUrl } from '../env/index.ts';

const FALLBACK_PROJECT = {
  name: { lv: 'Starpkultūru komunikācijas mācības', en: 'Intercultural communication training' },
  fund: { lv: 'Patvēruma, migrācijas un integrācijas fonds', en: 'Asylum, Migration and Integration Fund' },
};

/** The project's name and fund from `courses/project.yaml` (read once per process). */
let project: typeof FALLBACK_PROJECT | undefined;
function projectFacts(): typeof FALLBACK_PROJECT {
  if (!project) {
    const loaded = loadProject(env().COURSES_DIR);
    project = loaded.ok ? { name: loaded.project.name, fund: loaded.project.fund } : FALLBACK_PROJECT;
  }
  return project;
}

/** What a session's sign-in sheet prints, for its trainers: facts, trainers, enrolled learners. */
export async function sessionSheet(actor: SessionUser, cohortId: number, sessionId: number): Promise<SignInSheet> {
  const session = await requireManagedSession(actor, sessionId);
  if (session.cohortId !== cohortId) throw new AppError('NOT_FOUND', 'error.cohort.sessionNotFound');
  const db = await getDb();
  const [cohort] = await db
    .select({ name: cohorts.name, versionId: courses.currentVersionId })
    .from(cohorts)
    .innerJoin(courses, eq(courses.id, cohorts.courseId))
    .where(eq(cohorts.id, cohortId));
  const definition = cohort?.versionId ? await definitionOf(cohort.versionId) : null;
  if (!cohort || !definition) throw new AppError('NOT_FOUND', 'error.cohort.notFound');
  const [trainers, participants] = await Promise.all([
    db
      .select({ name: users.name })
      .from(cohortTrainers)
      .innerJoin(users, eq(users.id, cohortTrainers.userId))
      .where(eq(cohortTrainers.cohortId, cohortId))
      .orderBy(asc(users.name)),
    db
      .select({ name: users.name, institution: institutions.name, status: cohortMembers.status })
      .from(cohortMembers)
      .innerJoin(users, eq(users.id, cohortMembers.userId))
      .leftJoin(institutions, eq(institutions.id, users.institutionId))
      .where(eq(cohortMembers.cohortId, cohortId))
      .orderBy(asc(users.name)),
  ]);
  const facts = projectFacts();
  return {
    courseTitle: definition.title,
    cohortName: cohort.name,
    sessionTitle: session.title,
    start: session.startsAt,
    durationMinutes: session.durationMinutes,
    venue: session.venue ?? (session.meetingUrl ? 'online' : null),
    trainers: trainers.map((t) => t.name),
    participants: participants
      .filter((p) => p.status === 'enrolled')
      .map(({ name, institution }) => ({ name, institution })),
    projectName: facts.name,
    fundName: facts.fund,
  };
}

/** A session as a calendar event (cancelled sessions stay, marked, so calendars drop them). */
export function sessionEvent(session: SessionRow, courseTitle: string, cohortName: string): CalendarEvent {
  const url = session.meetingUrl ?? new URL(`/learning`, publicBaseUrl()).href;
  return {
    uid: `session-${session.id}`,
    start: session.startsAt,
    end: new Date(session.startsAt.getTime() + session.durationMinutes * 60_000),
    summary: `${session.title ?? courseTitle} (${cohortName})`,
    ...(session.venue ? { location: session.venue } : {}),
    description: courseTitle,
    url,
    updated: session.updatedAt,
    cancelled: session.cancelledAt !== null,
  };
}

export interface LearnerSession {
  session: SessionRow;
  cohortName: string;
  courseSlug: string;
  courseVersionId: number | null;
}

const learnerSessions = preparedStatement((db) =>
  db
    .select({
      session: cohortSessions,
      cohortName: cohorts.name,
      courseSlug: courses.slug,
      courseVersionId: courses.currentVersionId,
    })
    .from(cohortSessions)
    .innerJoin(cohorts, eq(cohorts.id, cohortSessions.cohortId))
    .innerJoin(courses, eq(courses.id, cohorts.courseId))
    .innerJoin(
      cohortMembers,
      and(
        eq(cohortMembers.cohortId, cohorts.id),
        eq(cohortMembers.userId, sql.placeholder('userId')),
        eq(cohortMembers.status, 'enrolled'),
      ),
    )
    .orderBy(asc(cohortSessions.startsAt))
    .prepare(),
);

/** The sessions of the cohorts a learner is enrolled in, in time order ("My learning" reads it on every visit). */
export async function sessionsOfLearner(userId: number): Promise<LearnerSession[]> {
  return learnerSessions(await getDb()).execute({ userId });
}

/** One of a learner's sessions (anyone else's is "not found"). */
export async function learnerSession(userId: number, sessionId: number): Promise<LearnerSession> {
  const found = (await sessionsOfLearner(userId)).find((s) => s.session.id === sessionId);
  if (!found) throw new AppError('NOT_FOUND', 'error.cohort.sessionNotFound');
  return found;
}
