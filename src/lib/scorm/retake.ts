import { isActivityComplete } from '../courses/completion.ts';
import type { Activity } from '../courses/schema.ts';
import type { MessageKey } from '../i18n/messages/lv.ts';
import type { AttemptRow } from './attempts.ts';

export type RetakeDecision =
  { allowed: true; left: number | null } | { allowed: false; reason: Extract<MessageKey, `scorm.error.${string}`> };

/**
 * Whether a learner may start a new attempt at a SCORM activity after `latest`, by the course's
 * rules (`attempts`, `retake` in course.yaml). An unfinished attempt is always resumed, never
 * replaced; "passed" is the one activity-completion rule, so a package without a mastery score
 * counts as passed once completed. `left` counts the attempts still allowed, the new one included.
 */
export function retakeDecision(
  activity: Extract<Activity, { kind: 'scorm' }>,
  latest: Pick<AttemptRow, 'number' | 'completion' | 'success'> | null,
): RetakeDecision {
  if (!latest) return { allowed: false, reason: 'scorm.error.noAttempt' };
  if (latest.completion !== 'completed' && latest.success !== 'passed') {
    return { allowed: false, reason: 'scorm.error.attemptOpen' };
  }
  if (activity.attempts !== undefined && latest.number >= activity.attempts) {
    return { allowed: false, reason: 'scorm.error.noAttemptsLeft' };
  }
  if (activity.retake === 'until-passed' && isActivityComplete(activity, { scorm: latest })) {
    return { allowed: false, reason: 'scorm.error.alreadyPassed' };
  }
  return { allowed: true, left: activity.attempts === undefined ? null : activity.attempts - latest.number };
}
