import { describe, expect, it } from 'vitest';
import { prerequisitesMet, type LessonStatus } from './prerequisites.ts';

const statuses: Record<string, LessonStatus> = {
  intro: 'completed',
  quiz: 'passed',
  lab: 'failed',
  extra: 'incomplete',
};
const statusOf = (id: string): LessonStatus => statuses[id] ?? 'not attempted';

describe('SCORM 1.2 prerequisites', () => {
  it.each([
    [null, true],
    ['', true],
    ['intro', true],
    ['missing', false],
    ['intro & quiz', true],
    ['intro & lab', false],
    ['lab | quiz', true],
    ['~lab', true],
    ['~intro', false],
    ['lab = failed', true],
    ['lab = f', true],
    ['extra <> completed', true],
    ['missing = not attempted', true],
    ['(lab | extra) & intro', false],
    ['(lab | quiz) & intro', true],
    ['2*{intro,quiz,lab}', true],
    ['3*{intro,quiz,lab}', false],
    ['{intro,quiz}', true],
    ['intro & (', true],
  ])('%s → %s', (expression, expected) => {
    expect(prerequisitesMet(expression, statusOf)).toBe(expected);
  });
});
