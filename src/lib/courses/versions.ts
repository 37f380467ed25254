import { eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import type { Locale } from '../reference/index.ts';
import { courseVersions } from '../../../db/schema/index.ts';
import type { CourseDefinition } from './schema.ts';
import type { CourseQuizzes } from '../quiz/schema.ts';
import type { SurveyDefinition } from '../surveys/schema.ts';
import { renderLesson, type RenderedLesson, type RenderOptions } from './markdown.ts';

/**
 * Course versions never change once written (a change is a new row), so their parsed
 * definitions and lesson texts can be kept in memory by version id. This is a cache of
 * immutable rows, not state: every instance fills its own, and nothing is lost on restart.
 */
const definitions = new Map<number, CourseDefinition>();
const lessonTexts = new Map<string, string>();
const MAX_LESSONS = 2000;

/** Parsed definitions of the given versions (read from the database once per process). */
export async function definitionsOf(versionIds: number[]): Promise<Map<number, CourseDefinition>> {
  const missing = [...new Set(versionIds)].filter((id) => !definitions.has(id));
  if (missing.length > 0) {
    const db = await getDb();
    const rows = await db
      .select({ id: courseVersions.id, definition: courseVersions.definition })
      .from(courseVersions)
      .where(inArray(courseVersions.id, missing));
    for (const row of rows) definitions.set(row.id, row.definition);
  }
  return new Map(versionIds.flatMap((id) => (definitions.has(id) ? [[id, definitions.get(id) as CourseDefinition]] : [])));
}

export async function definitionOf(versionId: number): Promise<CourseDefinition | null> {
  return (await definitionsOf([versionId])).get(versionId) ?? null;
}

const quizzes = new Map<number, CourseQuizzes>();
const NO_QUIZZES: CourseQuizzes = { questions: [], quizzes: [] };

/** A version's question banks and quiz definitions (read once per process). */
export async function quizOf(versionId: number): Promise<CourseQuizzes> {
  const cached = quizzes.get(versionId);
  if (cached) return cached;
  const db = await getDb();
  const [row] = await db.select({ quiz: courseVersions.quiz }).from(courseVersions).where(eq(courseVersions.id, versionId));
  if (!row) return NO_QUIZZES;
  quizzes.set(versionId, row.quiz);
  return row.quiz;
}

const surveys = new Map<number, SurveyDefinition[]>();

/** A version's surveys (`surveys.yaml` as it was; read once per process). */
export async function surveysOf(versionId: number): Promise<SurveyDefinition[]> {
  const cached = surveys.get(versionId);
  if (cached) return cached;
  const db = await getDb();
  const [row] = await db
    .select({ surveys: courseVersions.surveys })
    .from(courseVersions)
    .where(eq(courseVersions.id, versionId));
  if (!row) return [];
  surveys.set(versionId, row.surveys);
  return row.surveys;
}

/** One survey of a version by its id, or null (also for versions synced before it existed). */
export async function surveyOf(versionId: number, surveyId: string): Promise<SurveyDefinition | null> {
  return (await surveysOf(versionId)).find((s) => s.id === surveyId) ?? null;
}

/** One lesson's Markdown in one language, without loading the version's other lessons. */
export async function lessonText(versionId: number, activityId: string, locale: Locale): Promise<string | null> {
  const key = `${versionId}:${activityId}:${locale}`;
  const cached = lessonTexts.get(key);
  if (cached !== undefined) return cached;
  const db = await getDb();
  const [row] = await db
    .select({ text: sql<string | null>`json_extract(${courseVersions.lessons}, ${`$."${activityId.replace(/"/g, '')}".${locale}`})` })
    .from(courseVersions)
    .where(eq(courseVersions.id, versionId));
  const text = row?.text ?? null;
  if (text !== null) {
    if (lessonTexts.size >= MAX_LESSONS) lessonTexts.delete(lessonTexts.keys().next().value ?? '');
    lessonTexts.set(key, text);
  }
  return text;
}

const rendered = new Map<string, RenderedLesson>();

/**
 * A lesson of a version rendered for one language, rendered once per process: the Markdown and
 * the glossary of a version never change, and the callout titles are fixed per language.
 */
export async function renderedLessonOf(
  versionId: number,
  activityId: string,
  options: RenderOptions,
): Promise<RenderedLesson | null> {
  const key = `${versionId}:${activityId}:${options.locale}:${options.assetBase}`;
  const cached = rendered.get(key);
  if (cached) return cached;
  const markdown = await lessonText(versionId, activityId, options.locale);
  if (markdown === null) return null;
  const result = renderLesson(markdown, options);
  if (rendered.size >= MAX_LESSONS) rendered.delete(rendered.keys().next().value ?? '');
  rendered.set(key, result);
  return result;
}

const scormMaps = new Map<number, Record<string, string>>();

/** A version's SCORM packages: activity id → package id (read once per process). */
export async function scormOf(versionId: number): Promise<Record<string, string>> {
  const cached = scormMaps.get(versionId);
  if (cached) return cached;
  const db = await getDb();
  const [row] = await db.select({ scorm: courseVersions.scorm }).from(courseVersions).where(eq(courseVersions.id, versionId));
  if (!row) return {};
  scormMaps.set(versionId, row.scorm);
  return row.scorm;
}
