import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAllCourses, loadProject } from '../../src/lib/courses/loader.ts';
import { activitiesOf } from '../../src/lib/courses/completion.ts';
import { SECTORS } from '../../src/lib/reference/index.ts';

const loads = loadAllCourses('courses');
const courses = loads.flatMap((l) => (l.ok ? [l.course] : []));

describe('the courses that ship with Tilts', () => {
  it('are all valid, in Latvian and English, with no missing lesson or key', () => {
    expect(loads.filter((l) => !l.ok)).toEqual([]);
    expect(courses.map((c) => c.slug).sort()).toEqual([
      'common-core',
      'education',
      'health',
      'police',
      'public-administration',
    ]);
  });

  it('cover every sector, with the common core for all of them', () => {
    const core = courses.find((c) => c.slug === 'common-core');
    expect(core?.definition.sectors).toEqual(
      expect.arrayContaining(['education', 'police', 'health', 'public_administration']),
    );
    for (const sector of SECTORS.filter((s) => s !== 'other')) {
      expect(
        courses.some((c) => c.slug !== 'common-core' && c.definition.sectors.includes(sector)),
        sector,
      ).toBe(true);
    }
  });

  it.each(courses.map((c) => [c.slug, c] as const))(
    '%s has five lessons of substance, a scenario, and pre-test, post-test and survey slots',
    (_slug, course) => {
      const activities = activitiesOf(course.definition);
      const lessons = activities.filter((a) => a.kind === 'lesson');
      expect(lessons.length).toBeGreaterThanOrEqual(5);
      for (const lesson of lessons) {
        for (const locale of ['lv', 'en'] as const) {
          const text = course.lessons[lesson.id]?.[locale] ?? '';
          expect(text.split(/\s+/).length, `${lesson.id} (${locale})`).toBeGreaterThan(500);
          expect(text, `${lesson.id} (${locale}) names its sources`).toMatch(/^## (Avoti|References)/m);
        }
      }
      expect(
        lessons.some((l) => /\[!CASE\]/.test(course.lessons[l.id]?.lv ?? '')),
        'a scenario with cases',
      ).toBe(true);
      expect(activities.some((a) => a.kind === 'quiz' && a.role === 'pre-test')).toBe(true);
      expect(activities.some((a) => a.kind === 'quiz' && a.role === 'post-test')).toBe(true);
      expect(activities.some((a) => a.kind === 'survey')).toBe(true);
      // Latvian text is really Latvian: it uses the letters English does not have.
      const latvian = lessons.map((l) => course.lessons[l.id]?.lv ?? '').join(' ');
      expect(latvian).toMatch(/[āčēģīķļņšūž]/);
    },
  );

  it('include the common core’s own SCORM 1.2 module', () => {
    const core = courses.find((c) => c.slug === 'common-core');
    const scorm = core ? activitiesOf(core.definition).find((a) => a.kind === 'scorm') : undefined;
    expect(scorm).toMatchObject({ package: 'scorm/culture-check.zip' });
    expect(readFileSync(join('courses/common-core', 'scorm/culture-check.zip')).subarray(0, 2).toString()).toBe('PK');
  });

  it('come with the project facts, targets marked as editable defaults', () => {
    const project = loadProject('courses');
    expect(project.ok).toBe(true);
    if (project.ok) {
      expect(project.project.budgetEur).toBe(500000);
      expect(project.project.targetsAreEditableDefaults).toBe(true);
    }
  });
});
