import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { scormAttempts, scormScoStates } from '../../../db/schema/index.ts';
import { requireActivity, type EnrolmentView } from '../courses/learning.ts';
import type { Activity } from '../courses/schema.ts';
import { scormOf } from '../courses/versions.ts';
import { getPackage, type StoredPackage } from './packages.ts';
import { launchableItem, launchableItems } from './outline.ts';
import { prerequisitesMet, type LessonStatus } from './prerequisites.ts';
import { retakeDecision } from './retake.ts';
import { lmsOwnedValues, type Api } from './runtime/launch-data.ts';
import { formatTimespan } from './runtime/summary.ts';
import { stateForLaunch } from './runtime/validate-commit.ts';
import type { ScormItem } from './package/types.ts';

export type Completion = 'completed' | 'incomplete' | 'not attempted' | 'unknown';
export type Success = 'passed' | 'failed' | 'unknown';

export interface ScoStatus {
  itemId: string;
  completion: Completion;
  success: Success;
  scoreRaw: number | null;
  scoreScaled: number | null;
  sessions: number;
}

export interface AttemptRow {
  id: number;
  userId: number;
  enrolmentId: number | null;
  activityId: string;
  packageId: string;
  number: number;
  token: string;
  currentItem: string | null;
  sequencing: string | null;
  completion: Completion;
  success: Success;
  scoreScaled: number | null;
  completedAt: Date | null;
}

/** The API a package talks to: SCORM 1.2's `API` or SCORM 2004's `API_1484_11`. */
export function apiOf(pkg: Pick<StoredPackage, 'version'>): Api {
  return pkg.version === '1.2' ? '1.2' : '2004';
}

/** The learner's enrolment, the SCORM activity and the package it plays in their version. */
export async function scormActivity(
  userId: number,
  slug: string,
  activityId: string,
): Promise<{ enrolment: EnrolmentView; activity: Extract<Activity, { kind: 'scorm' }>; pkg: StoredPackage }> {
  const { enrolment, activity } = await requireActivity(userId, slug, activityId);
  if (activity.kind !== 'scorm') throw new AppError('BAD_REQUEST', 'scorm.error.notScorm');
  const packageId = (await scormOf(enrolment.versionId))[activity.id];
  const pkg = packageId ? await getPackage(packageId) : null;
  if (!pkg) throw new AppError('NOT_FOUND', 'scorm.error.noPackage');
  return { enrolment, activity, pkg };
}

const attemptColumns = {
  id: scormAttempts.id,
  userId: scormAttempts.userId,
  enrolmentId: scormAttempts.enrolmentId,
  activityId: scormAttempts.activityId,
  packageId: scormAttempts.packageId,
  number: scormAttempts.number,
  token: scormAttempts.token,
  currentItem: scormAttempts.currentItem,
  sequencing: scormAttempts.sequencing,
  completion: scormAttempts.completion,
  success: scormAttempts.success,
  scoreScaled: scormAttempts.scoreScaled,
  completedAt: scormAttempts.completedAt,
};

/** The learner's latest attempt at an activity's package, or null before the first launch. */
export async function latestAttempt(
  userId: number,
  enrolmentId: number | null,
  packageId: string,
  activityId: string,
): Promise<AttemptRow | null> {
  const db = await getDb();
  const [row] = await db
    .select(attemptColumns)
    .from(scormAttempts)
    .where(
      and(
        eq(scormAttempts.userId, userId),
        enrolmentId === null ? isNull(scormAttempts.enrolmentId) : eq(scormAttempts.enrolmentId, enrolmentId),
        eq(scormAttempts.packageId, packageId),
        eq(scormAttempts.activityId, activityId),
      ),
    )
    .orderBy(desc(scormAttempts.number))
    .limit(1);
  return row ?? null;
}

/**
 * The attempt to play: the latest one, or a new one when there is none or when `fresh` is asked
 * for (allowed only after the latest attempt is complete — an unfinished attempt is resumed,
 * never thrown away). Two tabs starting at once get the same attempt (unique number).
 */
export async function currentAttempt(
  userId: number,
  enrolmentId: number | null,
  packageId: string,
  activityId: string,
  options: { fresh?: boolean; now?: Date } = {},
): Promise<AttemptRow> {
  const latest = await latestAttempt(userId, enrolmentId, packageId, activityId);
  if (latest && !options.fresh) return latest;
  if (latest && latest.completion !== 'completed' && latest.success !== 'passed') {
    throw new AppError('CONFLICT', 'scorm.error.attemptOpen');
  }
  const now = options.now ?? new Date();
  const db = await getDb();
  await db
    .insert(scormAttempts)
    .values({
      userId,
      enrolmentId,
      activityId,
      packageId,
      number: (latest?.number ?? 0) + 1,
      token: randomBytes(24).toString('base64url'),
      startedAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const created = await latestAttempt(userId, enrolmentId, packageId, activityId);
  if (!created) throw new Error('SCORM attempt could not be created');
  return created;
}

/** Every SCO's status in an attempt (SCOs never launched are absent). */
export async function scoStatuses(attemptId: number): Promise<
  Map<
    string,
    ScoStatus & {
      exit: string | null;
      cmi: Record<string, string>;
      session: number;
      totalSeconds: number;
      sessionSeconds: number;
      scoAttempt: number;
    }
  >
> {
  const db = await getDb();
  const rows = await db.select().from(scormScoStates).where(eq(scormScoStates.attemptId, attemptId));
  return new Map(
    rows.map((r) => [
      r.itemId,
      {
        itemId: r.itemId,
        completion: r.completion,
        success: r.success,
        scoreRaw: r.scoreRaw,
        scoreScaled: r.scoreScaled,
        sessions: r.session,
        session: r.session,
        exit: r.exit,
        cmi: r.cmi,
        totalSeconds: r.totalSeconds,
        sessionSeconds: r.sessionSeconds,
        scoAttempt: r.scoAttempt,
      },
    ]),
  );
}

/** SCORM 1.2 lesson status of an item, from the server's summary (for prerequisites). */
export function lessonStatusOf(status: Pick<ScoStatus, 'completion' | 'success'> | undefined): LessonStatus {
  if (!status) return 'not attempted';
  if (status.success === 'passed') return 'passed';
  if (status.success === 'failed') return 'failed';
  if (status.completion === 'completed') return 'completed';
  if (status.completion === 'incomplete') return 'incomplete';
  return 'not attempted';
}

/** Whether a 1.2 item's prerequisites hold in this attempt (2004 packages use sequencing instead). */
export function itemAvailable(
  pkg: StoredPackage,
  item: ScormItem,
  statuses: Map<string, Pick<ScoStatus, 'completion' | 'success'>>,
): boolean {
  if (pkg.version !== '1.2') return true;
  return prerequisitesMet(item.prerequisites, (id) => lessonStatusOf(statuses.get(id)));
}

export interface Launch {
  api: Api;
  attempt: AttemptRow;
  item: ScormItem;
  /** This launch's session number: commits carry it, and only the newest launch may write. */
  session: number;
  /** The flattened CMI to load before the SCO starts: its saved state and the LMS's own values. */
  cmi: Record<string, string>;
}

/**
 * Starts a session of one SCO: decides entry (ab-initio / resume) and, for SCORM 2004, whether
 * this is a new attempt of the SCO (after an exit that was not a suspend the spec starts over);
 * folds the previous session's time into the total; and returns the state to load. The session
 * counter moves on, so a tab still open on an older launch can no longer overwrite what this one
 * writes.
 */
export async function launchSco(
  pkg: StoredPackage,
  attempt: AttemptRow,
  item: ScormItem,
  learner: { id: number; name: string },
  options: { credit?: boolean; now?: Date } = {},
): Promise<Launch> {
  const api = apiOf(pkg);
  const now = options.now ?? new Date();
  const db = await getDb();
  for (let tries = 0; tries < 3; tries++) {
    const [previous] = await db
      .select()
      .from(scormScoStates)
      .where(and(eq(scormScoStates.attemptId, attempt.id), eq(scormScoStates.itemId, item.identifier)));
    const suspended = previous?.exit === 'suspend';
    // SCORM 2004 RTE 4.2.8: a session that ended (Terminate) with an exit other than suspend ends
    // the SCO's attempt, and the next launch is a new one. A session that was cut off — a reload,
    // a closed tab, a crash: its final commit never stored — is resumed, never wiped.
    const newScoAttempt = api === '2004' && previous !== undefined && previous.terminated && !suspended;
    const cmi = !previous || newScoAttempt ? {} : previous.cmi;
    const totalSeconds = (previous?.totalSeconds ?? 0) + (previous?.sessionSeconds ?? 0);
    const entry: 'ab-initio' | 'resume' | '' = !previous || newScoAttempt ? 'ab-initio' : suspended ? 'resume' : '';
    const assetDone = item.scormType === 'asset';
    const values = {
      session: (previous?.session ?? 0) + 1,
      seq: 0,
      scoAttempt: (previous?.scoAttempt ?? 0) + (previous && !newScoAttempt ? 0 : 1),
      cmi,
      totalSeconds: api === '2004' && newScoAttempt ? 0 : totalSeconds,
      sessionSeconds: 0,
      exit: null,
      terminated: false,
      // An asset has no API: launching it is completing it (SCORM 2004 SN 4.2.1.1; 1.2 likewise).
      ...(assetDone ? { completion: 'completed' as const } : {}),
      updatedAt: now,
    };
    let written: unknown[];
    if (!previous) {
      written = await db
        .insert(scormScoStates)
        .values({ attemptId: attempt.id, itemId: item.identifier, ...values })
        .onConflictDoNothing()
        .returning({ session: scormScoStates.session });
    } else {
      written = await db
        .update(scormScoStates)
        .set(values)
        .where(
          and(
            eq(scormScoStates.attemptId, attempt.id),
            eq(scormScoStates.itemId, item.identifier),
            eq(scormScoStates.session, previous.session),
            // A commit stored since the read above must not be overwritten by the older state.
            eq(scormScoStates.seq, previous.seq),
          ),
        )
        .returning({ session: scormScoStates.session });
    }
    if (written.length === 0) continue; // another launch of the same SCO came in between: read again
    await db
      .update(scormAttempts)
      .set({ currentItem: item.identifier, updatedAt: now })
      .where(eq(scormAttempts.id, attempt.id));
    const owned = lmsOwnedValues(api, item, {
      learnerId: String(learner.id),
      learnerName: learner.name,
      entry,
      credit: options.credit === false ? 'no-credit' : 'credit',
      mode: 'normal',
      totalTime: formatTimespan(api, values.totalSeconds),
      fresh: Object.keys(cmi).length === 0,
    });
    return {
      api,
      attempt: { ...attempt, currentItem: item.identifier },
      item,
      session: values.session,
      cmi: { ...stateForLaunch(api, cmi), ...owned },
    };
  }
  throw new AppError('CONFLICT', 'scorm.error.launchRace');
}

/** The item to open: the one asked for, else where the learner was, else the first. */
export function itemToOpen(pkg: StoredPackage, attempt: AttemptRow, requested: string | null): ScormItem {
  if (requested !== null) {
    const item = launchableItem(pkg.manifest, requested);
    if (!item) throw new AppError('NOT_FOUND', 'scorm.error.noItem');
    return item;
  }
  const current = attempt.currentItem ? launchableItem(pkg.manifest, attempt.currentItem) : null;
  const first = launchableItems(pkg.manifest)[0];
  if (!first) throw new AppError('NOT_FOUND', 'scorm.error.noItem');
  return current ?? first;
}

/** What the activity page says about a learner's SCORM activity before they open the player. */
export async function scormIntro(userId: number, slug: string, activityId: string) {
  const { enrolment, activity, pkg } = await scormActivity(userId, slug, activityId);
  const attempt = await latestAttempt(userId, enrolment.id, pkg.id, activityId);
  const finished = attempt !== null && (attempt.completion === 'completed' || attempt.success === 'passed');
  return {
    title: pkg.title,
    version: pkg.version,
    scos: launchableItems(pkg.manifest).length,
    attempt,
    finished,
    /** The attempts the course allows in all (null: no limit). */
    attemptLimit: activity.attempts ?? null,
    retake: retakeDecision(activity, attempt),
    enrolmentId: enrolment.id,
    packageId: pkg.id,
  };
}

/**
 * Starts a new attempt after a finished one, when the course's rules allow it (see retake.ts);
 * the previous attempt stays, with its data, for staff. Two requests at once make one attempt.
 */
export async function startNewAttempt(userId: number, slug: string, activityId: string): Promise<void> {
  const { enrolment, activity, pkg } = await scormActivity(userId, slug, activityId);
  const decision = retakeDecision(activity, await latestAttempt(userId, enrolment.id, pkg.id, activityId));
  if (!decision.allowed) throw new AppError('CONFLICT', decision.reason);
  await currentAttempt(userId, enrolment.id, pkg.id, activityId, { fresh: true });
}

/** An attempt by id, or null. */
export async function attemptById(id: number): Promise<AttemptRow | null> {
  const db = await getDb();
  const [row] = await db.select(attemptColumns).from(scormAttempts).where(eq(scormAttempts.id, id));
  return row ?? null;
}
