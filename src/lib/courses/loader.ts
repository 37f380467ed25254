import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { LOCALES, type Locale } from '../reference/index.ts';
import { renderLesson, type CalloutKind } from './markdown.ts';
import { courseSchema, projectSchema, type CourseDefinition, type ProjectFacts } from './schema.ts';
import { loadCourseQuizzes } from '../quiz/bank-loader.ts';
import type { CourseQuizzes } from '../quiz/schema.ts';
import { loadCourseSurveys } from '../surveys/loader.ts';
import type { SurveyDefinition } from '../surveys/schema.ts';

/** A course read from its folder and found valid: the definition and every lesson text. */
export interface LoadedCourse {
  slug: string;
  definition: CourseDefinition;
  /** Markdown by activity id and language. */
  lessons: Record<string, Record<Locale, string>>;
  /** Question banks and quiz definitions (`questions/*.yaml`, `quizzes.yaml`). */
  quiz: CourseQuizzes;
  /** The course's surveys (`surveys.yaml`). */
  surveys: SurveyDefinition[];
  /** SHA-256 of everything a learner sees: a new hash is a new course version. */
  contentHash: string;
  /** SHA-256 of what progress depends on (activities, kinds, required, rules, SCORM packages). */
  structureHash: string;
  /**
   * The structure hash as it was computed before SCORM packages counted (the same as
   * structureHash for a course without packages): learners on a version synced then, which has
   * no packages recorded, follow to the first version that has them.
   */
  legacyStructureHash: string;
  /** Each `scorm` activity's package file (absolute path) and its SHA-256, by activity id. */
  scormFiles: Record<string, { path: string; sha256: string }>;
}

export type CourseLoad = { ok: true; course: LoadedCourse } | { ok: false; slug: string; errors: string[] };

const NO_TITLES: Record<CalloutKind, string> = { NOTE: '', TIP: '', WARNING: '', CASE: '' };

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function readYamlFile(file: string, label: string, errors: string[]): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = error.linePos?.[0]?.line;
      errors.push(`${label}${line ? `:${line}` : ''}: YAML error: ${error.message.split('\n')[0]}`);
    } else {
      errors.push(`${label}: cannot read: ${String(error)}`);
    }
    return undefined;
  }
}

/** What progress depends on: changes here move nobody automatically to the new version. */
export function courseStructure(definition: CourseDefinition, quiz: CourseQuizzes = { questions: [], quizzes: [] }): unknown {
  return {
    // Pass marks, attempts and grading decide completion; question texts do not.
    quizzes: quiz.quizzes,
    completion: definition.completion,
    activities: definition.modules.flatMap((m) =>
      m.activities.map((a) => ({
        id: a.id,
        kind: a.kind,
        required: a.required,
        ...(a.kind === 'quiz' ? { quiz: a.quiz, role: a.role } : {}),
        // Which survey an activity asks; its wording and statements are text (answered is answered).
        ...(a.kind === 'survey' ? { survey: a.survey } : {}),
      })),
    ),
  };
}

/**
 * Reads and validates one course folder. Every problem is reported with the file and the
 * field it is in (`courses/police/course.yaml: modules.1.activities.0.title.en: …`), so that a
 * course author can fix it without reading code.
 */
export function loadCourse(dir: string): CourseLoad {
  const slug = dir.split('/').filter(Boolean).at(-1) ?? dir;
  const label = (path: string) => relative(process.cwd(), join(dir, path));
  const errors: string[] = [];
  const file = join(dir, 'course.yaml');
  if (!existsSync(file)) return { ok: false, slug, errors: [`${label('course.yaml')}: missing`] };
  const raw = readYamlFile(file, label('course.yaml'), errors);
  if (errors.length) return { ok: false, slug, errors };
  const parsed = courseSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      slug,
      errors: parsed.error.issues.map((i) => `${label('course.yaml')}: ${i.path.join('.') || '(top)'}: ${i.message}`),
    };
  }
  const definition = parsed.data;
  if (definition.slug !== slug) errors.push(`${label('course.yaml')}: slug: must be the folder name "${slug}"`);

  const lessons: LoadedCourse['lessons'] = {};
  const scormFiles: LoadedCourse['scormFiles'] = {};
  const fileExists = (path: string) => existsSync(join(dir, path)) && statSync(join(dir, path)).isFile();
  for (const activity of definition.modules.flatMap((m) => m.activities)) {
    if (activity.kind === 'scorm') {
      if (!fileExists(activity.package)) {
        errors.push(`${label('course.yaml')}: activity "${activity.id}": package ${activity.package} not found`);
      } else {
        const path = join(dir, activity.package);
        scormFiles[activity.id] = { path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
      }
    }
    if (activity.kind !== 'lesson') continue;
    const texts: Partial<Record<Locale, string>> = {};
    for (const locale of LOCALES) {
      const path = join(locale, activity.file);
      if (!fileExists(path)) {
        errors.push(
          `${label(path)}: missing ${locale === 'lv' ? 'Latvian' : 'English'} text of lesson "${activity.id}"`,
        );
        continue;
      }
      const markdown = readFileSync(join(dir, path), 'utf8');
      if (!markdown.trim()) errors.push(`${label(path)}: empty`);
      const { problems } = renderLesson(markdown, {
        locale,
        assetBase: '',
        glossary: definition.glossary,
        calloutTitles: NO_TITLES,
        fileExists,
      });
      for (const p of problems) errors.push(`${label(path)}: ${p}`);
      texts[locale] = markdown;
    }
    if (texts.lv !== undefined && texts.en !== undefined) lessons[activity.id] = { lv: texts.lv, en: texts.en };
  }
  const quiz = loadCourseQuizzes(dir, definition, label, errors);
  const surveys = loadCourseSurveys(dir, definition, label, errors);
  if (errors.length) return { ok: false, slug, errors };
  return {
    ok: true,
    course: {
      slug,
      definition,
      lessons,
      quiz,
      surveys,
      // A changed package is a new version, and learners who started keep the package they started.
      contentHash: sha256({ definition, lessons, quiz, surveys, scorm: packageHashes(scormFiles) }),
      structureHash: sha256(
        Object.keys(scormFiles).length
          ? { structure: courseStructure(definition, quiz), scorm: packageHashes(scormFiles) }
          : courseStructure(definition, quiz),
      ),
      legacyStructureHash: sha256(courseStructure(definition, quiz)),
      scormFiles,
    },
  };
}

/** Package hashes by activity id, or undefined when the course has none (older hashes stay as they were). */
function packageHashes(files: LoadedCourse['scormFiles']): Record<string, string> | undefined {
  const entries = Object.entries(files);
  return entries.length ? Object.fromEntries(entries.map(([id, f]) => [id, f.sha256])) : undefined;
}

/** Every course folder under `root` (folders without course.yaml are reported too). */
export function loadAllCourses(root: string): CourseLoad[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
    .map((e) => e.name)
    .sort()
    .map((name) => loadCourse(join(root, name)));
}

/** The project's facts and targets from `courses/project.yaml`. */
export function loadProject(root: string): { ok: true; project: ProjectFacts } | { ok: false; errors: string[] } {
  const file = join(root, 'project.yaml');
  const errors: string[] = [];
  if (!existsSync(file)) return { ok: false, errors: [`${file}: missing`] };
  const raw = readYamlFile(file, file, errors);
  if (errors.length) return { ok: false, errors };
  const parsed = projectSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, errors: parsed.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`) };
  return { ok: true, project: parsed.data };
}
