import { describe, expect, it } from 'vitest';
import { courseProgress, isActivityComplete, isCourseComplete, type ActivityEvidence } from './completion.ts';
import type { Activity, CourseDefinition } from './schema.ts';

const title = { lv: 'x', en: 'x' };
const lesson: Activity = { id: 'l', kind: 'lesson', file: 'l.md', title, required: true };
const preTest: Activity = { id: 'pre', kind: 'quiz', role: 'pre-test', quiz: 'pre', title, required: false };
const postTest: Activity = { id: 'post', kind: 'quiz', role: 'post-test', quiz: 'post', title, required: true };
const scorm: Activity = { id: 's', kind: 'scorm', package: 's.zip', title, required: true };
const survey: Activity = { id: 'q', kind: 'survey', survey: 'end', title, required: true };
const session: Activity = { id: 'w', kind: 'session', title, required: true };

describe('isActivityComplete', () => {
  it.each([
    [lesson, {}, false, 'a lesson not finished'],
    [lesson, { lessonDone: true }, true, 'a finished lesson'],
    [preTest, { quiz: { submitted: true, passed: false } }, true, 'a pre-test counts when taken, passed or not'],
    [postTest, { quiz: { submitted: true, passed: false } }, false, 'a post-test must be passed'],
    [postTest, { quiz: { submitted: true, passed: true } }, true, 'a passed post-test'],
    [postTest, { quiz: { submitted: false, passed: true } }, false, 'an unsubmitted attempt never counts'],
    [
      scorm,
      { scorm: { completion: 'completed', success: 'unknown' } },
      true,
      'SCORM completed without a mastery score',
    ],
    [scorm, { scorm: { completion: 'completed', success: 'failed' } }, false, 'SCORM completed but failed'],
    [scorm, { scorm: { completion: 'incomplete', success: 'passed' } }, true, 'SCORM passed'],
    [scorm, { scorm: { completion: 'incomplete', success: 'unknown' } }, false, 'SCORM incomplete'],
    [survey, { survey: { answered: true } }, true, 'a survey answered'],
    [session, { session: { attended: false } }, false, 'a session missed'],
    [session, { session: { attended: true } }, true, 'a session attended'],
    [lesson, { quiz: { submitted: true, passed: true } }, false, 'evidence of another kind does not count'],
  ] as [Activity, ActivityEvidence, boolean, string][])('%o + %o → %s (%s)', (activity, evidence, expected) => {
    expect(isActivityComplete(activity, evidence)).toBe(expected);
  });
});

const course = (activities: Activity[], minAttendancePercent?: number): CourseDefinition => ({
  slug: 'c',
  version: 1,
  status: 'published',
  title,
  summary: title,
  description: title,
  sectors: ['education'],
  hours: 1,
  selfEnrolment: true,
  certificate: { template: 'default', statement: title },
  completion: minAttendancePercent === undefined ? {} : { minAttendancePercent },
  glossary: [],
  references: [],
  modules: [{ id: 'm', title, activities }],
});

describe('isCourseComplete', () => {
  it('needs every required activity and ignores optional ones', () => {
    const c = course([preTest, lesson, postTest]);
    expect(isCourseComplete(c, new Set(['l']))).toBe(false);
    expect(isCourseComplete(c, new Set(['l', 'post']))).toBe(true);
  });

  it('needs the minimum attendance when the course sets one', () => {
    const c = course([lesson], 80);
    expect(isCourseComplete(c, new Set(['l']), { attended: 3, total: 5 })).toBe(false);
    expect(isCourseComplete(c, new Set(['l']), { attended: 4, total: 5 })).toBe(true);
    // No sessions scheduled (online-only learner): the rule does not apply.
    expect(isCourseComplete(c, new Set(['l']), { attended: 0, total: 0 })).toBe(true);
  });
});

describe('courseProgress', () => {
  it('counts required activities and points to the next one to do', () => {
    const c = course([preTest, lesson, postTest]);
    expect(courseProgress(c, new Set())).toMatchObject({ done: 0, total: 2, percent: 0, next: { id: 'l' } });
    expect(courseProgress(c, new Set(['l']))).toMatchObject({ done: 1, total: 2, percent: 50, next: { id: 'post' } });
    // All required done: "continue" offers what is left (the optional pre-test), then nothing.
    expect(courseProgress(c, new Set(['l', 'post']))).toMatchObject({ done: 2, total: 2, percent: 100, next: { id: 'pre' } });
    expect(courseProgress(c, new Set(['pre', 'l', 'post']))).toMatchObject({ percent: 100, next: null });
  });
});
