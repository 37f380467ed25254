import type { ScormItem } from '../package/types.ts';

export type Api = '1.2' | '2004';

export interface LaunchContext {
  learnerId: string;
  learnerName: string;
  /** ab-initio for a first launch, resume after a suspend, '' otherwise (1.2). */
  entry: 'ab-initio' | 'resume' | '';
  /** 'credit' for a learner, 'no-credit' for a staff preview. */
  credit: 'credit' | 'no-credit';
  mode: 'normal' | 'browse' | 'review';
  totalTime: string;
  /** First launch of this SCO attempt: the manifest's objectives are declared to the SCO. */
  fresh: boolean;
}

/**
 * The values the LMS owns (read-only for the SCO) in scorm-again's flattened form: who the
 * learner is, entry, credit, the manifest's launch data, mastery score and limits, the total
 * time so far, and (on a fresh SCORM 2004 attempt) the objectives the manifest declares. They are
 * loaded before the SCO starts, on top of the state it saved, and never taken from a commit.
 */
export function lmsOwnedValues(api: Api, item: ScormItem, context: LaunchContext): Record<string, string> {
  if (api === '1.2') {
    return {
      'cmi.core.student_id': context.learnerId,
      'cmi.core.student_name': context.learnerName,
      'cmi.core.credit': context.credit,
      'cmi.core.entry': context.entry,
      'cmi.core.lesson_mode': context.mode,
      'cmi.core.total_time': context.totalTime,
      ...(item.dataFromLms !== null ? { 'cmi.launch_data': item.dataFromLms } : {}),
      ...(item.masteryScore !== null ? { 'cmi.student_data.mastery_score': String(item.masteryScore) } : {}),
      ...(item.maxTimeAllowed !== null ? { 'cmi.student_data.max_time_allowed': item.maxTimeAllowed } : {}),
      ...(item.timeLimitAction !== null ? { 'cmi.student_data.time_limit_action': item.timeLimitAction } : {}),
    };
  }
  const objectives = context.fresh
    ? Object.fromEntries(item.objectiveIds.map((id, index) => [`cmi.objectives.${index}.id`, id]))
    : {};
  return {
    'cmi.learner_id': context.learnerId,
    'cmi.learner_name': context.learnerName,
    'cmi.credit': context.credit,
    'cmi.entry': context.entry === '' ? '' : context.entry,
    'cmi.mode': context.mode,
    'cmi.total_time': context.totalTime,
    ...(item.dataFromLms !== null ? { 'cmi.launch_data': item.dataFromLms } : {}),
    ...(item.minNormalizedMeasure !== null ? { 'cmi.scaled_passing_score': String(item.minNormalizedMeasure) } : {}),
    ...(item.completionThreshold !== null ? { 'cmi.completion_threshold': String(item.completionThreshold) } : {}),
    ...(item.maxTimeAllowed !== null ? { 'cmi.max_time_allowed': item.maxTimeAllowed } : {}),
    ...(item.timeLimitAction !== null ? { 'cmi.time_limit_action': item.timeLimitAction } : {}),
    ...objectives,
  };
}
