import { describe, expect, it } from 'vitest';
import { questionSchema, type Question } from './schema.ts';
import { correlation, knowledgeGain, mean, median, quizStatistics, type ScoredAttempt } from './statistics.ts';

const t = (s: string) => ({ lv: s, en: s });
const choice: Question = questionSchema.parse({
  id: 'choice',
  category: 'c',
  type: 'single',
  text: t('?'),
  options: [
    { id: 'a', text: t('A'), correct: true },
    { id: 'b', text: t('B') },
  ],
});
const numeric: Question = questionSchema.parse({ id: 'num', category: 'c', type: 'numeric', text: t('?'), answer: 1 });

/** An attempt answering `choice` with option `pick` (right: a) and `num` right or wrong. */
function attempt(id: number, pick: 'a' | 'b' | null, numRight: boolean): ScoredAttempt {
  const answers: ScoredAttempt['answers'] = new Map();
  if (pick)
    answers.set('choice', { earned: pick === 'a' ? 1 : 0, points: 1, response: { type: 'single', optionId: pick } });
  answers.set('num', { earned: numRight ? 1 : 0, points: 1, response: { type: 'numeric', value: numRight ? 1 : 5 } });
  const earned = (pick === 'a' ? 1 : 0) + (numRight ? 1 : 0);
  return {
    attemptId: id,
    userId: id,
    percent: earned * 50,
    passed: earned === 2,
    earned,
    points: 2,
    answers,
    questionIds: ['choice', 'num'],
  };
}

describe('quiz statistics', () => {
  it('computes means, medians and correlations', () => {
    expect(mean([50, 100])).toBe(75);
    expect(mean([])).toBeNull();
    expect(median([10, 30, 20])).toBe(20);
    expect(median([10, 20, 30, 40])).toBe(25);
    expect(correlation([0, 1, 0, 1], [0, 1, 0, 1])).toBeCloseTo(1);
    expect(correlation([0, 1, 0, 1], [1, 0, 1, 0])).toBeCloseTo(-1);
    expect(correlation([1, 1, 1], [0, 1, 0])).toBeNull();
  });

  it('reports attempts, pass rate, facility, discrimination and the answers chosen', () => {
    // Learners who get `choice` right also get `num` right: both questions discriminate.
    const attempts = [attempt(1, 'a', true), attempt(2, 'a', true), attempt(3, 'b', false), attempt(4, null, false)];
    const stats = quizStatistics(
      attempts,
      new Map([
        ['choice', choice],
        ['num', numeric],
      ]),
    );
    expect(stats).toMatchObject({ attempts: 4, learners: 4, mean: 50, median: 50, passRate: 50 });
    const [c, n] = stats.questions;
    expect(c).toMatchObject({ questionId: 'choice', attempts: 4, facility: 50, discrimination: 100 });
    expect(c?.distribution.map((d) => [d.label.en, d.count])).toEqual([
      ['A', 2],
      ['B', 1],
      ['no answer', 1],
    ]);
    expect(n?.distribution.map((d) => [d.label.en, d.count])).toEqual([
      ['right', 2],
      ['partly right', 0],
      ['wrong', 2],
      ['no answer', 0],
    ]);
  });

  it('counts unanswered questions as 0 of their points in the rest of the attempt (discrimination)', () => {
    // Weak learners answered only `num` (right) and left `choice` blank; strong ones got both.
    const weak = (id: number): ScoredAttempt => ({
      ...attempt(id, null, true),
      earned: 1,
      points: 2,
      percent: 50,
      passed: false,
    });
    const stats = quizStatistics(
      [attempt(1, 'a', true), attempt(2, 'a', true), weak(3), weak(4), attempt(5, 'b', false)],
      new Map([
        ['choice', choice],
        ['num', numeric],
      ]),
    );
    expect(stats.questions[0]?.discrimination).toBeGreaterThan(0);
  });

  it('is empty without attempts', () => {
    expect(quizStatistics([], new Map())).toEqual({
      attempts: 0,
      learners: 0,
      mean: null,
      median: null,
      passRate: null,
      questions: [],
    });
  });
});

describe('knowledge gain', () => {
  it('counts only learners who took both tests', () => {
    expect(
      knowledgeGain([
        { userId: 1, sector: 'health', pre: 40, post: 80 },
        { userId: 2, sector: 'health', pre: 60, post: 70 },
        { userId: 3, sector: 'health', pre: 10, post: null },
        { userId: 4, sector: 'health', pre: null, post: 100 },
      ]),
    ).toEqual({ learners: 2, preOnly: 1, meanPre: 50, meanPost: 75, meanGain: 25 });
  });
});
