import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb, preparedStatement } from '../db.ts';
import { directExists, directStatement } from '../direct-reads.ts';
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
import type { CohortRow } from './cohorts.ts';
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

/**
 * A learner's groups and, for those they are enrolled in (not waiting), every session — one
 * statement, as "My learning" reads it on every visit.
 */
const learnerGroupRows = preparedStatement((db) =>
  db
    .select({
      cohort: cohorts,
      status: cohortMembers.status,
      session: cohortSessions,
      courseSlug: courses.slug,
      courseVersionId: courses.currentVersionId,
    })
    .from(cohortMembers)
    .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
    .innerJoin(courses, eq(courses.id, cohorts.courseId))
    .leftJoin(cohortSessions, and(eq(cohortSessions.cohortId, cohorts.id), eq(cohortMembers.status, 'enrolled')))
    .where(eq(cohortMembers.userId, sql.placeholder('userId')))
    .orderBy(asc(cohorts.startsOn), asc(cohortSessions.startsAt))
    .prepare(),
);

export interface LearnerGroups {
  groups: { cohort: CohortRow; status: 'enrolled' | 'waiting'; courseSlug: string }[];
  sessions: LearnerSession[];
}

const inAnyGroup = directStatement('SELECT 1 FROM cohort_members WHERE user_id = ? LIMIT 1');

export async function groupsOfLearner(userId: number): Promise<LearnerGroups> {
  const db = await getDb();
  // Most learners study on their own: a direct existence check spares them the groups query.
  if (directExists(inAnyGroup, db, userId) === false) return { groups: [], sessions: [] };
  const rows = await learnerGroupRows(db).execute({ userId });
  const groups = new Map<number, LearnerGroups['groups'][number]>();
  const sessions: LearnerSession[] = [];
  for (const r of rows) {
    if (!groups.has(r.cohort.id))
      groups.set(r.cohort.id, { cohort: r.cohort, status: r.status, courseSlug: r.courseSlug });
    if (r.session) {
      sessions.push({
        session: r.session,
        cohortName: r.cohort.name,
        courseSlug: r.courseSlug,
        courseVersionId: r.courseVersionId,
      });
    }
  }
  sessions.sort((a, b) => a.session.startsAt.getTime() - b.session.startsAt.getTime());
  return { groups: [...groups.values()], sessions };
}

/** The sessions of the groups a learner is enrolled in, in time order. */
export async function sessionsOfLearner(userId: number): Promise<LearnerSession[]> {
  return (await groupsOfLearner(userId)).sessions;
}

/** One of a learner's sessions (anyone else's is "not found"). */
export async function learnerSession(userId: number, sessionId: number): Promise<LearnerSession> {
  const found = (await sessionsOfLearner(userId)).find((s) => s.session.id === sessionId);
  if (!found) throw new AppError('NOT_FOUND', 'error.cohort.sessionNotFound');
  return found;
}
