/**
 * The SCORM run-time data models as tables: every element a SCO may see, who may write it, and
 * what its value must look like. Array positions are written `n`. The SCO's view decides the
 * access: "read-only" elements belong to the LMS (Tilts fills them at launch and never takes them
 * back from a commit), "write-only" ones are set by the SCO and never read back by it.
 *
 * Sources: SCORM 1.2 Run-Time Environment (2001) §3.4 "Data Model" — cited as "1.2 RTE 3.4"
 * with the element's data type as the spec names it; SCORM 2004 3rd/4th edition Run-Time
 * Environment §4.2 "SCORM Run-Time Environment Data Model" — cited with its subsection, e.g.
 * "4.2.9" for interactions. The two 2004 editions have the same elements and value spaces.
 *
 * Where scorm-again (the SCORM API our player runs in the browser) reads a value more strictly
 * than the spec, the table follows scorm-again: every state Tilts stores must load back into it
 * with `loadFromFlattenedJSON`, which throws on a value it would refuse from the SCO.
 */

export type CmiVersion = '1.2' | '2004';

export type Access = 'read-only' | 'write-only' | 'read-write';

/** A number written as text: 1.2 CMIDecimal / CMISInteger, 2004 real(10,7) / integer. */
export interface NumberType {
  kind: 'number';
  /** Whole numbers only (CMISInteger, 2004 integer). */
  integer?: true;
  /** At most this many digits before the point (scorm-again's bound on CMIDecimal). */
  digits: number;
  min?: number;
  max?: number;
  /** More than 0, not 0 itself. */
  positive?: true;
}

/** One of the listed words; `orNumber`: or a number (interaction result). */
export interface VocabularyType {
  kind: 'vocabulary';
  values: readonly string[];
  orNumber?: NumberType;
}

export type ValueType =
  /** Any characters (1.2 CMIString255/4096, 2004 characterstring), at most `max` UTF-16 units. */
  | { kind: 'text'; max: number; singleLine?: true }
  /** 2004 localized_string_type: an optional `{lang=xx}` tag, then one line of at most `max`. */
  | { kind: 'localized'; max: number }
  | VocabularyType
  | NumberType
  /** 1.2 CMITimespan `HHHH:MM:SS.SS`; 2004 timeinterval, an ISO 8601 duration. */
  | { kind: 'timespan' }
  /** 1.2 CMITime `HH:MM:SS.SS` (a clock time); 2004 time(second,10,2), an ISO 8601 date-time. */
  | { kind: 'time' }
  /** 1.2 CMIIdentifier; 2004 long_identifier_type. */
  | { kind: 'identifier' }
  /** 2004 language_type: an RFC 3066 tag such as `lv` or `en-GB`. */
  | { kind: 'language' }
  /** 2004 learner_response / correct_responses.n.pattern: the format depends on the interaction's type. */
  | { kind: 'response' }
  /** `_children`, `_count`, `_version`: answered by the API itself, never stored. */
  | { kind: 'keyword' };

export interface ElementSpec {
  /** The element with array positions as `n`, e.g. `cmi.interactions.n.result`. */
  pattern: string;
  access: Access;
  type: ValueType;
  /** Where the spec defines it. */
  spec: string;
}

/** An array element (`cmi.interactions`, `cmi.interactions.n.objectives`…) and how long Tilts lets it grow. */
export interface ArraySpec {
  pattern: string;
  /**
   * Most entries one commit may hold. The spec's numbers are smallest permitted maximums (an LMS
   * must keep at least that many); Tilts keeps more, but a bound stops a forged commit from
   * growing a row without limit.
   */
  max: number;
}

// ---------------------------------------------------------------------------------------------
// Value types shared by the tables.

const RO: Access = 'read-only';
const WO: Access = 'write-only';
const RW: Access = 'read-write';

const text = (max: number): ValueType => ({ kind: 'text', max });
const line = (max: number): ValueType => ({ kind: 'text', max, singleLine: true });
const localized = (max: number): ValueType => ({ kind: 'localized', max });
const vocabulary = (...values: string[]): VocabularyType => ({ kind: 'vocabulary', values });
const keyword: ValueType = { kind: 'keyword' };
const identifier: ValueType = { kind: 'identifier' };
const timespan: ValueType = { kind: 'timespan' };
const time: ValueType = { kind: 'time' };
const language: ValueType = { kind: 'language' };
const response: ValueType = { kind: 'response' };

/** 1.2 CMIDecimal: scorm-again reads at most 10 digits before the point. */
const decimal12 = (min?: number, max?: number): NumberType => ({ kind: 'number', digits: 10, ...range(min, max) });
const integer12 = (min: number, max: number): NumberType => ({ kind: 'number', integer: true, digits: 10, min, max });
/** 2004 real(10,7): 10 significant digits; scorm-again reads 10 before the point, 18 after. */
const real = (min?: number, max?: number): NumberType => ({ kind: 'number', digits: 10, ...range(min, max) });
const range = (min?: number, max?: number) => ({
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
});

/**
 * Tilts keeps suspend data up to 64,000 characters in both versions: SCORM 1.2 says 4096
 * (CMIString4096), but Storyline, Captivate and other authoring tools write far more, and
 * scorm-again accepts 64,000 in 1.2 for that reason.
 */
export const SUSPEND_DATA_MAX = 64_000;

/**
 * 1.2 CMIFeedback (student_response, correct pattern) is a CMIString255 in the spec. Tilts keeps
 * up to 4096 on one line: fill-in and essay answers run longer, scorm-again sets no length at all
 * but refuses line breaks (it tests them against `^.*$`).
 */
export const FEEDBACK_12_MAX = 4096;

// ---------------------------------------------------------------------------------------------
// SCORM 1.2 (RTE 3.4). Its score elements may be blank; ranges are for non-blank values.

/** 1.2 RTE 3.4, cmi.core.lesson_status and cmi.objectives.n.status. */
export const LESSON_STATUS_12 = ['passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted'] as const;
const status12 = vocabulary(...LESSON_STATUS_12);
/** 1.2 RTE 3.4, cmi.core.score: CMIDecimal normalised to 0–100, or blank. */
const score12 = decimal12(0, 100);
const timeLimitAction = vocabulary('exit,message', 'exit,no message', 'continue,message', 'continue,no message');

const SCORM12_ROWS: [pattern: string, access: Access, type: ValueType, spec: string][] = [
  ['cmi._children', RO, keyword, '1.2 RTE 3.4: keyword'],
  ['cmi._version', RO, keyword, '1.2 RTE 3.4: keyword'],
  // cmi.core: the learner, the attempt and its status.
  ['cmi.core._children', RO, keyword, '1.2 RTE 3.4: keyword'],
  ['cmi.core.student_id', RO, identifier, '1.2 RTE 3.4: CMIIdentifier'],
  ['cmi.core.student_name', RO, text(255), '1.2 RTE 3.4: CMIString255'],
  ['cmi.core.lesson_location', RW, text(255), '1.2 RTE 3.4: CMIString255'],
  ['cmi.core.credit', RO, vocabulary('credit', 'no-credit'), '1.2 RTE 3.4: CMIVocabulary (Credit)'],
  // "not attempted" is the LMS's initial value: a SCO cannot set it, but scorm-again echoes it.
  ['cmi.core.lesson_status', RW, status12, '1.2 RTE 3.4: CMIVocabulary (Status)'],
  ['cmi.core.entry', RO, vocabulary('ab-initio', 'resume', ''), '1.2 RTE 3.4: CMIVocabulary (Entry)'],
  ['cmi.core.score._children', RO, keyword, '1.2 RTE 3.4: keyword'],
  ['cmi.core.score.raw', RW, score12, '1.2 RTE 3.4: CMIDecimal 0–100 or blank'],
  ['cmi.core.score.max', RW, score12, '1.2 RTE 3.4: CMIDecimal 0–100 or blank'],
  ['cmi.core.score.min', RW, score12, '1.2 RTE 3.4: CMIDecimal 0–100 or blank'],
  ['cmi.core.total_time', RO, timespan, '1.2 RTE 3.4: CMITimespan'],
  ['cmi.core.lesson_mode', RO, vocabulary('browse', 'normal', 'review'), '1.2 RTE 3.4: CMIVocabulary (Mode)'],
  ['cmi.core.exit', WO, vocabulary('time-out', 'suspend', 'logout', ''), '1.2 RTE 3.4: CMIVocabulary (Exit)'],
  ['cmi.core.session_time', WO, timespan, '1.2 RTE 3.4: CMITimespan'],
  ['cmi.suspend_data', RW, text(SUSPEND_DATA_MAX), '1.2 RTE 3.4: CMIString4096; Tilts: 64,000'],
  ['cmi.launch_data', RO, text(4096), '1.2 RTE 3.4: CMIString4096'],
  ['cmi.comments', RW, text(4096), '1.2 RTE 3.4: CMIString4096'],
  ['cmi.comments_from_lms', RO, text(4096), '1.2 RTE 3.4: CMIString4096'],
  // cmi.objectives: the SCO's own objectives.
  ['cmi.objectives._children', RO, keyword, '1.2 RTE 3.4: keyword'],
  ['cmi.objectives._count', RO, keyword, '1.2 RTE 3.4: keyword'],
  ['cmi.objectives.n.id', RW, identifier, '1.2 RTE 3.4: CMIIdentifier'],
  ['cmi.objectives.n.score._children', RO, keyword, '1.2 RTE 3.4: keyword'],
  ['cmi.objectives.n.score.raw', RW, score12, '1.2 RTE 3.4: CMIDecimal 0–100 or blank'],
  ['cmi.objectives.n.score.max', RW, score12, '1.2 RTE 3.4: CMIDecimal 0–100 or blank'],
  ['cmi.objectives.n.score.min', RW, score12, '1.2 RTE 3.4: CMIDecimal 0–100 or blank'],
  ['cmi.objectives.n.status', RW, status12, '1.2 RTE 3.4: CMIVocabulary (Status)'],
  // cmi.student_data: from the manifest (adlcp:masteryscore, maxtimeallowed, timelimitaction).
  ['cmi.student_data._children', RO, keyword, '1.2 RTE 3.4: keyword'],
  ['cmi.student_data.mastery_score', RO, score12, '1.2 RTE 3.4: CMIDecimal 0–100'],
  ['cmi.student_data.max_time_allowed', RO, timespan, '1.2 RTE 3.4: CMITimespan'],
  ['cmi.student_data.time_limit_action', RO, timeLimitAction, '1.2 RTE 3.4: CMIVocabulary (Time Limit Action)'],
  // cmi.student_preference.
  ['cmi.student_preference._children', RO, keyword, '1.2 RTE 3.4: keyword'],
  ['cmi.student_preference.audio', RW, integer12(-1, 100), '1.2 RTE 3.4: CMISInteger −1–100'],
  ['cmi.student_preference.language', RW, text(255), '1.2 RTE 3.4: CMIString255'],
  ['cmi.student_preference.speed', RW, integer12(-100, 100), '1.2 RTE 3.4: CMISInteger −100–100'],
  ['cmi.student_preference.text', RW, integer12(-1, 1), '1.2 RTE 3.4: CMISInteger −1–1'],
  // cmi.interactions: write-only in 1.2 — the SCO journals them, it never reads them back.
  ['cmi.interactions._children', RO, keyword, '1.2 RTE 3.4: keyword'],
  ['cmi.interactions._count', RO, keyword, '1.2 RTE 3.4: keyword'],
  ['cmi.interactions.n.id', WO, identifier, '1.2 RTE 3.4: CMIIdentifier'],
  ['cmi.interactions.n.objectives._count', RO, keyword, '1.2 RTE 3.4: keyword'],
  ['cmi.interactions.n.objectives.n.id', WO, identifier, '1.2 RTE 3.4: CMIIdentifier'],
  ['cmi.interactions.n.time', WO, time, '1.2 RTE 3.4: CMITime'],
  [
    'cmi.interactions.n.type',
    WO,
    vocabulary('true-false', 'choice', 'fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric'),
    '1.2 RTE 3.4: CMIVocabulary (Interaction)',
  ],
  ['cmi.interactions.n.correct_responses._count', RO, keyword, '1.2 RTE 3.4: keyword'],
  // CMIFeedback: its format depends on the type, which 1.2 leaves to the SCO to interpret.
  ['cmi.interactions.n.correct_responses.n.pattern', WO, line(FEEDBACK_12_MAX), '1.2 RTE 3.4: CMIFeedback'],
  // scorm-again reads weighting as −100–100; the spec gives no range.
  ['cmi.interactions.n.weighting', WO, decimal12(-100, 100), '1.2 RTE 3.4: CMIDecimal'],
  ['cmi.interactions.n.student_response', WO, line(FEEDBACK_12_MAX), '1.2 RTE 3.4: CMIFeedback'],
  [
    'cmi.interactions.n.result',
    WO,
    // A number result: scorm-again reads at most 3 digits and no sign.
    { ...vocabulary('correct', 'wrong', 'unanticipated', 'neutral'), orNumber: { kind: 'number', digits: 3, min: 0 } },
    '1.2 RTE 3.4: CMIVocabulary (Result) or CMIDecimal',
  ],
  ['cmi.interactions.n.latency', WO, timespan, '1.2 RTE 3.4: CMITimespan'],
];

// ---------------------------------------------------------------------------------------------
// SCORM 2004 3rd/4th edition (RTE 4.2). SPM = "smallest permitted maximum".

/** 4.2.4 completion_status, 4.2.22 success_status. */
export const COMPLETION_STATUS = ['completed', 'incomplete', 'not attempted', 'unknown'] as const;
export const SUCCESS_STATUS = ['passed', 'failed', 'unknown'] as const;
const completion = vocabulary(...COMPLETION_STATUS);
const success = vocabulary(...SUCCESS_STATUS);
/** 4.2.20 score.scaled: real(10,7) −1–1; raw/min/max: any real(10,7). */
const scaled = real(-1, 1);
/** 4.2.18 progress_measure: real(10,7) 0–1. */
const measure = real(0, 1);

/** 4.2.9.1: interaction types. */
export const INTERACTION_TYPES_2004 = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'likert',
  'matching',
  'performance',
  'sequencing',
  'numeric',
  'other',
] as const;

const SCORM2004_ROWS: [pattern: string, access: Access, type: ValueType, spec: string][] = [
  ['cmi._version', RO, keyword, '2004 RTE 4.2.1 cmi._version'],
  // 4.2.2 comments from the learner; 4.2.3 comments from the LMS.
  ['cmi.comments_from_learner._children', RO, keyword, '2004 RTE 4.2.2'],
  ['cmi.comments_from_learner._count', RO, keyword, '2004 RTE 4.2.2'],
  ['cmi.comments_from_learner.n.comment', RW, localized(4000), '2004 RTE 4.2.2 comment (localized, SPM 4000)'],
  ['cmi.comments_from_learner.n.location', RW, text(250), '2004 RTE 4.2.2 location (characterstring, SPM 250)'],
  ['cmi.comments_from_learner.n.timestamp', RW, time, '2004 RTE 4.2.2 timestamp (time(second,10,2))'],
  ['cmi.comments_from_lms._children', RO, keyword, '2004 RTE 4.2.3'],
  ['cmi.comments_from_lms._count', RO, keyword, '2004 RTE 4.2.3'],
  ['cmi.comments_from_lms.n.comment', RO, localized(4000), '2004 RTE 4.2.3 comment'],
  ['cmi.comments_from_lms.n.location', RO, text(250), '2004 RTE 4.2.3 location'],
  ['cmi.comments_from_lms.n.timestamp', RO, time, '2004 RTE 4.2.3 timestamp'],
  ['cmi.completion_status', RW, completion, '2004 RTE 4.2.4 completion_status'],
  ['cmi.completion_threshold', RO, measure, '2004 RTE 4.2.5 completion_threshold (real(10,7) 0–1)'],
  ['cmi.credit', RO, vocabulary('credit', 'no-credit'), '2004 RTE 4.2.6 credit'],
  ['cmi.entry', RO, vocabulary('ab-initio', 'resume', ''), '2004 RTE 4.2.7 entry'],
  ['cmi.exit', WO, vocabulary('time-out', 'suspend', 'logout', 'normal', ''), '2004 RTE 4.2.8 exit'],
  // 4.2.9 interactions.
  ['cmi.interactions._children', RO, keyword, '2004 RTE 4.2.9'],
  ['cmi.interactions._count', RO, keyword, '2004 RTE 4.2.9'],
  ['cmi.interactions.n.id', RW, identifier, '2004 RTE 4.2.9 id (long_identifier_type, SPM 4000)'],
  ['cmi.interactions.n.type', RW, vocabulary(...INTERACTION_TYPES_2004), '2004 RTE 4.2.9 type'],
  ['cmi.interactions.n.objectives._count', RO, keyword, '2004 RTE 4.2.9'],
  ['cmi.interactions.n.objectives.n.id', RW, identifier, '2004 RTE 4.2.9 objectives.n.id (long_identifier_type)'],
  ['cmi.interactions.n.timestamp', RW, time, '2004 RTE 4.2.9 timestamp (time(second,10,2))'],
  ['cmi.interactions.n.correct_responses._count', RO, keyword, '2004 RTE 4.2.9'],
  ['cmi.interactions.n.correct_responses.n.pattern', RW, response, '2004 RTE 4.2.9.1 correct_responses.n.pattern'],
  ['cmi.interactions.n.weighting', RW, real(), '2004 RTE 4.2.9 weighting (real(10,7))'],
  ['cmi.interactions.n.learner_response', RW, response, '2004 RTE 4.2.9.2 learner_response'],
  [
    'cmi.interactions.n.result',
    RW,
    // A number result: scorm-again reads at most 4 digits before the point.
    { ...vocabulary('correct', 'incorrect', 'unanticipated', 'neutral'), orNumber: { kind: 'number', digits: 4 } },
    '2004 RTE 4.2.9 result',
  ],
  ['cmi.interactions.n.latency', RW, timespan, '2004 RTE 4.2.9 latency (timeinterval(second,10,2))'],
  ['cmi.interactions.n.description', RW, localized(250), '2004 RTE 4.2.9 description (localized, SPM 250)'],
  ['cmi.launch_data', RO, text(4000), '2004 RTE 4.2.10 launch_data (SPM 4000)'],
  ['cmi.learner_id', RO, identifier, '2004 RTE 4.2.11 learner_id (long_identifier_type)'],
  ['cmi.learner_name', RO, localized(250), '2004 RTE 4.2.12 learner_name (localized, SPM 250)'],
  // 4.2.13 learner preferences. scorm-again caps audio and speed below 1000.
  ['cmi.learner_preference._children', RO, keyword, '2004 RTE 4.2.13'],
  ['cmi.learner_preference.audio_level', RW, real(0, 999.9999999), '2004 RTE 4.2.13 audio_level (real ≥ 0)'],
  ['cmi.learner_preference.language', RW, language, '2004 RTE 4.2.13 language (language_type)'],
  // A speed of 0 would stop the content: scorm-again refuses it.
  [
    'cmi.learner_preference.delivery_speed',
    RW,
    { ...real(0, 999.9999999), positive: true },
    '2004 RTE 4.2.13 delivery_speed (real ≥ 0)',
  ],
  [
    'cmi.learner_preference.audio_captioning',
    RW,
    { kind: 'number', integer: true, digits: 1, min: -1, max: 1 },
    '2004 RTE 4.2.13 audio_captioning (−1, 0, 1)',
  ],
  ['cmi.location', RW, text(1000), '2004 RTE 4.2.14 location (characterstring, SPM 1000)'],
  ['cmi.max_time_allowed', RO, timespan, '2004 RTE 4.2.15 max_time_allowed'],
  ['cmi.mode', RO, vocabulary('browse', 'normal', 'review'), '2004 RTE 4.2.16 mode'],
  // 4.2.17 objectives.
  ['cmi.objectives._children', RO, keyword, '2004 RTE 4.2.17'],
  ['cmi.objectives._count', RO, keyword, '2004 RTE 4.2.17'],
  ['cmi.objectives.n.id', RW, identifier, '2004 RTE 4.2.17 id (long_identifier_type)'],
  ['cmi.objectives.n.score._children', RO, keyword, '2004 RTE 4.2.17'],
  ['cmi.objectives.n.score.scaled', RW, scaled, '2004 RTE 4.2.17 score.scaled (−1–1)'],
  ['cmi.objectives.n.score.raw', RW, real(), '2004 RTE 4.2.17 score.raw'],
  ['cmi.objectives.n.score.min', RW, real(), '2004 RTE 4.2.17 score.min'],
  ['cmi.objectives.n.score.max', RW, real(), '2004 RTE 4.2.17 score.max'],
  ['cmi.objectives.n.success_status', RW, success, '2004 RTE 4.2.17 success_status'],
  ['cmi.objectives.n.completion_status', RW, completion, '2004 RTE 4.2.17 completion_status'],
  ['cmi.objectives.n.progress_measure', RW, measure, '2004 RTE 4.2.17 progress_measure (0–1)'],
  ['cmi.objectives.n.description', RW, localized(250), '2004 RTE 4.2.17 description (localized, SPM 250)'],
  ['cmi.progress_measure', RW, measure, '2004 RTE 4.2.18 progress_measure (real(10,7) 0–1)'],
  ['cmi.scaled_passing_score', RO, scaled, '2004 RTE 4.2.19 scaled_passing_score (−1–1)'],
  // 4.2.20 score.
  ['cmi.score._children', RO, keyword, '2004 RTE 4.2.20'],
  ['cmi.score.scaled', RW, scaled, '2004 RTE 4.2.20 score.scaled (real(10,7) −1–1)'],
  ['cmi.score.raw', RW, real(), '2004 RTE 4.2.20 score.raw (real(10,7))'],
  ['cmi.score.min', RW, real(), '2004 RTE 4.2.20 score.min (real(10,7))'],
  ['cmi.score.max', RW, real(), '2004 RTE 4.2.20 score.max (real(10,7))'],
  ['cmi.session_time', WO, timespan, '2004 RTE 4.2.21 session_time (timeinterval(second,10,2))'],
  ['cmi.success_status', RW, success, '2004 RTE 4.2.22 success_status'],
  ['cmi.suspend_data', RW, text(SUSPEND_DATA_MAX), '2004 RTE 4.2.23 suspend_data (SPM 64,000)'],
  ['cmi.time_limit_action', RO, timeLimitAction, '2004 RTE 4.2.24 time_limit_action'],
  ['cmi.total_time', RO, timespan, '2004 RTE 4.2.25 total_time (timeinterval)'],
];

// ---------------------------------------------------------------------------------------------
// Arrays. The spec's SPMs: 1.2 leaves them to the LMS; 2004 asks for 100 objectives, 250
// interactions, 10 objectives per interaction and 250 comments.

const ARRAYS_12: ArraySpec[] = [
  { pattern: 'cmi.objectives', max: 1000 },
  { pattern: 'cmi.interactions', max: 1000 },
  { pattern: 'cmi.interactions.n.objectives', max: 100 },
  { pattern: 'cmi.interactions.n.correct_responses', max: 100 },
];

const ARRAYS_2004: ArraySpec[] = [
  ...ARRAYS_12,
  { pattern: 'cmi.comments_from_learner', max: 1000 },
  { pattern: 'cmi.comments_from_lms', max: 1000 },
];

/**
 * Elements that describe the session that sent them rather than the learner's state: the
 * server reads them from a commit (the session time is added to the total, the exit decides the
 * next entry) but must not hand them back at the next launch, where scorm-again would report
 * the old session's values again in every commit.
 */
export const SESSION_ELEMENTS: Record<CmiVersion, readonly string[]> = {
  '1.2': ['cmi.core.session_time', 'cmi.core.exit'],
  '2004': ['cmi.session_time', 'cmi.exit'],
};

export interface DataModel {
  version: CmiVersion;
  elements: ReadonlyMap<string, ElementSpec>;
  arrays: ReadonlyMap<string, ArraySpec>;
}

const build = (version: CmiVersion, rows: typeof SCORM12_ROWS, arrays: ArraySpec[]): DataModel => ({
  version,
  elements: new Map(rows.map(([pattern, access, type, spec]) => [pattern, { pattern, access, type, spec }])),
  arrays: new Map(arrays.map((a) => [a.pattern, a])),
});

export const DATA_MODELS: Record<CmiVersion, DataModel> = {
  '1.2': build('1.2', SCORM12_ROWS, ARRAYS_12),
  '2004': build('2004', SCORM2004_ROWS, ARRAYS_2004),
};

/**
 * The table row of an element name: `cmi.interactions.3.id` → `cmi.interactions.n.id`. Null when
 * a position has a leading zero (scorm-again would read `01` as 1: two names for one element) or
 * is implausibly long, or when the name uses the placeholder `n` itself.
 */
export function elementPattern(name: string): string | null {
  const parts: string[] = [];
  for (const part of name.split('.')) {
    if (part === 'n') return null;
    if (!/^\d+$/.test(part)) parts.push(part);
    else if ((part.length > 1 && part.startsWith('0')) || part.length > 9) return null;
    else parts.push('n');
  }
  return parts.join('.');
}
