import type { CmiVersion } from './data-model.ts';
import { parseTimespan } from './timespan.ts';

export { formatTimespan, parseTimespan } from './timespan.ts';

/**
 * What the server concludes from a SCO's validated CMI state (`validateCommit`'s `state`):
 * completion and success decided by the spec's LMS rules, not taken on the SCO's word alone.
 */
export interface CmiSummary {
  completion: 'completed' | 'incomplete' | 'not attempted' | 'unknown';
  success: 'passed' | 'failed' | 'unknown';
  scoreRaw: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  /** 2004 only: score.scaled, −1–1. */
  scoreScaled: number | null;
  location: string | null;
  exit: string | null;
  /** This session's time (session_time), 0 when the SCO did not report one. */
  sessionSeconds: number;
  /** 2004 only: progress_measure, 0–1. */
  progressMeasure: number | null;
}

/** The package's rules, from the manifest. Pass null where a rule does not apply (e.g. mastery in no-credit mode). */
export interface SummaryRules {
  /** 1.2 `adlcp:masteryscore`, 0–100. */
  masteryScore?: number | null;
  /** 2004 `imsss:minNormalizedMeasure` of the primary objective when satisfied by measure, −1–1. */
  scaledPassingScore?: number | null;
  /** 2004 `adlcp:completionThreshold`, 0–1. */
  completionThreshold?: number | null;
}

type Completion = CmiSummary['completion'];
type Success = CmiSummary['success'];

/** `state` must have passed `validateCommit`: a malformed session time throws. */
export function summariseCmi(version: CmiVersion, state: Record<string, string>, rules: SummaryRules): CmiSummary {
  return version === '1.2' ? summarise12(state, rules) : summarise2004(state, rules);
}

/**
 * SCORM 1.2: one lesson_status carries both completion and success (RTE 3.4, cmi.core.lesson_status).
 * passed and failed both mean the SCO is finished ("completed"), failed merely not mastered.
 *
 * Mastery score: the RTE (cmi.core.lesson_status, credit mode) lets the LMS change the status to
 * passed or failed by comparing score.raw with the mastery score, and the 1.2 Conformance
 * Requirements make that re-evaluation apply whenever the SCO has not set "incomplete". Tilts
 * does exactly that: with a mastery score and a raw score, and a status other than incomplete,
 * the score decides — raw ≥ mastery is passed, below is failed, and either is completed. This
 * overrides a SCO that says "passed" below the mastery score (as scorm-again itself does at
 * LMSFinish), and completes a SCO that reports a score without ever setting a status. A SCO still
 * saying "incomplete" keeps its status: it is mid-way, and its score may not be final. The caller
 * passes no mastery score for a no-credit attempt, where the spec forbids the override.
 */
function summarise12(state: Record<string, string>, rules: SummaryRules): CmiSummary {
  const raw = number(state['cmi.core.score.raw']);
  let status = state['cmi.core.lesson_status'] ?? '';
  if (rules.masteryScore != null && raw !== null && status !== 'incomplete') {
    status = raw >= rules.masteryScore ? 'passed' : 'failed';
  }
  return {
    ...(LESSON_STATUS[status] ?? { completion: 'unknown', success: 'unknown' }),
    scoreRaw: raw,
    scoreMin: number(state['cmi.core.score.min']),
    scoreMax: number(state['cmi.core.score.max']),
    scoreScaled: null,
    location: text(state['cmi.core.lesson_location']),
    exit: text(state['cmi.core.exit']),
    sessionSeconds: seconds('1.2', state['cmi.core.session_time']),
    progressMeasure: null,
  };
}

const LESSON_STATUS: Record<string, { completion: Completion; success: Success }> = {
  passed: { completion: 'completed', success: 'passed' },
  failed: { completion: 'completed', success: 'failed' },
  completed: { completion: 'completed', success: 'unknown' },
  incomplete: { completion: 'incomplete', success: 'unknown' },
  browsed: { completion: 'incomplete', success: 'unknown' },
  'not attempted': { completion: 'not attempted', success: 'unknown' },
};

/**
 * SCORM 2004: completion and success are separate, and the LMS evaluates them from the
 * measures when the package defines thresholds.
 * - Completion (RTE 4.2.4.1): with a completion threshold and a progress_measure, progress ≥
 *   threshold is completed and below it incomplete, whatever completion_status says; without
 *   either, completion_status as set, "unknown" when unset.
 * - Success (RTE 4.2.22.1): with a scaled passing score and a score.scaled, scaled ≥ passing
 *   score is passed and below it failed, whatever success_status says; otherwise success_status
 *   as set, "unknown" when unset.
 */
function summarise2004(state: Record<string, string>, rules: SummaryRules): CmiSummary {
  const progress = number(state['cmi.progress_measure']);
  const scaled = number(state['cmi.score.scaled']);
  const threshold = rules.completionThreshold ?? null;
  const passing = rules.scaledPassingScore ?? null;

  let completion = oneOf(state['cmi.completion_status'], ['completed', 'incomplete', 'not attempted'] as const);
  if (threshold !== null && progress !== null) completion = progress >= threshold ? 'completed' : 'incomplete';

  let success = oneOf(state['cmi.success_status'], ['passed', 'failed'] as const);
  if (passing !== null && scaled !== null) success = scaled >= passing ? 'passed' : 'failed';

  return {
    completion,
    success,
    scoreRaw: number(state['cmi.score.raw']),
    scoreMin: number(state['cmi.score.min']),
    scoreMax: number(state['cmi.score.max']),
    scoreScaled: scaled,
    location: text(state['cmi.location']),
    exit: text(state['cmi.exit']),
    sessionSeconds: seconds('2004', state['cmi.session_time']),
    progressMeasure: progress,
  };
}

function oneOf<T extends string>(value: string | undefined, values: readonly T[]): T | 'unknown' {
  return values.find((v) => v === value) ?? 'unknown';
}

/** A validated number element; empty (unset) is null. */
function number(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

const text = (value: string | undefined) => (value ? value : null);

const seconds = (version: CmiVersion, value: string | undefined) => (value ? parseTimespan(version, value) : 0);
