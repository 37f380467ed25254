import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readYaml } from '../courses/yaml-file.ts';
import type { CourseDefinition } from '../courses/schema.ts';
import { questionBankSchema, quizzesFileSchema, type CourseQuizzes, type Question } from './schema.ts';

/**
 * Reads a course's question banks (`questions/*.yaml`) and quiz definitions (`quizzes.yaml`),
 * validating each file by its schema and the whole against the course: ids unique, every quiz
 * activity's quiz defined, every category a quiz draws from holding enough questions, every
 * image present. Problems go to `errors` with file and field, like the rest of the course.
 */
export function loadCourseQuizzes(
  dir: string,
  definition: CourseDefinition,
  label: (path: string) => string,
  errors: string[],
): CourseQuizzes {
  const questions: Question[] = [];
  const where = new Map<string, string>();
  const bankDir = join(dir, 'questions');
  const files = existsSync(bankDir)
    ? readdirSync(bankDir)
        .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
        .sort()
    : [];
  for (const file of files) {
    const shown = label(join('questions', file));
    const raw = readYaml(join(bankDir, file), shown, errors);
    if (raw === undefined) continue;
    const parsed = questionBankSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push(`${shown}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
      continue;
    }
    for (const question of parsed.data) {
      const earlier = where.get(question.id);
      if (earlier) errors.push(`${shown}: question "${question.id}" is already defined in ${earlier}`);
      where.set(question.id, shown);
      if (question.image && !isFile(join(dir, question.image.file))) {
        errors.push(`${shown}: question "${question.id}": image ${question.image.file} not found`);
      }
      questions.push(question);
    }
  }

  let quizzes: CourseQuizzes['quizzes'] = [];
  const quizFile = join(dir, 'quizzes.yaml');
  if (existsSync(quizFile)) {
    const raw = readYaml(quizFile, label('quizzes.yaml'), errors);
    const parsed = quizzesFileSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push(`${label('quizzes.yaml')}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
      }
    } else {
      quizzes = parsed.data;
    }
  }
  const ids = new Set<string>();
  for (const quiz of quizzes) {
    if (ids.has(quiz.id)) errors.push(`${label('quizzes.yaml')}: quiz "${quiz.id}" is defined twice`);
    ids.add(quiz.id);
    if (quiz.showAnswers === 'after-last-attempt' && quiz.attempts === undefined) {
      errors.push(
        `${label('quizzes.yaml')}: quiz "${quiz.id}": showAnswers after-last-attempt needs a number of attempts (with unlimited attempts there is no last one)`,
      );
    }
    const counted = new Map<string, number>();
    for (const rule of quiz.select) counted.set(rule.category, (counted.get(rule.category) ?? 0) + (rule.count ?? 0));
    for (const [category, wanted] of counted) {
      const have = questions.filter((q) => q.category === category).length;
      if (have === 0 || have < wanted) {
        errors.push(
          `${label('quizzes.yaml')}: quiz "${quiz.id}" draws ${wanted || 'all'} question(s) from category "${category}", which has ${have}`,
        );
      }
    }
  }
  for (const activity of definition.modules.flatMap((m) => m.activities)) {
    if (activity.kind === 'quiz' && !ids.has(activity.quiz)) {
      errors.push(
        `${label('course.yaml')}: activity "${activity.id}": quiz "${activity.quiz}" is not defined in quizzes.yaml`,
      );
    }
  }
  return { questions, quizzes };
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
