import { AppError } from '../errors.ts';
import { attemptContext, type AttemptContext } from './attempt-context.ts';
import { attemptOf, quizState, type AttemptView } from './attempts.ts';
import { mayShowAnswers } from './grading.ts';
import { scoreQuestion, type QuestionScore } from './scoring.ts';

export interface AttemptReview {
  attempt: AttemptView;
  context: AttemptContext;
  showAnswers: boolean;
  /** Why the answers are hidden: another attempt is open, or the quiz's setting. */
  hiddenBecauseOpen: boolean;
  scores: Map<string, QuestionScore>;
  passed: boolean;
}

/**
 * A learner's closed attempt for review. The total is always shown; the questions with the
 * learner's answers, their marks, the right answers and the feedback only as the quiz's
 * `showAnswers` setting allows (marks give answers away too: a wrong true/false is the other
 * one) — and never while the learner has another attempt open at the same quiz.
 */
export async function reviewAttempt(userId: number, attemptId: number): Promise<AttemptReview> {
  const attempt = await attemptOf(userId, attemptId);
  if (attempt.status === 'open') throw new AppError('CONFLICT', 'error.quiz.stillOpen');
  const context = await attemptContext(attempt);
  const state = await quizState(userId, context.slug, attempt.activityId);
  const scores = new Map(
    attempt.layout.questions.map(({ question }) => [
      question.id,
      scoreQuestion(question, attempt.answers.get(question.id)?.response),
    ]),
  );
  return {
    attempt,
    context,
    scores,
    passed: state.passed,
    hiddenBecauseOpen: state.open !== null,
    showAnswers:
      state.open === null && mayShowAnswers(context.quiz, { passed: state.passed, attemptsLeft: state.attemptsLeft }),
  };
}
