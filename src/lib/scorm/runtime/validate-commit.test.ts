import { describe, expect, it } from 'vitest';
import type Scorm12Api from 'scorm-again/scorm12';
import type Scorm2004Api from 'scorm-again/scorm2004';
import * as scorm12 from 'scorm-again/scorm12';
import * as scorm2004 from 'scorm-again/scorm2004';
import type { CmiVersion } from './data-model.ts';
import { MAX_COMMIT_ELEMENTS, stateForLaunch, validateCommit, type CommitResult } from './validate-commit.ts';

// scorm-again 3.4.3's type declarations give each entry point a default export; its ESM build
// exports the class by name only (`export { Scorm12API }`), which is what runs.
const { Scorm12API } = scorm12 as unknown as { Scorm12API: typeof Scorm12Api };
const { Scorm2004API } = scorm2004 as unknown as { Scorm2004API: typeof Scorm2004Api };

const long = (n: number, c = 'x') => c.repeat(n);

/** The problems of a refused commit, as "element: problem" lines. */
function problems(result: CommitResult): string[] {
  return result.ok ? [] : result.errors.map((e) => `${e.element}: ${e.problem}`);
}

/** What a later launch does with a stored state: scorm-again throws on a value it would refuse. */
function loadIntoScormAgain(version: CmiVersion, state: Record<string, string>): Record<string, unknown> {
  const api = version === '1.2' ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
  api.loadFromFlattenedJSON(state);
  return api.getFlattenedCMI();
}

/** The entry an element of an array needs around it (1.2 interactions have no dependencies). */
function withContext(version: CmiVersion, element: string, value: string): Record<string, string> {
  const state: Record<string, string> = { [element]: value };
  const owner = /^cmi\.(interactions|objectives|comments_from_learner)\.0\./.exec(element);
  if (owner && owner[1] !== 'comments_from_learner' && !element.endsWith('.0.id')) state[`${owner[0]}id`] = 'q1';
  return version === '2004' && element.startsWith('cmi.interactions.0.')
    ? { 'cmi.interactions.0.type': 'other', ...state }
    : state;
}

// [version, element, value] that pass; each must also load into scorm-again unchanged.
const valid: [CmiVersion, string, string][] = [
  ['1.2', 'cmi.core.lesson_location', 'page3'],
  ['1.2', 'cmi.core.lesson_location', long(255)],
  ['1.2', 'cmi.suspend_data', long(64_000)],
  ['1.2', 'cmi.suspend_data', 'A1B2{"slides":[1,2,3]}\nline two'],
  ['1.2', 'cmi.core.lesson_status', 'passed'],
  ['1.2', 'cmi.core.lesson_status', 'completed'],
  ['1.2', 'cmi.core.lesson_status', 'failed'],
  ['1.2', 'cmi.core.lesson_status', 'incomplete'],
  ['1.2', 'cmi.core.lesson_status', 'browsed'],
  ['1.2', 'cmi.core.lesson_status', 'not attempted'],
  ['1.2', 'cmi.core.exit', 'suspend'],
  ['1.2', 'cmi.core.exit', 'time-out'],
  ['1.2', 'cmi.core.exit', 'logout'],
  ['1.2', 'cmi.core.exit', ''],
  ['1.2', 'cmi.core.session_time', '00:12:34.5'],
  ['1.2', 'cmi.core.session_time', '0000:00:05.00'],
  ['1.2', 'cmi.core.session_time', '9999:59:59.99'],
  ['1.2', 'cmi.core.score.raw', '85'],
  ['1.2', 'cmi.core.score.raw', '0'],
  ['1.2', 'cmi.core.score.raw', '100'],
  ['1.2', 'cmi.core.score.raw', '66.66666666666667'],
  ['1.2', 'cmi.core.score.raw', ''],
  ['1.2', 'cmi.core.score.min', '0'],
  ['1.2', 'cmi.core.score.max', '100'],
  ['1.2', 'cmi.comments', long(4096)],
  ['1.2', 'cmi.objectives.0.id', 'obj_1'],
  ['1.2', 'cmi.objectives.0.status', 'passed'],
  ['1.2', 'cmi.objectives.0.score.raw', '90'],
  ['1.2', 'cmi.student_preference.audio', '-1'],
  ['1.2', 'cmi.student_preference.audio', '100'],
  ['1.2', 'cmi.student_preference.speed', '-100'],
  ['1.2', 'cmi.student_preference.text', '1'],
  ['1.2', 'cmi.student_preference.language', 'lv'],
  ['1.2', 'cmi.interactions.0.id', 'Scene1_Slide3_MultiChoice_0_0'],
  ['1.2', 'cmi.interactions.0.id', long(255, 'i')],
  ['1.2', 'cmi.interactions.0.time', '12:34:56'],
  ['1.2', 'cmi.interactions.0.time', '23:59:59.99'],
  ['1.2', 'cmi.interactions.0.type', 'true-false'],
  ['1.2', 'cmi.interactions.0.type', 'choice'],
  ['1.2', 'cmi.interactions.0.type', 'fill-in'],
  ['1.2', 'cmi.interactions.0.type', 'matching'],
  ['1.2', 'cmi.interactions.0.type', 'performance'],
  ['1.2', 'cmi.interactions.0.type', 'sequencing'],
  ['1.2', 'cmi.interactions.0.type', 'likert'],
  ['1.2', 'cmi.interactions.0.type', 'numeric'],
  ['1.2', 'cmi.interactions.0.weighting', '1'],
  ['1.2', 'cmi.interactions.0.weighting', '-100'],
  ['1.2', 'cmi.interactions.0.student_response', 'a,b'],
  ['1.2', 'cmi.interactions.0.student_response', 'Rīga, Latvija — a free-text answer'],
  ['1.2', 'cmi.interactions.0.result', 'correct'],
  ['1.2', 'cmi.interactions.0.result', 'wrong'],
  ['1.2', 'cmi.interactions.0.result', 'unanticipated'],
  ['1.2', 'cmi.interactions.0.result', 'neutral'],
  ['1.2', 'cmi.interactions.0.result', '0.5'],
  ['1.2', 'cmi.interactions.0.result', '999'],
  ['1.2', 'cmi.interactions.0.latency', '00:00:05'],
  ['1.2', 'cmi.interactions.0.objectives.0.id', 'obj_1'],
  ['1.2', 'cmi.interactions.0.correct_responses.0.pattern', 'a,b'],
  ['2004', 'cmi.location', long(1000)],
  ['2004', 'cmi.suspend_data', long(64_000)],
  ['2004', 'cmi.completion_status', 'completed'],
  ['2004', 'cmi.completion_status', 'incomplete'],
  ['2004', 'cmi.completion_status', 'not attempted'],
  ['2004', 'cmi.completion_status', 'unknown'],
  ['2004', 'cmi.success_status', 'passed'],
  ['2004', 'cmi.success_status', 'failed'],
  ['2004', 'cmi.success_status', 'unknown'],
  ['2004', 'cmi.score.scaled', '1'],
  ['2004', 'cmi.score.scaled', '-1'],
  ['2004', 'cmi.score.scaled', '0.8333333333333334'],
  ['2004', 'cmi.score.raw', '-50.5'],
  ['2004', 'cmi.score.max', '1000'],
  ['2004', 'cmi.progress_measure', '0'],
  ['2004', 'cmi.progress_measure', '1'],
  ['2004', 'cmi.exit', 'normal'],
  ['2004', 'cmi.exit', 'suspend'],
  ['2004', 'cmi.exit', ''],
  ['2004', 'cmi.session_time', 'PT1H2M3.45S'],
  ['2004', 'cmi.session_time', 'P1DT2H'],
  ['2004', 'cmi.session_time', 'PT0H0M0S'],
  ['2004', 'cmi.session_time', 'P1Y2M3DT4H5M6S'],
  ['2004', 'cmi.interactions.0.id', 'urn:tilts:question-1'],
  ['2004', 'cmi.interactions.0.id', long(4000, 'i')],
  ['2004', 'cmi.interactions.0.timestamp', '2024-05-01T12:34:56.1Z'],
  ['2004', 'cmi.interactions.0.timestamp', '2024-05-01T12:34:56.123Z'],
  ['2004', 'cmi.interactions.0.timestamp', '2024-05-01T12:34:56.12+02:00'],
  ['2004', 'cmi.interactions.0.timestamp', '2024-05-01T12:34'],
  ['2004', 'cmi.interactions.0.timestamp', '2024'],
  ['2004', 'cmi.interactions.0.description', '{lang=lv}Kurš tulko?'],
  ['2004', 'cmi.interactions.0.description', long(250)],
  ['2004', 'cmi.interactions.0.weighting', '2.5'],
  ['2004', 'cmi.interactions.0.result', 'incorrect'],
  ['2004', 'cmi.interactions.0.result', '0.5'],
  ['2004', 'cmi.interactions.0.result', '-3'],
  ['2004', 'cmi.interactions.0.latency', 'PT5S'],
  ['2004', 'cmi.interactions.0.objectives.0.id', 'obj-1'],
  ['2004', 'cmi.learner_preference.audio_level', '2'],
  ['2004', 'cmi.learner_preference.language', 'en-GB'],
  ['2004', 'cmi.learner_preference.delivery_speed', '1.5'],
  ['2004', 'cmi.learner_preference.audio_captioning', '-1'],
  ['2004', 'cmi.comments_from_learner.0.comment', long(4000)],
  ['2004', 'cmi.comments_from_learner.0.comment', '{lang=en}Nice course'],
  ['2004', 'cmi.comments_from_learner.0.location', 'slide-3'],
  ['2004', 'cmi.comments_from_learner.0.timestamp', '2024-05-01T12:00:00'],
  ['2004', 'cmi.objectives.0.id', 'urn:tilts:obj-1'],
  ['2004', 'cmi.objectives.0.score.scaled', '0.9'],
  ['2004', 'cmi.objectives.0.success_status', 'passed'],
  ['2004', 'cmi.objectives.0.completion_status', 'completed'],
  ['2004', 'cmi.objectives.0.progress_measure', '0.5'],
  ['2004', 'cmi.objectives.0.description', 'Objective one'],
];

// [version, element, value, what the problem says].
const invalid: [CmiVersion, string, string, RegExp][] = [
  ['1.2', 'cmi.suspend_data', long(64_001), /64,001 characters long; at most 64,000/],
  ['1.2', 'cmi.core.lesson_location', long(256), /256 characters long; at most 255/],
  ['1.2', 'cmi.core.lesson_status', 'done', /"done" is not one of passed, completed/],
  ['1.2', 'cmi.core.lesson_status', 'unknown', /not one of/],
  ['1.2', 'cmi.core.exit', 'normal', /"normal" is not one of time-out, suspend, logout/],
  ['1.2', 'cmi.core.session_time', '1:2:3', /not a timespan HHHH:MM:SS\.SS/],
  ['1.2', 'cmi.core.session_time', 'PT5S', /not a timespan/],
  ['1.2', 'cmi.core.session_time', '00:60:00', /not a timespan/],
  ['1.2', 'cmi.core.session_time', '00:00:05.123', /not a timespan/],
  ['1.2', 'cmi.core.session_time', '12345:00:00', /not a timespan/],
  ['1.2', 'cmi.core.score.raw', '101', /is 101; it must be between 0 and 100/],
  ['1.2', 'cmi.core.score.raw', '-1', /not a decimal number/],
  ['1.2', 'cmi.core.score.raw', 'abc', /not a decimal number/],
  ['1.2', 'cmi.core.score.raw', '1e2', /not a decimal number/],
  ['1.2', 'cmi.objectives.0.status', 'finished', /not one of/],
  ['1.2', 'cmi.student_preference.audio', '-2', /between -1 and 100/],
  ['1.2', 'cmi.student_preference.speed', '101', /between -100 and 100/],
  ['1.2', 'cmi.student_preference.text', '0.5', /not a whole number/],
  ['1.2', 'cmi.interactions.0.id', 'jautājums', /not an identifier: only printable ASCII/],
  ['1.2', 'cmi.interactions.0.id', long(256, 'i'), /at most 255/],
  ['1.2', 'cmi.interactions.0.time', '24:00:00', /not a clock time/],
  ['1.2', 'cmi.interactions.0.type', 'long-fill-in', /not one of true-false, choice/],
  ['1.2', 'cmi.interactions.0.result', 'incorrect', /not one of correct, wrong, unanticipated, neutral or a number/],
  ['1.2', 'cmi.interactions.0.result', '-1', /not one of/],
  ['1.2', 'cmi.interactions.0.result', '1000', /not one of/],
  ['1.2', 'cmi.interactions.0.weighting', '101', /between -100 and 100/],
  ['1.2', 'cmi.interactions.0.student_response', 'line one\nline two', /line break/],
  ['1.2', 'cmi.interactions.0.student_response', long(4097), /at most 4,096/],
  ['1.2', 'cmi.interactions.0.latency', 'PT5S', /not a timespan/],
  ['2004', 'cmi.score.scaled', '1.0000001', /is 1\.0000001; it must be between -1 and 1/],
  ['2004', 'cmi.score.scaled', '-1.5', /between -1 and 1/],
  ['2004', 'cmi.score.raw', '1e3', /not a real number/],
  ['2004', 'cmi.score.raw', '12345678901', /at most 10 before the point/],
  ['2004', 'cmi.progress_measure', '1.1', /between 0 and 1/],
  ['2004', 'cmi.completion_status', 'passed', /not one of completed, incomplete, not attempted, unknown/],
  ['2004', 'cmi.success_status', 'completed', /not one of passed, failed, unknown/],
  ['2004', 'cmi.exit', 'quit', /not one of time-out, suspend, logout, normal/],
  ['2004', 'cmi.location', long(1001), /1,001 characters long; at most 1,000/],
  ['2004', 'cmi.suspend_data', long(64_001), /64,001 characters long; at most 64,000/],
  ['2004', 'cmi.session_time', '00:00:05', /not an ISO 8601 duration/],
  ['2004', 'cmi.session_time', 'P1W', /not an ISO 8601 duration/],
  ['2004', 'cmi.session_time', 'PT', /not an ISO 8601 duration/],
  ['2004', 'cmi.session_time', 'P', /not an ISO 8601 duration/],
  ['2004', 'cmi.session_time', 'PT1.123S', /not an ISO 8601 duration/],
  ['2004', 'cmi.session_time', 'PT1.5H', /not an ISO 8601 duration/],
  ['2004', 'cmi.interactions.0.timestamp', '2024-13-01', /not a date and time/],
  ['2004', 'cmi.interactions.0.timestamp', '1969-12-31', /not a date and time/],
  ['2004', 'cmi.interactions.0.timestamp', '2024-05-01 12:00:00', /not a date and time/],
  ['2004', 'cmi.interactions.0.id', 'question 1', /must not contain white space/],
  ['2004', 'cmi.interactions.0.id', 'urn:x', /not a URN/],
  ['2004', 'cmi.interactions.0.id', long(4001, 'i'), /at most 4,000/],
  ['2004', 'cmi.interactions.0.type', 'essay', /not one of true-false, choice/],
  ['2004', 'cmi.interactions.0.result', 'wrong', /not one of correct, incorrect/],
  ['2004', 'cmi.interactions.0.result', '12345', /not one of/],
  ['2004', 'cmi.interactions.0.description', long(251), /251 characters long; at most 250/],
  ['2004', 'cmi.interactions.0.description', '{lang=toolonglang}x', /not with a valid \{lang=…\}/],
  ['2004', 'cmi.interactions.0.description', '{lang=lv}{x}', /second "\{"/],
  ['2004', 'cmi.comments_from_learner.0.comment', 'line one\nline two', /line break/],
  ['2004', 'cmi.comments_from_learner.0.comment', long(4001), /at most 4,000/],
  ['2004', 'cmi.comments_from_learner.0.location', long(251), /at most 250/],
  ['2004', 'cmi.learner_preference.audio_captioning', '2', /between -1 and 1/],
  ['2004', 'cmi.learner_preference.audio_level', '1000', /between 0 and 999\.9999999/],
  ['2004', 'cmi.learner_preference.delivery_speed', '0', /more than 0/],
  ['2004', 'cmi.learner_preference.language', 'not a language', /not a language code/],
  ['2004', 'cmi.objectives.0.score.scaled', '2', /between -1 and 1/],
  ['2004', 'cmi.objectives.0.success_status', 'done', /not one of/],
];

describe('validateCommit: values', () => {
  it.each(valid)('%s accepts %s = %j and scorm-again loads it', (version, element, value) => {
    const state = withContext(version, element, value);
    const result = validateCommit(version, state);
    expect(problems(result)).toEqual([]);
    expect(result.ok && result.state).toEqual(state);
    // 1.2 timespans come back in scorm-again's own form (00:00:05 for 0000:00:05.00).
    const loaded = loadIntoScormAgain(version, state);
    if (!/session_time|latency/.test(element) || version === '2004') expect(loaded[element] ?? '').toBe(value);
  });

  it.each(invalid)('%s refuses %s = %j', (version, element, value, problem) => {
    const result = validateCommit(version, withContext(version, element, value));
    expect(result.ok).toBe(false);
    expect(problems(result)).toEqual([expect.stringMatching(new RegExp(`^${escape(element)}: .*${problem.source}`))]);
  });

  it('turns numbers and booleans into text as scorm-again does, and null into "not set"', () => {
    const result = validateCommit('1.2', {
      'cmi.core.score.raw': 85,
      'cmi.core.score.min': 0,
      'cmi.student_preference.text': -1,
      'cmi.core.lesson_location': true,
      'cmi.comments': null,
    });
    expect(result).toEqual({
      ok: true,
      state: {
        'cmi.core.score.raw': '85',
        'cmi.core.score.min': '0',
        'cmi.student_preference.text': '-1',
        'cmi.core.lesson_location': 'true',
        'cmi.comments': '',
      },
      ignored: [],
    });
  });

  it('refuses values that are not text', () => {
    expect(problems(validateCommit('1.2', { 'cmi.core.lesson_location': { page: 3 } }))).toEqual([
      'cmi.core.lesson_location: must be text, not an object',
    ]);
    expect(problems(validateCommit('2004', { 'cmi.location': ['a'] }))).toEqual([
      'cmi.location: must be text, not a list',
    ]);
  });
});

// 2004 responses: [interaction type, learner response or pattern, value, valid?].
const responses: [string, 'learner_response' | 'pattern', string, boolean][] = [
  ['true-false', 'learner_response', 'true', true],
  ['true-false', 'learner_response', 'yes', false],
  ['true-false', 'pattern', 'false', true],
  ['choice', 'learner_response', 'a[,]b[,]c', true],
  ['choice', 'learner_response', 'a,b', true], // scorm-again splits at bare commas too
  ['choice', 'learner_response', 'a[,]a', false],
  ['choice', 'learner_response', 'a[,]', false],
  ['choice', 'learner_response', 'choice one', false],
  ['choice', 'learner_response', Array.from({ length: 37 }, (_, i) => `c${i}`).join('[,]'), false],
  ['choice', 'pattern', 'a[,]b', true],
  ['fill-in', 'learner_response', 'Rīga', true],
  ['fill-in', 'learner_response', '{lang=lv}Rīga[,]Jelgava', true],
  ['fill-in', 'learner_response', long(251), false],
  ['fill-in', 'pattern', '{case_matters=false}{order_matters=false}Rīga[,]Jelgava', true],
  ['fill-in', 'pattern', 'Rīga[,]Rīga', false],
  ['fill-in', 'pattern', ' Rīga', false],
  ['long-fill-in', 'learner_response', long(4000), true],
  ['long-fill-in', 'learner_response', 'first line\nsecond line', false],
  ['long-fill-in', 'pattern', 'an essay answer', true],
  ['long-fill-in', 'pattern', 'one, two', false],
  ['likert', 'learner_response', 'agree', true],
  ['likert', 'learner_response', 'strongly agree', false],
  ['matching', 'learner_response', 'a[.]1[,]b[.]2', true],
  ['matching', 'learner_response', 'a[.]1[,]b', false],
  ['matching', 'pattern', 'a[.]1[,]b[.]2', true],
  ['matching', 'pattern', 'a[.]', false],
  ['performance', 'learner_response', 'step1[.]turn left[,]step2[.]42', true],
  ['performance', 'learner_response', '[.]', false],
  ['performance', 'pattern', '{order_matters=true}step1[.]1[:]5', true],
  ['performance', 'pattern', 'bad name![.]x[.]y', false],
  ['sequencing', 'learner_response', 'c[,]a[,]b', true],
  ['sequencing', 'learner_response', 'c[,]a b', false],
  ['numeric', 'learner_response', '3.5', true],
  ['numeric', 'learner_response', 'three', false],
  ['numeric', 'pattern', '1[:]5', true],
  ['numeric', 'pattern', '[:]5', true],
  ['numeric', 'pattern', '5[:]1', false],
  ['numeric', 'pattern', '7', true],
  ['other', 'learner_response', 'anything\nat all', true],
  ['other', 'learner_response', long(4001), false],
  ['other', 'pattern', 'x', true],
];

describe('validateCommit: SCORM 2004 responses by interaction type', () => {
  it.each(responses)('%s %s %j → valid: %s', (type, kind, value, ok) => {
    const element =
      kind === 'pattern' ? 'cmi.interactions.0.correct_responses.0.pattern' : `cmi.interactions.0.${kind}`;
    const state = { 'cmi.interactions.0.id': 'q1', 'cmi.interactions.0.type': type, [element]: value };
    const result = validateCommit('2004', state);
    expect(result.ok, problems(result).join('; ')).toBe(ok);
    if (ok) expect(loadIntoScormAgain('2004', state)[element]).toBe(value);
    else expect(problems(result)[0]).toMatch(new RegExp(`^${escape(element)}: `));
  });

  it('refuses a response without the interaction type it depends on', () => {
    const result = validateCommit('2004', {
      'cmi.interactions.0.id': 'q1',
      'cmi.interactions.0.learner_response': 'a',
    });
    expect(problems(result)).toEqual([
      "cmi.interactions.0.learner_response: needs cmi.interactions.0.type: the format of a response depends on the interaction's type",
    ]);
  });

  it('keeps an empty response (scorm-again reports an unset one so) whatever the type', () => {
    const state = {
      'cmi.interactions.0.id': 'q1',
      'cmi.interactions.0.type': '',
      'cmi.interactions.0.learner_response': '',
    };
    expect(validateCommit('2004', state)).toEqual({ ok: true, state, ignored: [] });
  });
});

describe('validateCommit: elements', () => {
  it('ignores what the LMS owns, whatever the browser echoes back, but keeps the session time', () => {
    const result = validateCommit('1.2', {
      'cmi.core.student_id': 'someone-else',
      'cmi.core.student_name': 'Forged',
      'cmi.core.credit': 'no-credit',
      'cmi.core.entry': 'resume',
      'cmi.core.lesson_mode': 'review',
      'cmi.core.total_time': '9999:00:00',
      'cmi.launch_data': 'x',
      'cmi.comments_from_lms': 'x',
      'cmi.student_data.mastery_score': '0',
      'cmi.interactions._count': '3',
      'cmi.core._children': 'student_id,…',
      'cmi.core.session_time': '00:10:00',
      'cmi.objectives': {},
      'cmi.interactions.0.id': 'q1',
      'cmi.interactions.0.correct_responses': {},
    });
    expect(result).toEqual({
      ok: true,
      state: { 'cmi.core.session_time': '00:10:00', 'cmi.interactions.0.id': 'q1' },
      ignored: [
        'cmi.core.student_id',
        'cmi.core.student_name',
        'cmi.core.credit',
        'cmi.core.entry',
        'cmi.core.lesson_mode',
        'cmi.core.total_time',
        'cmi.launch_data',
        'cmi.comments_from_lms',
        'cmi.student_data.mastery_score',
        'cmi.interactions._count',
        'cmi.core._children',
        'cmi.objectives',
        'cmi.interactions.0.correct_responses',
      ],
    });
  });

  it('ignores the 2004 LMS values too', () => {
    const result = validateCommit('2004', {
      'cmi.learner_id': 'someone-else',
      'cmi.learner_name': 'Forged',
      'cmi.credit': 'credit',
      'cmi.entry': 'resume',
      'cmi.mode': 'normal',
      'cmi.total_time': 'PT100H',
      'cmi.completion_threshold': '0',
      'cmi.scaled_passing_score': '-1',
      'cmi.max_time_allowed': '',
      'cmi.time_limit_action': 'continue,no message',
      'cmi.comments_from_lms': {},
      'cmi.comments_from_lms.0.comment': 'forged',
      'cmi._version': '1.0',
      'cmi.session_time': 'PT5M',
    });
    expect(result.ok && result.state).toEqual({ 'cmi.session_time': 'PT5M' });
    expect(result.ok && result.ignored).toHaveLength(13);
  });

  it.each([
    ['1.2', 'cmi.core.favourite_colour', 'is not an element of the SCORM 1.2 data model'],
    ['1.2', 'cmi.location', 'is a SCORM 2004 element; this package uses SCORM 1.2'],
    ['2004', 'cmi.core.lesson_status', 'is a SCORM 1.2 element; this package uses SCORM 2004'],
    ['2004', 'adl.nav.request', 'is not an element of the SCORM 2004 data model'],
    ['2004', 'cmi.interactions.n.id', 'is not an element of the SCORM 2004 data model'],
    ['2004', 'cmi.interactions.01.id', 'is not an element of the SCORM 2004 data model'],
    ['2004', 'cmi.interactions.0', 'is not an element of the SCORM 2004 data model'],
    ['2004', 'cmi.score', 'is not an element of the SCORM 2004 data model'],
    ['2004', '__proto__', 'is not an element of the SCORM 2004 data model'],
    ['2004', 'cmi.location', null],
  ] as const)('%s: %s %s', (version, element, problem) => {
    const flat = JSON.parse(`{${JSON.stringify(element)}: "x"}`) as unknown;
    const result = validateCommit(version, flat);
    expect(problems(result)).toEqual(problem === null ? [] : [`${element}: ${problem}`]);
  });

  it('refuses an empty-array marker where there is no array', () => {
    expect(problems(validateCommit('2004', { 'cmi.score': {} }))).toEqual([
      'cmi.score: is not an element of the SCORM 2004 data model',
    ]);
  });

  it.each([
    [null, 'null'],
    [[{ 'cmi.location': 'x' }], 'a list'],
    ['cmi.location=x', 'a string'],
    [42, 'a number'],
    [undefined, 'nothing'],
    [new Map([['cmi.location', 'x']]), 'an object'],
  ])('refuses a body that is not an object of elements: %j', (body, what) => {
    expect(problems(validateCommit('2004', body))).toEqual([
      `(commit): must be a JSON object of CMI elements and their values, not ${what}`,
    ]);
  });
});

describe('validateCommit: arrays and size', () => {
  it('needs array entries numbered from 0 without gaps', () => {
    const result = validateCommit('2004', {
      'cmi.interactions.0.id': 'q0',
      'cmi.interactions.1.id': 'q1',
      'cmi.interactions.5.id': 'q5',
      'cmi.interactions.0.objectives.1.id': 'o1',
    });
    expect(problems(result)).toEqual([
      'cmi.interactions: has entry 5 but not entry 2: entries must be numbered from 0 without gaps',
      'cmi.interactions.0.objectives: has entry 1 but not entry 0: entries must be numbered from 0 without gaps',
    ]);
  });

  it('takes entries in any order', () => {
    const state = { 'cmi.objectives.1.id': 'b', 'cmi.objectives.0.id': 'a' };
    expect(validateCommit('1.2', state)).toEqual({ ok: true, state, ignored: [] });
  });

  it('keeps at most 1,000 interactions and 1,000 objectives', () => {
    const interactions = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`cmi.interactions.${i}.id`, `q${i}`]));
    expect(validateCommit('1.2', interactions(1000)).ok).toBe(true);
    expect(problems(validateCommit('1.2', interactions(1001)))).toEqual([
      'cmi.interactions: has an entry numbered 1000; at most 1,000 entries (0–999) are kept',
    ]);
    expect(problems(validateCommit('2004', { 'cmi.objectives.4000000.id': 'o' }))).toEqual([
      'cmi.objectives: has an entry numbered 4000000; at most 1,000 entries (0–999) are kept',
    ]);
  });

  it('refuses a commit whose values add up to more than 1 MB', () => {
    // 250 interactions × 4,096 characters = 1,024,000 bytes.
    const flat = Object.fromEntries(
      Array.from({ length: 250 }, (_, i) => [`cmi.interactions.${i}.student_response`, long(4096)]),
    );
    expect(problems(validateCommit('1.2', flat))).toEqual([
      '(commit): is larger than 1,000,000 bytes of values; nothing was saved',
    ]);
    // Ignored values do not count: 300 comments from the LMS of 4,000 characters are 1.2 MB.
    const echoed = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`cmi.comments_from_lms.${i}.comment`, long(4000)]),
    );
    expect(validateCommit('2004', echoed).ok).toBe(true);
  });

  it('refuses a commit with too many elements before looking at them', () => {
    const flat = Object.fromEntries(Array.from({ length: MAX_COMMIT_ELEMENTS + 1 }, (_, i) => [`x${i}`, '']));
    expect(problems(validateCommit('2004', flat))).toEqual([
      '(commit): has 50,001 elements; at most 50,000 are accepted',
    ]);
  });

  it('lists the first 50 problems and counts the rest', () => {
    const flat = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`cmi.objectives.${i}.status`, 'bad']));
    const result = problems(validateCommit('1.2', flat));
    expect(result).toHaveLength(51);
    expect(result.at(-1)).toBe('(commit): has 30 more problems');
  });
});

describe('stateForLaunch', () => {
  it('leaves out what describes the session that sent the state', () => {
    expect(
      stateForLaunch('1.2', {
        'cmi.core.session_time': '00:10:00',
        'cmi.core.exit': 'suspend',
        'cmi.suspend_data': 'x',
      }),
    ).toEqual({ 'cmi.suspend_data': 'x' });
    expect(
      stateForLaunch('2004', { 'cmi.session_time': 'PT10M', 'cmi.exit': 'suspend', 'cmi.location': 'p3' }),
    ).toEqual({ 'cmi.location': 'p3' });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
