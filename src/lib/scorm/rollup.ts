import type { ScormItem } from './package/types.ts';

export type Completion = 'completed' | 'incomplete' | 'not attempted' | 'unknown';
export type Success = 'passed' | 'failed' | 'unknown';

export interface PackageStatus {
  completion: Completion;
  success: Success;
  /** Mean of the SCOs' scaled scores where known (0–1), for the staff view and reports. */
  scoreScaled: number | null;
}

/**
 * A package's status from its SCOs' statuses, decided on the server. Without sequencing (every
 * SCORM 1.2 package and SCORM 2004 packages without rules) the package is completed when every
 * launchable item is completed, passed when it is completed and every item that reports success
 * passed (at least one), failed when any item failed. With SCORM 2004 sequencing the package's
 * own rollup (root activity of scorm-again's engine, reported with the commit) is used, but
 * never beyond what the SCOs themselves reported: a "passed" root needs a passed SCO and a
 * "completed" root a completed one.
 */
export function packageStatus(
  items: readonly ScormItem[],
  statusOf: (
    identifier: string,
  ) => { completion: Completion; success: Success; scoreScaled: number | null } | undefined,
  sequencedRoot: { completion: Completion; success: Success } | null = null,
): PackageStatus {
  const statuses = items.map((item) => statusOf(item.identifier));
  const known = statuses.flatMap((s) => (s && s.scoreScaled !== null ? [s.scoreScaled] : []));
  const scoreScaled = known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
  if (sequencedRoot) {
    const anyCompleted = statuses.some((s) => s?.completion === 'completed');
    const anyPassed = statuses.some((s) => s?.success === 'passed');
    const anyStarted = statuses.some((s) => s !== undefined);
    return {
      completion:
        sequencedRoot.completion === 'completed' && anyCompleted
          ? 'completed'
          : anyStarted
            ? 'incomplete'
            : 'not attempted',
      success: sequencedRoot.success === 'passed' ? (anyPassed ? 'passed' : 'unknown') : sequencedRoot.success,
      scoreScaled,
    };
  }
  const allCompleted = statuses.every((s) => s?.completion === 'completed' || s?.success === 'passed');
  const anyStarted = statuses.some((s) => s !== undefined && s.completion !== 'not attempted');
  const anyFailed = statuses.some((s) => s?.success === 'failed');
  const reporting = statuses.filter((s) => s && s.success !== 'unknown');
  const success: Success = anyFailed
    ? 'failed'
    : allCompleted && reporting.length > 0 && reporting.every((s) => s?.success === 'passed')
      ? 'passed'
      : 'unknown';
  return {
    completion: allCompleted ? 'completed' : anyStarted ? 'incomplete' : 'not attempted',
    success,
    scoreScaled,
  };
}
