import type { QuizDefinition } from './schema.ts';

/** A closed attempt as grading sees it. */
export interface ClosedAttempt {
  number: number;
  percent: number;
}

/**
 * THE grade of a learner in a quiz from their closed attempts, by the quiz's grading method:
 * the highest, the last, or the average percent. Null before any attempt is closed.
 */
export function quizGrade(definition: Pick<QuizDefinition, 'grading'>, attempts: ClosedAttempt[]): number | null {
  if (attempts.length === 0) return null;
  switch (definition.grading) {
    case 'highest':
      return Math.max(...attempts.map((a) => a.percent));
    case 'last':
      return attempts.reduce((last, a) => (a.number > last.number ? a : last)).percent;
    case 'average':
      return Math.round((attempts.reduce((sum, a) => sum + a.percent, 0) / attempts.length) * 100) / 100;
  }
}

export function isPassing(definition: Pick<QuizDefinition, 'passMark'>, grade: number | null): boolean {
  return grade !== null && grade >= definition.passMark;
}

/** Whether the review of an attempt may show the right answers, by the quiz's setting. */
export function mayShowAnswers(
  definition: Pick<QuizDefinition, 'showAnswers'>,
  state: { passed: boolean; attemptsLeft: number | null },
): boolean {
  switch (definition.showAnswers) {
    case 'after-submit':
      return true;
    case 'after-pass':
      return state.passed;
    case 'after-last-attempt':
      return state.attemptsLeft === 0;
    case 'never':
      return false;
  }
}

/** An attempt at a pre-test or post-test as the knowledge-gain rule sees it (instants in ms). */
export interface GainAttempt {
  number: number;
  status: 'open' | 'submitted' | 'expired';
  percent: number | null;
  /** Whether any answer was saved (an expired attempt with none was not taken). */
  answered: boolean;
  startedAt: number;
  closedAt: number | null;
}

/**
 * THE pre-test and post-test scores of one learner in one course, for knowledge gain: the
 * first pre-test attempt counts when it was closed (submitted, or expired with answers) before
 * the first post-test began; the post-test score is the quiz's grade of the closed attempts,
 * reached when the last of them closed. Quiz statistics and the project reports both use it.
 */
export function prePostScores(
  postQuiz: Pick<QuizDefinition, 'grading'>,
  firstPre: GainAttempt | null,
  posts: readonly GainAttempt[],
): { pre: number | null; post: number | null; postAt: number | null } {
  const firstPostStart = Math.min(...posts.map((p) => p.startedAt));
  const taken =
    firstPre !== null &&
    firstPre.status !== 'open' &&
    (firstPre.status === 'submitted' || firstPre.answered) &&
    (firstPre.closedAt ?? Infinity) <= firstPostStart;
  const closed = posts.filter((p) => p.status !== 'open');
  const post = quizGrade(
    postQuiz,
    closed.map((p) => ({ number: p.number, percent: p.percent ?? 0 })),
  );
  return {
    pre: taken ? (firstPre.percent ?? 0) : null,
    post,
    postAt: post === null ? null : Math.max(...closed.map((p) => p.closedAt ?? p.startedAt)),
  };
}
