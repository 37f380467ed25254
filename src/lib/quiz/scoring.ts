import type { PartQuestion, Question, Response } from './schema.ts';

/**
 * Scores of one question: `earned` of `points`, and for a scenario the same per part. A fraction
 * is earned/points in [0, 1]. Scoring is pure and runs only on the server, from the attempt's
 * own copy of the question (so editing a bank later never changes a submitted score).
 */
export interface QuestionScore {
  earned: number;
  points: number;
  parts?: Record<string, QuestionScore>;
}

/** Case-, whitespace- and (optionally) diacritics-insensitive form of a short answer. */
export function normaliseAnswer(text: string, ignoreDiacritics: boolean): string {
  let s = text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('lv');
  if (ignoreDiacritics) s = s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  return s;
}

function fractionOf(question: PartQuestion, response: Response | undefined): number {
  switch (question.type) {
    case 'single': {
      if (response?.type !== 'single' || response.optionId === null) return 0;
      return question.options.find((o) => o.id === response.optionId)?.correct ? 1 : 0;
    }
    case 'multiple': {
      if (response?.type !== 'multiple') return 0;
      const chosen = new Set(response.optionIds);
      const correct = question.options.filter((o) => o.correct);
      const wrong = question.options.filter((o) => !o.correct);
      const gained = correct.filter((o) => chosen.has(o.id)).length / correct.length;
      const lost = wrong.length === 0 ? 0 : wrong.filter((o) => chosen.has(o.id)).length / wrong.length;
      return Math.max(0, gained - lost);
    }
    case 'true-false':
      return response?.type === 'true-false' && response.value === question.answer ? 1 : 0;
    case 'matching': {
      if (response?.type !== 'matching') return 0;
      // The learner picks, for each prompt, the id of the pair whose answer they think fits.
      const right = question.pairs.filter((p) => response.pairs[p.id] === p.id).length;
      return right / question.pairs.length;
    }
    case 'ordering': {
      if (response?.type !== 'ordering') return 0;
      const right = question.items.filter((item, i) => response.order[i] === item.id).length;
      return right / question.items.length;
    }
    case 'numeric':
      return response?.type === 'numeric' &&
        response.value !== null &&
        Number.isFinite(response.value) &&
        // A hair of slack so that 0.1 + 0.2 style binary fractions do not fail an exact answer.
        Math.abs(response.value - question.answer) <= question.tolerance + 1e-9
        ? 1
        : 0;
    case 'short': {
      if (response?.type !== 'short' || !response.text.trim()) return 0;
      const given = normaliseAnswer(response.text, question.ignoreDiacritics);
      // Either language's accepted answers count: the learner may have switched language.
      const accepted = [...question.accepted.lv, ...question.accepted.en];
      return accepted.some((a) => normaliseAnswer(a, question.ignoreDiacritics) === given) ? 1 : 0;
    }
  }
}

/** Rounded to 1/10,000 of a point so that sums of thirds do not show as 0.9999999. */
const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** THE scoring of one question against a learner's response (absent response: nothing earned). */
export function scoreQuestion(question: Question, response: Response | undefined): QuestionScore {
  if (question.type === 'scenario') {
    const given = response?.type === 'scenario' ? response.parts : {};
    const parts: Record<string, QuestionScore> = {};
    for (const part of question.parts) parts[part.id] = scoreQuestion(part, given[part.id]);
    const values = Object.values(parts);
    return {
      earned: round(values.reduce((sum, p) => sum + p.earned, 0)),
      points: round(values.reduce((sum, p) => sum + p.points, 0)),
      parts,
    };
  }
  return { earned: round(fractionOf(question, response) * question.points), points: question.points };
}

/** The points a question is worth (a scenario: its parts' sum). */
export function pointsOf(question: Question): number {
  return question.type === 'scenario' ? question.parts.reduce((sum, p) => sum + p.points, 0) : question.points;
}

/** Percent of the points earned, 0–100 with two decimals. */
export function percentOf(earned: number, points: number): number {
  return points === 0 ? 0 : Math.round((earned / points) * 10_000) / 100;
}
