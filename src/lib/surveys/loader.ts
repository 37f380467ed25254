import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readYaml } from '../courses/yaml-file.ts';
import type { CourseDefinition } from '../courses/schema.ts';
import { surveysFileSchema, type SurveyDefinition } from './schema.ts';

/**
 * Reads a course's surveys (`surveys.yaml`), validating the file by its schema and against the
 * course: every survey activity's survey defined. Problems go to `errors` with file and field,
 * like the rest of the course (`courses/police/surveys.yaml: 0.items.2.text.en: …`). A course
 * without survey activities needs no file.
 */
export function loadCourseSurveys(
  dir: string,
  definition: CourseDefinition,
  label: (path: string) => string,
  errors: string[],
): SurveyDefinition[] {
  const shown = label('surveys.yaml');
  const file = join(dir, 'surveys.yaml');
  const activities = definition.modules.flatMap((m) => m.activities).filter((a) => a.kind === 'survey');
  let surveys: SurveyDefinition[] = [];
  if (existsSync(file)) {
    const raw = readYaml(file, shown, errors);
    if (raw === undefined) return [];
    const parsed = surveysFileSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push(`${shown}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
      return [];
    }
    surveys = parsed.data;
  } else if (activities.length > 0) {
    errors.push(
      `${shown}: missing (the course has survey activities: ${activities.map((a) => `"${a.id}"`).join(', ')})`,
    );
    return [];
  }
  const ids = new Set(surveys.map((s) => s.id));
  for (const activity of activities) {
    if (activity.kind === 'survey' && !ids.has(activity.survey)) {
      errors.push(
        `${label('course.yaml')}: activity "${activity.id}": survey "${activity.survey}" is not defined in surveys.yaml`,
      );
    }
  }
  return surveys;
}
