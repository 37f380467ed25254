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
