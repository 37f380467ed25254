import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { enrol, getEnrolment } from '../../src/lib/courses/learning.ts';
import { syncCourses } from '../../src/lib/courses/sync.ts';
import { AppError } from '../../src/lib/errors.ts';
import { responseFromForm } from '../../src/lib/quiz/answer-form.ts';
import type { LayoutQuestion } from '../../src/lib/quiz/attempt-layout.ts';
import {
  attemptOf,
  closeExpiredAttempts,
  quizState,
  saveAnswer,
  saveAnswerTo,
  startAttempt,
  submitAttempt,
} from '../../src/lib/quiz/attempts.ts';
import { reviewAttempt } from '../../src/lib/quiz/review.ts';
import { knowledgeGainReport } from '../../src/lib/quiz/statistics-queries.ts';
import { TEST_DATA_DIR } from '../setup/paths.ts';
import { createUser } from '../factories.ts';

const root = join(TEST_DATA_DIR, `quiz-courses-${process.pid}`);
const COURSE = 'sample-course';

beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  cpSync('tests/fixtures/courses', root, { recursive: true });
  await syncCourses(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function learner() {
  const { user } = await createUser();
  await enrol(user.id, COURSE);
  return user;
}

/** The form a learner would post for a question: the right answer, or a wrong one. */
function formFor(entry: LayoutQuestion, right: boolean): Record<string, string> {
  const q = entry.question;
  switch (q.type) {
    case 'single': {
      const pick = q.options.find((o) => o.correct === right);
      return { answer: entry.display.options?.find((c) => c.id === pick?.id)?.token ?? '' };
    }
    case 'true-false':
      return { answer: String(right ? q.answer : !q.answer) };
    case 'numeric':
      return { answer: String(right ? q.answer : q.answer + 100).replace('.', ',') };
    case 'short':
      return { answer: right ? (q.accepted.en[0] ?? '') : 'nothing like it' };
    default:
      throw new Error(`no form for ${q.type}`);
  }
}

async function answerAll(userId: number, attemptId: number, right: (index: number) => boolean, now = new Date()) {
  const attempt = await attemptOf(userId, attemptId, now);
  for (const [i, entry] of attempt.layout.questions.entries()) {
    await saveAnswer(userId, attemptId, entry.question.id, responseFromForm(entry, formFor(entry, right(i))), now);
  }
}

/** A value the test knows is there. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('missing');
  return value;
}

const code = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return `${error.code} ${error.messageKey}`;
    throw error;
  }
};

describe('taking a quiz', () => {
  it('draws the questions, resumes the open attempt, saves answers and scores on submission', async () => {
    const user = await learner();
    const id = await startAttempt(user.id, COURSE, 'checkpoint');
    expect(await startAttempt(user.id, COURSE, 'checkpoint')).toBe(id); // resumed, not a second attempt
    const attempt = await attemptOf(user.id, id);
    expect(attempt.layout.questions.map((q) => q.question.id)).toEqual(['context', 'interpreter', 'hours', 'method']);
    // Three of four right: 75 %.
    await answerAll(user.id, id, (i) => i !== 1);
    // Saving again replaces the earlier answer.
    const first = must(attempt.layout.questions[0]);
    await saveAnswer(user.id, id, first.question.id, responseFromForm(first, formFor(first, true)));
    const submitted = await submitAttempt(user.id, id);
    expect(submitted).toMatchObject({ status: 'submitted', earned: 3, points: 4, percent: 75, passed: true });
    // Each saved answer keeps its own score, for the statistics.
    expect(submitted.answers.get('context')).toMatchObject({ earned: 1, points: 1 });
    expect(submitted.answers.get('interpreter')).toMatchObject({ earned: 0, points: 1 });
    expect(submitted.answers.get('method')).toMatchObject({ earned: 1, points: 1 });
    const state = await quizState(user.id, COURSE, 'checkpoint');
    expect(state).toMatchObject({ grade: 75, passed: true, attemptsLeft: 1 });
    // A practice quiz is complete once submitted: through THE completion rule.
    expect((await getEnrolment(user.id, COURSE))?.completed.has('checkpoint')).toBe(true);
  });

  it('never gives the browser the bank’s ids or the right answers before submission', async () => {
    const user = await learner();
    const id = await startAttempt(user.id, COURSE, 'checkpoint');
    const attempt = await attemptOf(user.id, id);
    const single = must(attempt.layout.questions[0]);
    expect(single.display.options?.map((c) => c.token)).not.toContain('a');
    expect(await code(Promise.resolve().then(() => responseFromForm(single, { answer: 'a' })))).toBe(
      'BAD_REQUEST error.quiz.unknownOption',
    );
    expect(await code(saveAnswer(user.id, id, 'not-in-attempt', { type: 'single', optionId: null }))).toBe(
      'BAD_REQUEST error.quiz.questionNotInAttempt',
    );
  });

  it('refuses a replayed or concurrent submission, and answers after it, leaving the score as it was', async () => {
    const user = await learner();
    const id = await startAttempt(user.id, COURSE, 'checkpoint');
    await answerAll(user.id, id, () => true);
    const results = await Promise.all(Array.from({ length: 5 }, () => code(submitAttempt(user.id, id))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'CONFLICT error.quiz.alreadySubmitted')).toHaveLength(4);
    const entry = must((await attemptOf(user.id, id)).layout.questions[0]);
    expect(await code(saveAnswer(user.id, id, entry.question.id, responseFromForm(entry, formFor(entry, false))))).toBe(
      'CONFLICT error.quiz.closed',
    );
    expect(await attemptOf(user.id, id)).toMatchObject({ percent: 100, earned: 4 });
  });

  it('does not let a page left open in another tab overwrite a newer answer', async () => {
    const user = await learner();
    const id = await startAttempt(user.id, COURSE, 'checkpoint');
    const shown = await attemptOf(user.id, id); // both tabs show question 1, unanswered
    const entry = must(shown.layout.questions[0]);
    const right = responseFromForm(entry, formFor(entry, true));
    const wrong = responseFromForm(entry, formFor(entry, false));
    await saveAnswerTo(shown, entry.question.id, right, new Date(), 0); // tab A
    expect(await code(saveAnswerTo(shown, entry.question.id, wrong, new Date(), 0))).toBe(
      'CONFLICT error.quiz.changedElsewhere',
    ); // tab B, stale
    await saveAnswerTo(shown, entry.question.id, right, new Date(), 0); // a double click: the same answer is fine
    const now = await attemptOf(user.id, id);
    expect(now.answers.get(entry.question.id)?.response).toEqual(right);
    // From the fresh page, the learner may change it.
    await saveAnswerTo(now, entry.question.id, wrong, new Date(), now.answers.get(entry.question.id)?.savedAt);
    expect((await attemptOf(user.id, id)).answers.get(entry.question.id)?.response).toEqual(wrong);
  });

  it('treats another learner’s attempt as not found', async () => {
    const owner = await learner();
    const intruder = await learner();
    const id = await startAttempt(owner.id, COURSE, 'checkpoint');
    expect(await code(attemptOf(intruder.id, id))).toBe('NOT_FOUND error.quiz.attemptNotFound');
    expect(await code(saveAnswer(intruder.id, id, 'context', { type: 'single', optionId: 'a' }))).toBe(
      'NOT_FOUND error.quiz.attemptNotFound',
    );
    expect(await code(submitAttempt(intruder.id, id))).toBe('NOT_FOUND error.quiz.attemptNotFound');
    expect((await attemptOf(owner.id, id)).status).toBe('open');
  });

  it('closes an attempt at its deadline with the answers saved by then', async () => {
    const user = await learner();
    const start = new Date('2026-11-20T10:00:00Z');
    const id = await startAttempt(user.id, COURSE, 'checkpoint', start);
    const minutes = (m: number) => new Date(start.getTime() + m * 60_000);
    const attempt = await attemptOf(user.id, id, minutes(1));
    const [first, second] = [must(attempt.layout.questions[0]), must(attempt.layout.questions[1])];
    await saveAnswer(user.id, id, first.question.id, responseFromForm(first, formFor(first, true)), minutes(5));
    expect(
      await code(
        saveAnswer(user.id, id, second.question.id, responseFromForm(second, formFor(second, true)), minutes(11)),
      ),
    ).toBe('CONFLICT error.quiz.closed');
    const closed = await attemptOf(user.id, id, minutes(11));
    expect(closed).toMatchObject({ status: 'expired', earned: 1, points: 4, percent: 25, passed: false });
    expect(closed.closedAt?.getTime()).toBe(minutes(10).getTime());
    expect(await code(submitAttempt(user.id, id, minutes(12)))).toBe('CONFLICT error.quiz.deadlinePassed');
  });

  it('the periodic sweep closes forgotten attempts', async () => {
    const user = await learner();
    const start = new Date('2026-11-21T10:00:00Z');
    const id = await startAttempt(user.id, COURSE, 'checkpoint', start);
    expect(await closeExpiredAttempts(new Date(start.getTime() + 5 * 60_000))).toBe(0);
    expect(await closeExpiredAttempts(new Date(start.getTime() + 10 * 60_000 + 1))).toBeGreaterThanOrEqual(1);
    expect((await attemptOf(user.id, id, start)).status).toBe('expired');
  });

  it('allows the quiz’s attempts and no more; the right answers appear after the last one', async () => {
    const user = await learner();
    const first = await startAttempt(user.id, COURSE, 'checkpoint');
    await answerAll(user.id, first, () => false);
    await submitAttempt(user.id, first);
    expect((await reviewAttempt(user.id, first)).showAnswers).toBe(false);
    const second = await startAttempt(user.id, COURSE, 'checkpoint');
    expect(second).not.toBe(first);
    expect((await reviewAttempt(user.id, first)).showAnswers).toBe(false); // not while attempt 2 is open
    await answerAll(user.id, second, (i) => i < 2);
    await submitAttempt(user.id, second);
    expect(await code(startAttempt(user.id, COURSE, 'checkpoint'))).toBe('CONFLICT error.quiz.noAttemptsLeft');
    expect((await reviewAttempt(user.id, first)).showAnswers).toBe(true);
    expect(await quizState(user.id, COURSE, 'checkpoint')).toMatchObject({ grade: 50, passed: true, attemptsLeft: 0 });
  });

  it('a pre-test draws its number of questions at random from the category', async () => {
    const user = await learner();
    const id = await startAttempt(user.id, COURSE, 'pre-test');
    const attempt = await attemptOf(user.id, id);
    expect(attempt.layout.questions).toHaveLength(3);
    expect(new Set(attempt.layout.questions.map((q) => q.question.id)).size).toBe(3);
    await submitAttempt(user.id, id);
    expect((await reviewAttempt(user.id, id)).showAnswers).toBe(false); // showAnswers: never
    expect(await code(startAttempt(user.id, COURSE, 'pre-test'))).toBe('CONFLICT error.quiz.noAttemptsLeft');
  });

  it('refuses quizzes to learners who are not enrolled and for activities that are not quizzes', async () => {
    const { user } = await createUser();
    expect(await code(startAttempt(user.id, COURSE, 'checkpoint'))).toBe('FORBIDDEN error.course.notEnrolled');
    await enrol(user.id, COURSE);
    expect(await code(startAttempt(user.id, COURSE, 'one'))).toBe('BAD_REQUEST error.quiz.notAQuiz');
    expect(await code(startAttempt(user.id, COURSE, 'nope'))).toBe('NOT_FOUND error.activity.notFound');
  });

  it('measures the knowledge gain over learners whose pre-test came before their post-test', async () => {
    const right = () => true;
    const wrong = () => false;
    const take = async (userId: number, activity: string, answers: (i: number) => boolean, at: Date) => {
      const id = await startAttempt(userId, COURSE, activity, at);
      await answerAll(userId, id, answers, at);
      await submitAttempt(userId, id, at);
    };
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 10));
    const inOrder = await learner();
    await take(inOrder.id, 'pre-test', wrong, day(1));
    await take(inOrder.id, 'final', right, day(2));
    const backwards = await learner(); // took the "pre-test" only after the post-test
    await take(backwards.id, 'final', right, day(3));
    await take(backwards.id, 'pre-test', wrong, day(4));
    const report = (await knowledgeGainReport()).find((r) => r.slug === COURSE);
    expect(report?.overall).toMatchObject({ learners: 1, meanPre: 0, meanPost: 100, meanGain: 100 });
  });
});
