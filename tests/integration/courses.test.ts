import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../src/lib/db.ts';
import {
  completeLesson,
  enrol,
  getEnrolment,
  listCatalogue,
  myLearning,
  requireActivity,
} from '../../src/lib/courses/learning.ts';
import { syncCourses } from '../../src/lib/courses/sync.ts';
import { exportPersonalData } from '../../src/lib/users/privacy.ts';
import { activityCompletions, courses, courseVersions } from '../../db/schema/index.ts';
import { TEST_DATA_DIR } from '../setup/paths.ts';
import { createUser } from '../factories.ts';

const root = join(TEST_DATA_DIR, `courses-${process.pid}`);
const courseFile = join(root, 'sample-course', 'course.yaml');

beforeAll(() => {
  mkdirSync(root, { recursive: true });
  cpSync('tests/fixtures/courses', root, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function editCourse(change: (yaml: string) => string): void {
  writeFileSync(courseFile, change(readFileSync(courseFile, 'utf8')));
}

describe('course sync', () => {
  it('publishes valid courses, reports invalid ones without stopping the others, and is idempotent', async () => {
    const first = await syncCourses(root);
    expect(first.find((r) => r.slug === 'sample-course')).toMatchObject({ outcome: 'created', version: 1 });
    const broken = first.find((r) => r.slug === 'broken-course');
    expect(broken?.outcome).toBe('invalid');
    expect(broken?.errors?.join('\n')).toContain('broken-course/course.yaml: title.en');
    expect(first.find((r) => r.slug === 'missing-translation')?.errors?.join('\n')).toMatch(
      /en\/only\.md: missing English text/,
    );

    const second = await syncCourses(root);
    expect(second.find((r) => r.slug === 'sample-course')?.outcome).toBe('unchanged');
    const db = await getDb();
    const [versions] = await db.select({ n: count() }).from(courseVersions);
    expect(versions?.n).toBe(1);
    expect((await listCatalogue()).map((c) => c.slug)).toEqual(['sample-course']);
    expect((await listCatalogue({ sector: 'police' })).map((c) => c.slug)).toEqual([]);
  });

  it('keeps a learner on their version when the structure changes, and moves them on a text edit', async () => {
    const original = readFileSync(courseFile, 'utf8');
    await syncCourses(root);
    const { user } = await createUser();
    await enrol(user.id, 'sample-course');
    const before = await getEnrolment(user.id, 'sample-course');

    // A text edit: same activities, new wording → the learner follows to the new version.
    editCourse((y) => y.replace('Pirmā nodarbība', 'Pirmā nodarbība (labota)'));
    const edit = await syncCourses(root);
    expect(edit.find((r) => r.slug === 'sample-course')).toMatchObject({ outcome: 'updated', movedEnrolments: 1 });
    const afterEdit = await getEnrolment(user.id, 'sample-course');
    expect(afterEdit?.versionId).not.toBe(before?.versionId);
    expect(afterEdit?.definition.modules[0]?.activities[1]?.title.lv).toBe('Pirmā nodarbība (labota)');

    // A structural change (a lesson becomes optional) → the learner stays where they are.
    editCourse((y) => {
      const changed = y.replace('version: 1', 'version: 2').replace('file: two.md,', 'file: two.md, required: false,');
      expect(changed).toContain('required: false'); // the edit must really change the structure
      return changed;
    });
    const change = await syncCourses(root);
    expect(change.find((r) => r.slug === 'sample-course')).toMatchObject({
      outcome: 'updated',
      version: 2,
      movedEnrolments: 0,
    });
    expect((await getEnrolment(user.id, 'sample-course'))?.versionId).toBe(afterEdit?.versionId);
    const { user: newcomer } = await createUser();
    await enrol(newcomer.id, 'sample-course');
    expect((await getEnrolment(newcomer.id, 'sample-course'))?.definition.version).toBe(2);
    writeFileSync(courseFile, original);
    await syncCourses(root);
  });

  it('marks a course that turns invalid and keeps its enrolments', async () => {
    const { user } = await createUser();
    await syncCourses(root);
    await enrol(user.id, 'sample-course');
    const saved = readFileSync(courseFile, 'utf8');
    writeFileSync(courseFile, saved.replace('sectors: [education]', 'sectors: [army]'));
    try {
      const report = await syncCourses(root);
      expect(report.find((r) => r.slug === 'sample-course')?.errors?.join()).toContain('sectors.0');
      const db = await getDb();
      const [row] = await db.select().from(courses).where(eq(courses.slug, 'sample-course'));
      expect(row?.status).toBe('invalid');
      expect(await listCatalogue()).toEqual([]);
      expect(await getEnrolment(user.id, 'sample-course')).not.toBeNull();
      await expect(enrol(user.id, 'sample-course')).rejects.toMatchObject({ messageKey: 'error.course.notFound' });
    } finally {
      writeFileSync(courseFile, saved);
      await syncCourses(root);
    }
  });
  it('brings learners back when a text edit is reverted, and survives two syncs at once', async () => {
    const original = readFileSync(courseFile, 'utf8');
    await syncCourses(root);
    const { user } = await createUser();
    await enrol(user.id, 'sample-course');
    const first = (await getEnrolment(user.id, 'sample-course'))?.versionId;
    editCourse((y) => y.replace('Otrā nodarbība', 'Otrā nodarbība (labota)'));
    const both = await Promise.all([syncCourses(root), syncCourses(root)]);
    for (const report of both.flat().filter((r) => r.slug === 'sample-course'))
      expect(['unchanged', 'updated']).toContain(report.outcome);
    expect((await getEnrolment(user.id, 'sample-course'))?.versionId).not.toBe(first);
    writeFileSync(courseFile, original);
    await syncCourses(root);
    expect((await getEnrolment(user.id, 'sample-course'))?.versionId).toBe(first);
  });

  it('marks a course whose folder is gone as invalid', async () => {
    await syncCourses(root);
    const moved = join(TEST_DATA_DIR, `moved-${process.pid}`);
    renameSync(join(root, 'sample-course'), moved);
    try {
      const report = await syncCourses(root);
      expect(report.find((r) => r.slug === 'sample-course')).toMatchObject({ outcome: 'removed' });
      expect(await listCatalogue()).toEqual([]);
    } finally {
      renameSync(moved, join(root, 'sample-course'));
      await syncCourses(root);
    }
    expect((await listCatalogue()).map((c) => c.slug)).toEqual(['sample-course']);
  });
});

describe('the learner’s journey', () => {
  it('enrols once, completes lessons once each, and completes the course once with its time', async () => {
    await syncCourses(root);
    const { user } = await createUser();
    expect(await enrol(user.id, 'sample-course')).toEqual({ created: true });
    expect(await enrol(user.id, 'sample-course')).toEqual({ created: false });

    const first = await completeLesson(user.id, 'sample-course', 'one');
    expect(first).toMatchObject({ activityRecorded: true, courseCompleted: false });
    const again = await completeLesson(user.id, 'sample-course', 'one');
    expect(again).toMatchObject({ activityRecorded: false, courseCompleted: false });

    const last = await completeLesson(user.id, 'sample-course', 'two');
    expect(last.courseCompleted).toBe(true);
    const enrolment = await getEnrolment(user.id, 'sample-course');
    expect(enrolment?.completedAt).toBeInstanceOf(Date);
    expect(enrolment?.progress).toMatchObject({ done: 2, total: 2, percent: 100 });
    // An optional lesson done afterwards does not complete the course a second time.
    expect((await completeLesson(user.id, 'sample-course', 'extra')).courseCompleted).toBe(false);
    const db = await getDb();
    const [rows] = await db
      .select({ n: count() })
      .from(activityCompletions)
      .where(eq(activityCompletions.enrolmentId, enrolment?.id ?? 0));
    expect(rows?.n).toBe(3);
    expect((await myLearning(user.id)).map((e) => e.slug)).toEqual(['sample-course']);
    const exported = (await exportPersonalData(user.id))['enrolments'] as {
      course: string;
      completedActivities: unknown[];
    }[];
    expect(exported).toMatchObject([{ course: 'sample-course', completedActivities: expect.any(Array) }]);
    expect(exported[0]?.completedActivities).toHaveLength(3);
  });

  it('refuses activities of a course one is not enrolled in, forged activity ids and non-lessons', async () => {
    await syncCourses(root);
    const { user } = await createUser();
    await expect(completeLesson(user.id, 'sample-course', 'one')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      messageKey: 'error.course.notEnrolled',
    });
    await enrol(user.id, 'sample-course');
    await expect(requireActivity(user.id, 'sample-course', '../admin')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(completeLesson(user.id, 'sample-course', 'pre-test')).rejects.toMatchObject({
      messageKey: 'error.activity.notLesson',
    });
    await expect(enrol(user.id, 'broken-course')).rejects.toMatchObject({ messageKey: 'error.course.notFound' });
    await expect(enrol(user.id, 'no-such-course')).rejects.toMatchObject({ messageKey: 'error.course.notFound' });
  });

  it('refuses self-enrolment in a course closed to it', async () => {
    editCourse((y) => y.replace('hours: 2', 'hours: 2\nselfEnrolment: false'));
    try {
      await syncCourses(root);
      const { user } = await createUser();
      await expect(enrol(user.id, 'sample-course')).rejects.toMatchObject({
        code: 'FORBIDDEN',
        messageKey: 'error.course.closed',
      });
    } finally {
      editCourse((y) => y.replace('hours: 2\nselfEnrolment: false', 'hours: 2'));
      await syncCourses(root);
    }
  });
});
