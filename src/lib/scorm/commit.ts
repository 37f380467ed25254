import { timingSafeEqual } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, preparedStatement } from '../db.ts';
import { AppError } from '../errors.ts';
import { courses, enrolments, scormAttempts, scormScoStates } from '../../../db/schema/index.ts';
import { getEnrolment, recordEvidence } from '../courses/learning.ts';
import { activitiesOf } from '../courses/completion.ts';
import { getPackage } from './packages.ts';
import { apiOf, scoStatuses } from './attempts.ts';
import { isSequenced, launchableItem, launchableItems } from './outline.ts';
import { packageStatus, type Completion, type Success } from './rollup.ts';
import { validateCommit } from './runtime/validate-commit.ts';
import { summariseCmi } from './runtime/summary.ts';

/** Largest commit body accepted (64,000 characters of suspend data and a full interaction log fit). */
export const MAX_COMMIT_BODY_BYTES = 2_000_000;

/**
 * What the player sends: which attempt, SCO and launch (session) it belongs to, its sequence
 * number within that launch, the attempt's token (beacons carry no custom headers, so the
 * token travels in the body), the SCO's flattened CMI and, for sequenced SCORM 2004 packages,
 * scorm-again's sequencing state and the root's rollup.
 */
export const commitSchema = z
  .object({
    attempt: z.number().int().positive(),
    item: z.string().min(1).max(4000),
    session: z.number().int().positive(),
    seq: z.number().int().positive(),
    token: z.string().min(16).max(200),
    final: z.boolean().optional(),
    // Checked element by element by validateCommit: here only that it is an object (a record
    // schema would copy every element once more on each commit).
    cmi: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
    sequencing: z
      .object({
        state: z.string().max(1_000_000),
        root: z.object({
          completion: z.enum(['completed', 'incomplete', 'not attempted', 'unknown']),
          success: z.enum(['passed', 'failed', 'unknown']),
        }),
      })
      .optional(),
  })
  .strict();

export type CommitBody = z.infer<typeof commitSchema>;

export type CommitOutcome =
  | { status: 'stored'; completion: Completion; success: Success; activityCompleted: boolean; courseCompleted: boolean }
  | { status: 'duplicate' };

const attemptForCommit = preparedStatement((db) =>
  db
    .select({
      userId: scormAttempts.userId,
      token: scormAttempts.token,
      packageId: scormAttempts.packageId,
      enrolmentId: scormAttempts.enrolmentId,
      activityId: scormAttempts.activityId,
      attemptCompletion: scormAttempts.completion,
      attemptSuccess: scormAttempts.success,
      session: scormScoStates.session,
      seq: scormScoStates.seq,
      completion: scormScoStates.completion,
      success: scormScoStates.success,
      totalSeconds: scormScoStates.totalSeconds,
    })
    .from(scormAttempts)
    .innerJoin(
      scormScoStates,
      and(eq(scormScoStates.attemptId, scormAttempts.id), eq(scormScoStates.itemId, sql.placeholder('item'))),
    )
    .where(eq(scormAttempts.id, sql.placeholder('attempt')))
    .prepare(),
);

/**
 * The one write of a commit: only into the launch (session) it belongs to and only when its
 * sequence number is newer than the stored one, so a repeat or a late, older commit changes
 * nothing. Prepared once per database (it runs for every commit of every learner); the values
 * are given already encoded (JSON text, seconds) because placeholders skip column mapping.
 */
const storeScoState = preparedStatement((db) => {
  const value = (name: string) => sql`${sql.placeholder(name)}`;
  return db
    .update(scormScoStates)
    .set({
      seq: value('seq'),
      cmi: value('cmi'),
      completion: value('completion'),
      success: value('success'),
      scoreRaw: value('scoreRaw'),
      scoreScaled: value('scoreScaled'),
      sessionSeconds: value('sessionSeconds'),
      exit: value('exit'),
      terminated: value('terminated'),
      updatedAt: value('updatedAt'),
    })
    .where(
      and(
        eq(scormScoStates.attemptId, sql.placeholder('attempt')),
        eq(scormScoStates.itemId, sql.placeholder('item')),
        eq(scormScoStates.session, sql.placeholder('session')),
        lt(scormScoStates.seq, sql.placeholder('seq')),
      ),
    )
    .returning({ seq: scormScoStates.seq })
    .prepare();
});

/**
 * The commit's CMI, validated. Elements that break the data model are dropped (and named in
 * the log) while the rest is stored: scorm-again accepted them in the browser, and refusing the
 * whole commit would lose the learner's progress for one odd value. Only a body that is not CMI
 * at all is refused.
 */
function validCmi(api: '1.2' | '2004', cmi: Record<string, unknown>): { state: Record<string, string> } {
  const first = validateCommit(api, cmi);
  if (first.ok) return first;
  const bad = new Set(first.errors.map((e) => e.element));
  const rest = Object.fromEntries(Object.entries(cmi).filter(([name]) => !bad.has(name)));
  const second = validateCommit(api, rest);
  if (!second.ok || bad.has('(commit)')) {
    throw new AppError('BAD_REQUEST', 'scorm.error.invalidCmi', {
      params: {
        problems: first.errors
          .slice(0, 5)
          .map((e) => `${e.element}: ${e.problem}`)
          .join('; '),
      },
    });
  }
  console.warn(
    `SCORM commit: dropped ${bad.size} invalid element(s): ${first.errors
      .slice(0, 5)
      .map((e) => `${e.element}: ${e.problem}`)
      .join('; ')}`,
  );
  return second;
}

/** A SCORM 1.2 score as a fraction of its range (0–100 unless the SCO says otherwise). */
function scaledFromRaw(summary: {
  scoreRaw: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
}): number | null {
  if (summary.scoreRaw === null) return null;
  const min = summary.scoreMin ?? 0;
  const max = summary.scoreMax ?? 100;
  return max > min ? Math.min(1, Math.max(0, (summary.scoreRaw - min) / (max - min))) : null;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Stores one commit of a SCO's run-time data, durably, before answering. Refused with a reason
 * when it is not the learner's attempt or token, when it comes from an older launch than the
 * latest (another window) or when the CMI breaks the data model; a repeat of a commit already
 * stored is acknowledged and changes nothing. When the SCO's status changes, the package's
 * status is rolled up and fed to THE completion rule of the course.
 */
export async function storeCommit(userId: number, body: CommitBody, now = new Date()): Promise<CommitOutcome> {
  const db = await getDb();
  const [row] = await attemptForCommit(db).execute({ attempt: body.attempt, item: body.item });
  if (!row || row.userId !== userId) throw new AppError('NOT_FOUND', 'scorm.error.noAttempt');
  if (!sameToken(row.token, body.token)) throw new AppError('FORBIDDEN', 'scorm.error.token');
  if (body.session < row.session) throw new AppError('CONFLICT', 'scorm.error.staleLaunch');
  if (body.session === row.session && body.seq <= row.seq) return { status: 'duplicate' };
  if (body.session > row.session) throw new AppError('CONFLICT', 'scorm.error.staleLaunch');

  const pkg = await getPackage(row.packageId);
  const item = pkg ? launchableItem(pkg.manifest, body.item) : null;
  if (!pkg || !item) throw new AppError('NOT_FOUND', 'scorm.error.noItem');
  const api = apiOf(pkg);
  const checked = validCmi(api, body.cmi);
  const summary = summariseCmi(api, checked.state, {
    masteryScore: item.masteryScore,
    scaledPassingScore: item.minNormalizedMeasure,
    completionThreshold: item.completionThreshold,
  });
  // An asset or a SCO that never reports keeps what the launch decided.
  const completion: Completion = item.scormType === 'asset' ? 'completed' : summary.completion;
  const stored = await storeScoState(db).execute({
    attempt: body.attempt,
    item: body.item,
    session: body.session,
    seq: body.seq,
    cmi: JSON.stringify(checked.state),
    completion,
    success: summary.success,
    scoreRaw: summary.scoreRaw,
    scoreScaled: summary.scoreScaled ?? scaledFromRaw(summary),
    sessionSeconds: summary.sessionSeconds,
    exit: summary.exit,
    terminated: body.final === true ? 1 : 0,
    updatedAt: Math.floor(now.getTime() / 1000),
  });
  if (stored.length === 0) {
    // A newer commit or launch got there first (two requests racing): the newer one stands.
    const [again] = await attemptForCommit(db).execute({ attempt: body.attempt, item: body.item });
    if (again && again.session === body.session) return { status: 'duplicate' };
    throw new AppError('CONFLICT', 'scorm.error.staleLaunch');
  }
  const sequenced = isSequenced(pkg.manifest) && body.sequencing !== undefined;
  if (sequenced && body.sequencing) {
    // Only the SCO the attempt is on speaks for the activity tree: a tab left open on another
    // SCO must not overwrite the state (and global objectives) the current one produced.
    await db
      .update(scormAttempts)
      .set({ sequencing: body.sequencing.state, updatedAt: now })
      .where(and(eq(scormAttempts.id, body.attempt), eq(scormAttempts.currentItem, body.item)));
  }
  const scoChanged = completion !== row.completion || summary.success !== row.success;
  // Also when the SCO is done but the attempt is not yet: a roll-up that failed half-way (the
  // learner's activity not yet credited) is finished by the next commit.
  const attemptBehind =
    (completion === 'completed' || summary.success === 'passed') &&
    row.attemptCompletion !== 'completed' &&
    row.attemptSuccess !== 'passed';
  if (!scoChanged && !sequenced && !attemptBehind) {
    return {
      status: 'stored',
      completion: row.attemptCompletion,
      success: row.attemptSuccess,
      activityCompleted: false,
      courseCompleted: false,
    };
  }
  return rollUp(body.attempt, pkg, row, sequenced ? (body.sequencing?.root ?? null) : null, now);
}

async function rollUp(
  attemptId: number,
  pkg: NonNullable<Awaited<ReturnType<typeof getPackage>>>,
  row: {
    userId: number;
    enrolmentId: number | null;
    activityId: string;
    attemptCompletion: Completion;
    attemptSuccess: Success;
  },
  root: { completion: Completion; success: Success } | null,
  now: Date,
): Promise<CommitOutcome> {
  const statuses = await scoStatuses(attemptId);
  const computed = packageStatus(launchableItems(pkg.manifest), (id) => statuses.get(id), root);
  // An attempt never goes back: once completed or passed it stays so (reopening a finished
  // module, or a new SCORM 2004 SCO attempt in it, does not undo what the course credited).
  const status = {
    completion: row.attemptCompletion === 'completed' ? row.attemptCompletion : computed.completion,
    success: row.attemptSuccess === 'passed' ? row.attemptSuccess : computed.success,
    scoreScaled: computed.scoreScaled,
  };
  const db = await getDb();
  const done = status.completion === 'completed' || status.success === 'passed';
  let activityCompleted = false;
  let courseCompleted = false;
  // The course is credited first, the attempt's status written after: if crediting fails, the
  // attempt still looks unfinished and the next commit tries again.
  if (row.enrolmentId !== null && done) {
    const [course] = await db
      .select({ slug: courses.slug })
      .from(enrolments)
      .innerJoin(courses, eq(courses.id, enrolments.courseId))
      .where(eq(enrolments.id, row.enrolmentId));
    const enrolment = course ? await getEnrolment(row.userId, course.slug) : null;
    const activity = enrolment ? activitiesOf(enrolment.definition).find((a) => a.id === row.activityId) : undefined;
    if (enrolment && activity) {
      const result = await recordEvidence(
        enrolment,
        activity,
        { scorm: { completion: status.completion, success: status.success } },
        now,
      );
      activityCompleted = result.activityRecorded;
      courseCompleted = result.courseCompleted;
    }
  }
  if (status.completion !== row.attemptCompletion || status.success !== row.attemptSuccess || done) {
    await db
      .update(scormAttempts)
      .set({
        completion: status.completion,
        success: status.success,
        scoreScaled: status.scoreScaled,
        updatedAt: now,
        ...(done
          ? { completedAt: sql`coalesce(${scormAttempts.completedAt}, ${Math.floor(now.getTime() / 1000)})` }
          : {}),
      })
      .where(eq(scormAttempts.id, attemptId));
  }
  return {
    status: 'stored',
    completion: status.completion,
    success: status.success,
    activityCompleted,
    courseCompleted,
  };
}
