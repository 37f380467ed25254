import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import { loadCourse } from '../courses/loader.ts';
import { importQuestions, type ImportReport, type RefusedQuestion } from './import/report.ts';

export interface BankImportResult extends ImportReport {
  course: string;
  /** The bank file written (relative to the courses folder), or null when nothing was imported. */
  file: string | null;
}

/** A bank file name from the uploaded file's name: `imported-<stem>.yaml`, safe anywhere. */
export function bankFileName(uploaded: string): string {
  const stem =
    basename(uploaded)
      .replace(/\.[^.]*$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'questions';
  return `imported-${stem}.yaml`;
}

/**
 * Imports a GIFT or Moodle XML file into a course's question bank: the questions Tilts can take
 * become `courses/<slug>/questions/imported-<name>.yaml` (a second import of the same file
 * replaces it), so they are versioned with the course like everything else; the course is then
 * validated as a whole, and if it would no longer load the file is taken back out. Questions
 * whose id is already used elsewhere in the course are refused by name.
 */
export function importIntoCourse(
  coursesDir: string,
  slug: string,
  fileName: string,
  content: string | Uint8Array,
): BankImportResult {
  const dir = join(coursesDir, slug);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || !existsSync(join(dir, 'course.yaml'))) {
    throw new Error(`there is no course "${slug}" in ${coursesDir}`);
  }
  const report = importQuestions(fileName, content);
  const target = bankFileName(fileName);
  const before = loadCourse(dir);
  const taken = new Set(before.ok ? before.course.quiz.questions.map((q) => q.id) : []);
  // Ids of the file being replaced are free again.
  const targetPath = join(dir, 'questions', target);
  const previous = existsSync(targetPath) ? readFileSync(targetPath, 'utf8') : null;
  if (previous !== null && before.ok) {
    for (const line of previous.matchAll(/^- id: (\S+)$/gm)) taken.delete(line[1] ?? '');
  }
  const items = report.items.map((item): (typeof report.items)[number] =>
    item.status === 'imported' && taken.has(item.question.id)
      ? ({
          ...(item.line === undefined ? {} : { line: item.line }),
          name: item.name,
          status: 'refused',
          type: item.question.type,
          reason: `a question with the id "${item.question.id}" already exists in this course: rename the question in the file`,
        } satisfies RefusedQuestion)
      : item,
  );
  const questions = items.flatMap((i) => (i.status === 'imported' ? [i.question] : []));
  const result = { ...report, items, questions, course: slug, file: null as string | null };
  if (questions.length === 0) return result;

  mkdirSync(join(dir, 'questions'), { recursive: true });
  const temporary = `${targetPath}.${process.pid}.tmp`;
  writeFileSync(temporary, `# Imported from ${basename(fileName)} (${report.format}).\n${stringify(questions)}`);
  renameSync(temporary, targetPath);
  const after = loadCourse(dir);
  if (!after.ok) {
    // Leave the course as it was.
    if (previous === null) rmSync(targetPath, { force: true });
    else writeFileSync(targetPath, previous);
    throw new Error(`the imported questions would make the course invalid: ${after.errors.join('; ')}`);
  }
  return { ...result, file: join(slug, 'questions', target) };
}
