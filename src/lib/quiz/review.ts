import { AppError } from '../errors.ts';
import { attemptContext, type AttemptContext } from './attempt-context.ts';
import { attemptOf, quizState, type AttemptView } from './attempts.ts';
import { mayShowAnswers } from './grading.ts';
import { scoreQuestion, type QuestionScore } from './scoring.ts';

export interface AttemptReview {
  attempt: AttemptView;
  context: AttemptContext;
  showAnswers: boolean;
  scores: Map<string, QuestionScore>;
  passed: boolean;
}

/**
 * A learner's closed attempt for review: scores per question always; the right answers only
 * as the quiz's `showAnswers` setting allows (re-scored from the attempt's own copy, which is
 * what the stored score came from).
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
    showAnswers: mayShowAnswers(context.quiz, { passed: state.passed, attemptsLeft: state.attemptsLeft }),
  };
}
