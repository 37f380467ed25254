import type { Bilingual, Question, Response } from './schema.ts';
import { pointsOf } from './scoring.ts';

/** A closed attempt with its scored answers, as statistics need it (no personal data). */
export interface ScoredAttempt {
  attemptId: number;
  userId: number;
  percent: number;
  passed: boolean;
  /** The attempt's total score and points (unanswered questions included, at 0). */
  earned: number;
  points: number;
  /** Scored answers by question id (questions drawn but unanswered are absent: they scored 0). */
  answers: Map<string, { earned: number; points: number; response: Response | null }>;
  /** Every question drawn in the attempt. */
  questionIds: string[];
}

export interface DistributionRow {
  label: Bilingual;
  count: number;
}

export interface QuestionStatistics {
  questionId: string;
  question: Question | null;
  /** Attempts in which the question was drawn. */
  attempts: number;
  /** Mean share of the question's points earned, in percent (Moodle's facility index). */
  facility: number | null;
  /**
   * Correlation (in percent, −100…100) between the score on this question and the score on the
   * rest of the attempt (Moodle's discrimination index); null when it cannot be computed.
   */
  discrimination: number | null;
  distribution: DistributionRow[];
}

export interface QuizStatistics {
  attempts: number;
  learners: number;
  mean: number | null;
  median: number | null;
  passRate: number | null;
  questions: QuestionStatistics[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function mean(values: number[]): number | null {
  return values.length === 0 ? null : round2(values.reduce((s, v) => s + v, 0) / values.length);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number) => sorted[i] ?? 0;
  return round2(sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2);
}

/** Pearson correlation of two series; null with fewer than 3 pairs or no variance. */
export function correlation(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 3 || ys.length !== n) return null;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

const NO_ANSWER: Bilingual = { lv: 'bez atbildes', en: 'no answer' };
const BUCKETS: Record<'right' | 'partly' | 'wrong', Bilingual> = {
  right: { lv: 'pareizi', en: 'right' },
  partly: { lv: 'daļēji pareizi', en: 'partly right' },
  wrong: { lv: 'nepareizi', en: 'wrong' },
};

/** How the learners answered: per option for choice questions, else right / partly / wrong. */
function distributionOf(
  question: Question | null,
  answers: ({ earned: number; points: number; response: Response | null } | undefined)[],
): DistributionRow[] {
  const unanswered = answers.filter((a) => !a?.response).length;
  const given = answers.filter((a): a is { earned: number; points: number; response: Response } => !!a?.response);
  let rows: DistributionRow[];
  if (question && (question.type === 'single' || question.type === 'multiple')) {
    rows = question.options.map((option) => ({
      label: option.text,
      count: given.filter(({ response }) =>
        response.type === 'single'
          ? response.optionId === option.id
          : response.type === 'multiple' && response.optionIds.includes(option.id),
      ).length,
    }));
  } else if (question?.type === 'true-false') {
    rows = [true, false].map((value) => ({
      label: value ? { lv: 'patiesi', en: 'true' } : { lv: 'aplami', en: 'false' },
      count: given.filter(({ response }) => response.type === 'true-false' && response.value === value).length,
    }));
  } else {
    const bucket = (a: { earned: number; points: number }) =>
      a.points > 0 && a.earned >= a.points ? 'right' : a.earned > 0 ? 'partly' : 'wrong';
    rows = (['right', 'partly', 'wrong'] as const).map((b) => ({
      label: BUCKETS[b],
      count: given.filter((a) => bucket(a) === b).length,
    }));
  }
  return [...rows, { label: NO_ANSWER, count: unanswered }];
}

/**
 * Statistics of one quiz over its closed attempts: attempts, learners, mean and median percent,
 * pass rate; per question the facility index, the discrimination index and how it was answered.
 * `questions` labels them (the current bank); a question no longer in it is still counted.
 */
export function quizStatistics(attempts: ScoredAttempt[], questions: Map<string, Question>): QuizStatistics {
  const percents = attempts.map((a) => a.percent);
  const ids = [...new Set(attempts.flatMap((a) => a.questionIds))];
  const order = [...questions.keys()];
  ids.sort((a, b) => (order.indexOf(a) + 1 || Infinity) - (order.indexOf(b) + 1 || Infinity) || a.localeCompare(b));
  const stats = ids.map((questionId): QuestionStatistics => {
    const drawn = attempts.filter((a) => a.questionIds.includes(questionId));
    const question = questions.get(questionId) ?? null;
    const fraction = (a: ScoredAttempt) => {
      const answer = a.answers.get(questionId);
      return answer && answer.points > 0 ? answer.earned / answer.points : 0;
    };
    // Rest of the attempt: its total without this question, as a share of the rest's points
    // (from the attempt's totals, so unanswered questions count as 0 of their points).
    const questionPoints = question ? pointsOf(question) : 0;
    const rest = (a: ScoredAttempt) => {
      const answer = a.answers.get(questionId);
      const points = a.points - (answer?.points ?? questionPoints);
      return points > 0 ? (a.earned - (answer?.earned ?? 0)) / points : 0;
    };
    const r = correlation(drawn.map(fraction), drawn.map(rest));
    return {
      questionId,
      question,
      attempts: drawn.length,
      facility: drawn.length ? round2((drawn.reduce((s, a) => s + fraction(a), 0) / drawn.length) * 100) : null,
      discrimination: r === null ? null : round2(r * 100),
      distribution: distributionOf(
        question,
        drawn.map((a) => a.answers.get(questionId)),
      ),
    };
  });
  return {
    attempts: attempts.length,
    learners: new Set(attempts.map((a) => a.userId)).size,
    mean: mean(percents),
    median: median(percents),
    passRate: attempts.length ? round2((attempts.filter((a) => a.passed).length / attempts.length) * 100) : null,
    questions: stats,
  };
}

/** One learner's pre-test and post-test results in a course. */
export interface GainRow {
  userId: number;
  sector: string;
  pre: number | null;
  post: number | null;
}

export interface GainSummary {
  /** Learners who took both tests: only they count in the means, so pre and post compare. */
  learners: number;
  preOnly: number;
  meanPre: number | null;
  meanPost: number | null;
  meanGain: number | null;
}

/** Mean pre-test, post-test and gain (percentage points) over the learners who took both. */
export function knowledgeGain(rows: GainRow[]): GainSummary {
  const both = rows.filter((r): r is GainRow & { pre: number; post: number } => r.pre !== null && r.post !== null);
  return {
    learners: both.length,
    preOnly: rows.filter((r) => r.pre !== null && r.post === null).length,
    meanPre: mean(both.map((r) => r.pre)),
    meanPost: mean(both.map((r) => r.post)),
    meanGain: mean(both.map((r) => r.post - r.pre)),
  };
}
