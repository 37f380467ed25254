import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/lib/courses/loader.ts';
import { bankFileName, importIntoCourse } from '../../src/lib/quiz/bank-import.ts';
import { TEST_DATA_DIR } from '../setup/paths.ts';

const root = join(TEST_DATA_DIR, `quiz-import-${process.pid}`);
const sample = (name: string) => readFileSync(join('tests/fixtures/quiz', name));

beforeAll(() => {
  mkdirSync(root, { recursive: true });
  cpSync('tests/fixtures/courses/sample-course', join(root, 'sample-course'), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('importing questions into a course', () => {
  it('writes the imported questions as a bank file of the course, which still loads', () => {
    const result = importIntoCourse(root, 'sample-course', 'sample.gift', sample('sample.gift'));
    expect(result.file).toBe(join('sample-course', 'questions', 'imported-sample.yaml'));
    expect(result.questions.length).toBeGreaterThan(3);
    expect(result.items.some((i) => i.status === 'refused')).toBe(true);
    const loaded = loadCourse(join(root, 'sample-course'));
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      for (const q of result.questions) expect(loaded.course.quiz.questions.map((x) => x.id)).toContain(q.id);
    }
  });

  it('replaces its own earlier import, and refuses ids the course already uses elsewhere', () => {
    const again = importIntoCourse(root, 'sample-course', 'sample.gift', sample('sample.gift'));
    expect(again.questions.length).toBeGreaterThan(3); // its own ids are free again
    // The same questions under another file name would clash with the first import.
    const clash = importIntoCourse(root, 'sample-course', 'copy.gift', sample('sample.gift'));
    expect(clash.questions).toHaveLength(0);
    expect(clash.file).toBeNull();
    expect(
      clash.items.filter((i) => i.status === 'refused').map((i) => (i.status === 'refused' ? i.reason : '')),
    ).toContainEqual(expect.stringContaining('already exists in this course'));
    expect(existsSync(join(root, 'sample-course', 'questions', 'imported-copy.yaml'))).toBe(false);
  });

  it('refuses hostile or broken files whole and leaves nothing behind', () => {
    for (const file of ['xxe.xml', 'billion-laughs.xml', 'broken.xml']) {
      expect(() => importIntoCourse(root, 'sample-course', file, sample(file)), file).toThrow();
    }
    expect(() => importIntoCourse(root, 'sample-course', 'notes.pdf', Buffer.from('%PDF'))).toThrow(/neither a GIFT/);
    expect(() => importIntoCourse(root, 'no-such-course', 'sample.gift', sample('sample.gift'))).toThrow(/no course/);
    expect(() => importIntoCourse(root, '../sample-course', 'sample.gift', sample('sample.gift'))).toThrow(/no course/);
    expect(existsSync(join(root, 'sample-course', 'questions', 'imported-xxe.yaml'))).toBe(false);
  });

  it('names bank files safely', () => {
    expect(bankFileName('../../Jautājumi 2026 (galīgie).XML')).toBe('imported-jaut-jumi-2026-gal-gie.yaml');
    expect(bankFileName('.xml')).toBe('imported-questions.yaml');
  });
});
