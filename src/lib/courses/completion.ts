import type { Activity, CourseDefinition } from './schema.ts';

/**
 * What the platform knows a learner has done in one activity. Each capability fills its part:
 * lessons now; quizzes, SCORM, surveys and attendance as they are built.
 */
export interface ActivityEvidence {
  lessonDone?: boolean;
  quiz?: { submitted: boolean; passed: boolean };
  scorm?: {
    completion: 'completed' | 'incomplete' | 'not attempted' | 'unknown';
    success: 'passed' | 'failed' | 'unknown';
  };
  survey?: { answered: boolean };
  session?: { attended: boolean };
}

/** Activity kinds the platform can run today; the others are shown as "not yet available". */
export const AVAILABLE_KINDS: ReadonlySet<Activity['kind']> = new Set(['lesson', 'scorm', 'quiz', 'survey']);

/**
 * THE rule for "activity complete". A lesson when the learner has finished it; a pre-test or
 * practice quiz when submitted, a post-test or graded quiz when passed; a SCORM activity when
 * the package reports passed, or completed without a failure; a survey when answered; an
 * in-person session when attended. Progress pages, reports and certificates use only this.
 */
export function isActivityComplete(activity: Activity, evidence: ActivityEvidence): boolean {
  switch (activity.kind) {
    case 'lesson':
      return evidence.lessonDone === true;
    case 'quiz':
      if (!evidence.quiz?.submitted) return false;
      return activity.role === 'pre-test' || activity.role === 'practice' ? true : evidence.quiz.passed;
    case 'scorm':
      if (!evidence.scorm) return false;
      return (
        evidence.scorm.success === 'passed' ||
        (evidence.scorm.completion === 'completed' && evidence.scorm.success !== 'failed')
      );
    case 'survey':
      return evidence.survey?.answered === true;
    case 'session':
      return evidence.session?.attended === true;
  }
}

export interface Attendance {
  attended: number;
  total: number;
}

/** Every activity of a course, in order. */
export function activitiesOf(definition: CourseDefinition): Activity[] {
  return definition.modules.flatMap((m) => m.activities);
}

/**
 * THE rule for "course complete": every required activity complete and, where the course
 * sets a minimum attendance and has sessions, at least that share of them attended.
 */
export function isCourseComplete(
  definition: CourseDefinition,
  completed: ReadonlySet<string>,
  attendance: Attendance = { attended: 0, total: 0 },
): boolean {
  const allRequired = activitiesOf(definition).every((a) => !a.required || completed.has(a.id));
  const minimum = definition.completion.minAttendancePercent;
  const attendanceMet =
    minimum === undefined || attendance.total === 0 || (attendance.attended / attendance.total) * 100 >= minimum;
  return allRequired && attendanceMet;
}

export interface Progress {
  /** Required activities completed, and how many there are. */
  done: number;
  total: number;
  percent: number;
  /** Where "continue" leads: the first required activity not done, else the first not done. */
  next: Activity | null;
}

/** Progress through the required activities, from the completed set (derived, never stored). */
export function courseProgress(definition: CourseDefinition, completed: ReadonlySet<string>): Progress {
  const all = activitiesOf(definition);
  const required = all.filter((a) => a.required);
  const done = required.filter((a) => completed.has(a.id)).length;
  const next =
    required.find((a) => !completed.has(a.id)) ??
    all.find((a) => !completed.has(a.id) && AVAILABLE_KINDS.has(a.kind)) ??
    null;
  return {
    done,
    total: required.length,
    percent: required.length === 0 ? 100 : Math.floor((done / required.length) * 100),
    next,
  };
}
