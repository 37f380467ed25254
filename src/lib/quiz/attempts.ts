import { and, asc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { getDb, preparedStatement } from '../db.ts';
import { AppError } from '../errors.ts';
import { getEnrolment, recordEvidence, type EnrolmentView } from '../courses/learning.ts';
import { activitiesOf } from '../courses/completion.ts';
import type { Activity } from '../courses/schema.ts';
import { quizOf } from '../courses/versions.ts';
import { quizAnswers, quizAttempts } from '../../../db/schema/index.ts';
import { attemptContext } from './attempt-context.ts';
import { drawAttempt, type AttemptLayout, type Random, cryptoRandom } from './attempt-layout.ts';
import { isPassing, quizGrade } from './grading.ts';
import type { QuizDefinition, Response } from './schema.ts';
import { percentOf, scoreQuestion } from './scoring.ts';

type QuizActivity = Extract<Activity, { kind: 'quiz' }>;

export interface AttemptSummary {
  id: number;
  number: number;
  status: 'open' | 'submitted' | 'expired';
  startedAt: Date;
  deadlineAt: Date | null;
  closedAt: Date | null;
  percent: number | null;
  passed: boolean | null;
}

export interface QuizState {
  enrolment: EnrolmentView;
  activity: QuizActivity;
  quiz: QuizDefinition;
  attempts: AttemptSummary[];
  open: AttemptSummary | null;
  grade: number | null;
  passed: boolean;
  /** Attempts the learner may still start (null: unlimited). */
  attemptsLeft: number | null;
  questionCount: number;
}

/** The enrolment, the quiz activity and its definition in the learner's version. */
async function requireQuiz(userId: number, slug: string, activityId: string) {
  const enrolment = await getEnrolment(userId, slug);
  if (!enrolment) throw new AppError('FORBIDDEN', 'error.course.notEnrolled');
  const activity = activitiesOf(enrolment.definition).find((a) => a.id === activityId);
  if (!activity) throw new AppError('NOT_FOUND', 'error.activity.notFound');
  if (activity.kind !== 'quiz') throw new AppError('BAD_REQUEST', 'error.quiz.notAQuiz');
  const bank = await quizOf(enrolment.versionId);
  const quiz = bank.quizzes.find((q) => q.id === activity.quiz);
  if (!quiz) throw new AppError('NOT_FOUND', 'error.quiz.notInVersion');
  return { enrolment, activity, quiz, bank };
}

const summaryColumns = {
  id: quizAttempts.id,
  number: quizAttempts.number,
  status: quizAttempts.status,
  startedAt: quizAttempts.startedAt,
  deadlineAt: quizAttempts.deadlineAt,
  closedAt: quizAttempts.closedAt,
  percent: quizAttempts.percent,
  passed: quizAttempts.passed,
};

async function attemptsOf(enrolmentId: number, activityId: string): Promise<AttemptSummary[]> {
  const db = await getDb();
  return db
    .select(summaryColumns)
    .from(quizAttempts)
    .where(and(eq(quizAttempts.enrolmentId, enrolmentId), eq(quizAttempts.activityId, activityId)))
    .orderBy(asc(quizAttempts.number));
}

function stateOf(
  base: { enrolment: EnrolmentView; activity: QuizActivity; quiz: QuizDefinition },
  attempts: AttemptSummary[],
  questionCount: number,
): QuizState {
  const closed = attempts.filter((a) => a.status !== 'open' && a.percent !== null);
  const grade = quizGrade(
    base.quiz,
    closed.map((a) => ({ number: a.number, percent: a.percent ?? 0 })),
  );
  return {
    ...base,
    attempts,
    open: attempts.find((a) => a.status === 'open') ?? null,
    grade,
    passed: isPassing(base.quiz, grade),
    attemptsLeft: base.quiz.attempts === undefined ? null : Math.max(0, base.quiz.attempts - attempts.length),
    questionCount,
  };
}

/** How many questions an attempt of this quiz holds. */
function questionCountOf(quiz: QuizDefinition, bank: { questions: { category: string }[] }): number {
  return quiz.select.reduce(
    (sum, rule) => sum + (rule.count ?? bank.questions.filter((q) => q.category === rule.category).length),
    0,
  );
}

/**
 * A learner's standing in a quiz: attempts, grade, whether passed, attempts left. An open
 * attempt past its deadline is closed first, so what is shown is what the server enforces.
 */
export async function quizState(
  userId: number,
  slug: string,
  activityId: string,
  now = new Date(),
): Promise<QuizState> {
  const found = await requireQuiz(userId, slug, activityId);
  let attempts = await attemptsOf(found.enrolment.id, activityId);
  const open = attempts.find((a) => a.status === 'open');
  if (open?.deadlineAt && open.deadlineAt <= now) {
    await closeAttempt(open.id, 'expired', now);
    attempts = await attemptsOf(found.enrolment.id, activityId);
  }
  const state = stateOf(found, attempts, questionCountOf(found.quiz, found.bank));
  // Completion is recorded right after an attempt closes; should that step have failed (a
  // crash in between), the closed attempts still say what it must be: record it now (once).
  const closed = attempts.some((a) => a.status !== 'open');
  if (closed && !found.enrolment.completed.has(activityId)) {
    await recordEvidence(found.enrolment, found.activity, { quiz: { submitted: true, passed: state.passed } }, now);
  }
  return state;
}

/**
 * Starts an attempt, or returns the open one (a second click or a second tab resumes it). A
 * learner with no attempts left is refused.
 */
export async function startAttempt(
  userId: number,
  slug: string,
  activityId: string,
  now = new Date(),
  random: Random = cryptoRandom,
): Promise<number> {
  const state = await quizState(userId, slug, activityId, now);
  if (state.open) return state.open.id;
  if (state.attemptsLeft === 0) throw new AppError('CONFLICT', 'error.quiz.noAttemptsLeft');
  // The version's bank, from the per-process cache quizState already filled (no second lookup).
  const { questions } = await quizOf(state.enrolment.versionId);
  const layout = drawAttempt(state.quiz, questions, random);
  const db = await getDb();
  const number = (state.attempts.at(-1)?.number ?? 0) + 1;
  const inserted = await db
    .insert(quizAttempts)
    .values({
      enrolmentId: state.enrolment.id,
      userId,
      activityId,
      quizId: state.quiz.id,
      number,
      status: 'open',
      startedAt: now,
      deadlineAt: state.quiz.timeLimitMinutes ? new Date(now.getTime() + state.quiz.timeLimitMinutes * 60_000) : null,
      layout,
    })
    // Two simultaneous starts: the unique number lets one in; the other resumes it.
    .onConflictDoNothing()
    .returning({ id: quizAttempts.id });
  if (inserted[0]) return inserted[0].id;
  const again = await quizState(userId, slug, activityId, now);
  if (again.open) return again.open.id;
  throw new AppError('CONFLICT', 'error.quiz.noAttemptsLeft');
}

export interface AttemptView {
  id: number;
  userId: number;
  enrolmentId: number;
  activityId: string;
  number: number;
  status: 'open' | 'submitted' | 'expired';
  startedAt: Date;
  deadlineAt: Date | null;
  closedAt: Date | null;
  layout: AttemptLayout;
  earned: number | null;
  points: number | null;
  percent: number | null;
  passed: boolean | null;
  revision: number;
  answers: Map<string, { response: Response; earned: number | null; points: number | null; savedAt: number }>;
}

/**
 * Layouts never change once an attempt starts, so each process keeps the parsed ones it has
 * read (a bounded cache of immutable rows: answer-saves then read one small row, not the copy
 * of every question).
 */
const layouts = new Map<number, AttemptLayout>();
const MAX_LAYOUTS = 1000;

/** An attempt with its answers in one statement (the answers as a JSON array). */
const attemptRow = preparedStatement((db) =>
  db
    .select({
      id: quizAttempts.id,
      userId: quizAttempts.userId,
      enrolmentId: quizAttempts.enrolmentId,
      activityId: quizAttempts.activityId,
      number: quizAttempts.number,
      status: quizAttempts.status,
      startedAt: quizAttempts.startedAt,
      deadlineAt: quizAttempts.deadlineAt,
      closedAt: quizAttempts.closedAt,
      earned: quizAttempts.earned,
      points: quizAttempts.points,
      percent: quizAttempts.percent,
      passed: quizAttempts.passed,
      revision: quizAttempts.revision,
      answers: sql<string>`(select json_group_array(json_array(${quizAnswers.questionId}, json(${quizAnswers.response}), ${quizAnswers.earned}, ${quizAnswers.points}, ${quizAnswers.savedAt})) from ${quizAnswers} where ${quizAnswers.attemptId} = ${quizAttempts.id})`,
    })
    .from(quizAttempts)
    .where(eq(quizAttempts.id, sql.placeholder('id')))
    .prepare(),
);

async function layoutOf(attemptId: number): Promise<AttemptLayout | null> {
  const cached = layouts.get(attemptId);
  if (cached) return cached;
  const db = await getDb();
  const [row] = await db
    .select({ layout: quizAttempts.layout })
    .from(quizAttempts)
    .where(eq(quizAttempts.id, attemptId));
  if (!row) return null;
  if (layouts.size >= MAX_LAYOUTS) layouts.delete(layouts.keys().next().value ?? 0);
  layouts.set(attemptId, row.layout);
  return row.layout;
}

async function readAttempt(attemptId: number): Promise<AttemptView | null> {
  const [row] = await attemptRow(await getDb()).execute({ id: attemptId });
  if (!row) return null;
  const layout = await layoutOf(attemptId);
  if (!layout) return null;
  const { answers, ...rest } = row;
  return {
    ...rest,
    layout,
    answers: new Map(
      (JSON.parse(answers) as [string, Response, number | null, number | null, number][]).map(
        ([questionId, response, earned, points, savedAt]) => [questionId, { response, earned, points, savedAt }],
      ),
    ),
  };
}

/**
 * A learner's own attempt (anyone else's id is "not found", whatever they send), closed first
 * if its deadline has passed.
 */
export async function attemptOf(userId: number, attemptId: number, now = new Date()): Promise<AttemptView> {
  let attempt = await readAttempt(attemptId);
  if (!attempt || attempt.userId !== userId) throw new AppError('NOT_FOUND', 'error.quiz.attemptNotFound');
  if (attempt.status === 'open' && attempt.deadlineAt && attempt.deadlineAt <= now) {
    await closeAttempt(attempt.id, 'expired', now);
    attempt = (await readAttempt(attemptId)) ?? attempt;
  }
  return attempt;
}

/**
 * Saves the learner's answer to question `index` of their open attempt. The write itself checks
 * that the attempt is still open and before its deadline, so a save racing a submission or the
 * deadline cannot slip in afterwards.
 */
export async function saveAnswer(
  userId: number,
  attemptId: number,
  questionId: string,
  response: Response,
  now = new Date(),
): Promise<void> {
  await saveAnswerTo(await attemptOf(userId, attemptId, now), questionId, response, now);
}

/**
 * The same, for an attempt the caller has just read with `attemptOf` (one read fewer). With
 * `shownSavedAt` (when the answer on the learner's page was saved; 0 if none) a page left open
 * in another tab cannot overwrite a newer answer: the save is refused, unless it says the same.
 */
export async function saveAnswerTo(
  attempt: AttemptView,
  questionId: string,
  response: Response,
  now = new Date(),
  shownSavedAt?: number,
): Promise<void> {
  if (attempt.status !== 'open') throw new AppError('CONFLICT', 'error.quiz.closed');
  if (!attempt.layout.questions.some((q) => q.question.id === questionId)) {
    throw new AppError('BAD_REQUEST', 'error.quiz.questionNotInAttempt');
  }
  const db = await getDb();
  const attemptId = attempt.id;
  const stillOpen = sql`exists (select 1 from ${quizAttempts} where ${quizAttempts.id} = ${attemptId} and ${quizAttempts.status} = 'open' and (${quizAttempts.deadlineAt} is null or ${quizAttempts.deadlineAt} > ${now.getTime()}))`;
  const unchanged =
    shownSavedAt === undefined
      ? sql`1`
      : sql`coalesce((select ${quizAnswers.savedAt} from ${quizAnswers} where ${quizAnswers.attemptId} = ${attemptId} and ${quizAnswers.questionId} = ${questionId}), 0) = ${shownSavedAt}`;
  const [bumped] = await db.batch([
    db
      .update(quizAttempts)
      .set({ revision: sql`${quizAttempts.revision} + 1` })
      .where(and(eq(quizAttempts.id, attemptId), stillOpen, unchanged))
      .returning({ id: quizAttempts.id }),
    db.run(sql`insert into ${quizAnswers} (attempt_id, question_id, response, saved_at)
      select ${attemptId}, ${questionId}, ${JSON.stringify(response)}, ${now.getTime()} where ${stillOpen} and ${unchanged}
      on conflict (attempt_id, question_id) do update set response = excluded.response, saved_at = excluded.saved_at`),
  ]);
  if (bumped.length > 0) return;
  // Closed in the meantime (submitted elsewhere, or the deadline passed: close it now)…
  const now_ = await attemptOf(attempt.userId, attemptId, now);
  if (now_.status !== 'open') throw new AppError('CONFLICT', 'error.quiz.closed');
  // …or answered in another tab since this page was shown (a double click says the same: fine).
  const stored = now_.answers.get(questionId)?.response;
  if (JSON.stringify(stored) !== JSON.stringify(response))
    throw new AppError('CONFLICT', 'error.quiz.changedElsewhere');
}

/**
 * Scores an open attempt from the answers saved in it and closes it, exactly once: the update
 * only applies while the attempt is open and no answer has been saved since they were read
 * (then it reads again). Returns false when the attempt was already closed.
 */
async function closeAttempt(
  attemptId: number,
  status: 'submitted' | 'expired',
  now: Date,
  justRead?: AttemptView,
): Promise<boolean> {
  const db = await getDb();
  for (let tries = 0; tries < 5; tries++) {
    const attempt = tries === 0 && justRead ? justRead : await readAttempt(attemptId);
    if (!attempt || attempt.status !== 'open') return false;
    const scores = attempt.layout.questions.map(({ question }) => ({
      questionId: question.id,
      score: scoreQuestion(question, attempt.answers.get(question.id)?.response),
    }));
    const earned = Math.round(scores.reduce((s, q) => s + q.score.earned, 0) * 10_000) / 10_000;
    const points = Math.round(scores.reduce((s, q) => s + q.score.points, 0) * 10_000) / 10_000;
    const percent = percentOf(earned, points);
    const { quiz, slug } = await attemptContext(attempt);
    // An attempt closed at its deadline counts from the deadline, not from when it was noticed.
    const closedAt = status === 'expired' && attempt.deadlineAt ? attempt.deadlineAt : now;
    const scoresJson = JSON.stringify(
      Object.fromEntries(scores.map((q) => [q.questionId, [q.score.earned, q.score.points]])),
    );
    const [closed] = await db.batch([
      db
        .update(quizAttempts)
        .set({ status, closedAt, earned, points, percent, passed: percent >= quiz.passMark })
        .where(
          and(
            eq(quizAttempts.id, attemptId),
            eq(quizAttempts.status, 'open'),
            eq(quizAttempts.revision, attempt.revision),
          ),
        )
        .returning({ id: quizAttempts.id }),
      // Every saved answer's score in one statement, only as part of this closing (an answer
      // saved meanwhile makes the attempt update miss, and with it this one).
      db
        .update(quizAnswers)
        .set({
          earned: sql`json_extract(${scoresJson}, '$."' || ${quizAnswers.questionId} || '"[0]')`,
          points: sql`json_extract(${scoresJson}, '$."' || ${quizAnswers.questionId} || '"[1]')`,
        })
        .where(
          and(
            eq(quizAnswers.attemptId, attemptId),
            sql`exists (select 1 from ${quizAttempts} where ${quizAttempts.id} = ${attemptId} and ${quizAttempts.closedAt} = ${closedAt.getTime()} and ${quizAttempts.revision} = ${attempt.revision})`,
          ),
        ),
    ] as const);
    if (closed.length > 0) {
      await recordQuizEvidence(attempt, slug, quiz, now);
      return true;
    }
  }
  throw new AppError('CONFLICT', 'error.quiz.busy');
}

/** Feeds the quiz result into THE completion rule (submitted; passed by the graded result). */
async function recordQuizEvidence(attempt: AttemptView, slug: string, quiz: QuizDefinition, now: Date): Promise<void> {
  const db = await getDb();
  const enrolment = await getEnrolment(attempt.userId, slug);
  const activity = enrolment && activitiesOf(enrolment.definition).find((a) => a.id === attempt.activityId);
  if (!enrolment || !activity) return;
  const closed = await db
    .select({ number: quizAttempts.number, percent: quizAttempts.percent })
    .from(quizAttempts)
    .where(
      and(
        eq(quizAttempts.enrolmentId, attempt.enrolmentId),
        eq(quizAttempts.activityId, attempt.activityId),
        inArray(quizAttempts.status, ['submitted', 'expired']),
        isNotNull(quizAttempts.percent),
      ),
    );
  const grade = quizGrade(
    quiz,
    closed.map((c) => ({ number: c.number, percent: c.percent ?? 0 })),
  );
  await recordEvidence(enrolment, activity, { quiz: { submitted: true, passed: isPassing(quiz, grade) } }, now);
}

/**
 * The learner submits their open attempt: it is scored from the answers saved on the server
 * and closed. A second submission (a replay, another tab) is refused and changes nothing.
 */
export async function submitAttempt(userId: number, attemptId: number, now = new Date()): Promise<AttemptView> {
  const attempt = await attemptOf(userId, attemptId, now);
  if (attempt.status === 'expired') throw new AppError('CONFLICT', 'error.quiz.deadlinePassed');
  if (attempt.status !== 'open' || !(await closeAttempt(attemptId, 'submitted', now, attempt))) {
    throw new AppError('CONFLICT', 'error.quiz.alreadySubmitted');
  }
  return attemptOf(userId, attemptId, now);
}

/** Closes every open attempt whose deadline has passed (the server's periodic sweep). */
export async function closeExpiredAttempts(now = new Date()): Promise<number> {
  const db = await getDb();
  const due = await db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.status, 'open'), lte(quizAttempts.deadlineAt, now)));
  let closed = 0;
  for (const { id } of due) if (await closeAttempt(id, 'expired', now)) closed++;
  return closed;
}
