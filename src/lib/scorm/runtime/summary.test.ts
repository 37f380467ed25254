import { describe, expect, it } from 'vitest';
import { formatTimespan, parseTimespan, summariseCmi, type CmiSummary, type SummaryRules } from './summary.ts';

type Status = Pick<CmiSummary, 'completion' | 'success'>;
const status = (completion: CmiSummary['completion'], success: CmiSummary['success']): Status => ({
  completion,
  success,
});

// [case, lesson_status, score.raw, mastery score, completion + success].
const cases12: [string, string | undefined, string, number | null, Status][] = [
  ['passed', 'passed', '', null, status('completed', 'passed')],
  ['failed is finished, not mastered', 'failed', '', null, status('completed', 'failed')],
  ['completed', 'completed', '', null, status('completed', 'unknown')],
  ['incomplete', 'incomplete', '', null, status('incomplete', 'unknown')],
  ['browsed', 'browsed', '', null, status('incomplete', 'unknown')],
  ['not attempted', 'not attempted', '', null, status('not attempted', 'unknown')],
  ['no status at all', undefined, '', null, status('unknown', 'unknown')],
  ['a score without a mastery score decides nothing', 'completed', '40', null, status('completed', 'unknown')],
  ['mastery: completed at the mastery score passes', 'completed', '80', 80, status('completed', 'passed')],
  ['mastery: completed below it fails', 'completed', '79.5', 80, status('completed', 'failed')],
  ['mastery overrides a SCO that says passed', 'passed', '50', 80, status('completed', 'failed')],
  ['mastery overrides a SCO that says failed', 'failed', '95', 80, status('completed', 'passed')],
  ['mastery completes a SCO that reports only a score', 'not attempted', '90', 80, status('completed', 'passed')],
  ['mastery leaves an incomplete SCO alone', 'incomplete', '90', 80, status('incomplete', 'unknown')],
  ['mastery needs a score', 'completed', '', 80, status('completed', 'unknown')],
  ['mastery score 0', 'completed', '0', 0, status('completed', 'passed')],
];

describe('summariseCmi: SCORM 1.2', () => {
  it.each(cases12)('%s', (_name, lessonStatus, raw, masteryScore, expected) => {
    const state = {
      ...(lessonStatus === undefined ? {} : { 'cmi.core.lesson_status': lessonStatus }),
      'cmi.core.score.raw': raw,
    };
    expect(summariseCmi('1.2', state, { masteryScore })).toMatchObject(expected);
  });

  it('reports score, location, exit and session time', () => {
    const summary = summariseCmi(
      '1.2',
      {
        'cmi.core.lesson_status': 'incomplete',
        'cmi.core.score.raw': '85.5',
        'cmi.core.score.min': '0',
        'cmi.core.score.max': '100',
        'cmi.core.lesson_location': 'slide-12',
        'cmi.core.exit': 'suspend',
        'cmi.core.session_time': '0001:02:03.45',
      },
      {},
    );
    expect(summary).toEqual({
      completion: 'incomplete',
      success: 'unknown',
      scoreRaw: 85.5,
      scoreMin: 0,
      scoreMax: 100,
      scoreScaled: null,
      location: 'slide-12',
      exit: 'suspend',
      sessionSeconds: 3723.45,
      progressMeasure: null,
    });
  });

  it('reads unset (empty) elements as nothing', () => {
    const summary = summariseCmi(
      '1.2',
      { 'cmi.core.score.raw': '', 'cmi.core.lesson_location': '', 'cmi.core.exit': '', 'cmi.core.session_time': '' },
      {},
    );
    expect(summary).toMatchObject({ scoreRaw: null, location: null, exit: null, sessionSeconds: 0 });
  });
});

// [case, state, rules, completion + success].
const cases2004: [string, Record<string, string>, SummaryRules, Status][] = [
  [
    'statuses as set',
    { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed' },
    {},
    status('completed', 'passed'),
  ],
  [
    'failed and incomplete',
    { 'cmi.completion_status': 'incomplete', 'cmi.success_status': 'failed' },
    {},
    status('incomplete', 'failed'),
  ],
  ['not attempted', { 'cmi.completion_status': 'not attempted' }, {}, status('not attempted', 'unknown')],
  [
    'unknown as set',
    { 'cmi.completion_status': 'unknown', 'cmi.success_status': 'unknown' },
    {},
    status('unknown', 'unknown'),
  ],
  ['nothing set', {}, {}, status('unknown', 'unknown')],
  [
    'threshold met by progress, whatever the SCO says',
    { 'cmi.completion_status': 'incomplete', 'cmi.progress_measure': '0.8' },
    { completionThreshold: 0.8 },
    status('completed', 'unknown'),
  ],
  [
    'threshold not met by progress, whatever the SCO says',
    { 'cmi.completion_status': 'completed', 'cmi.progress_measure': '0.79' },
    { completionThreshold: 0.8 },
    status('incomplete', 'unknown'),
  ],
  [
    'threshold without progress: the status as set',
    { 'cmi.completion_status': 'completed' },
    { completionThreshold: 0.8 },
    status('completed', 'unknown'),
  ],
  ['threshold without progress or status', {}, { completionThreshold: 0.8 }, status('unknown', 'unknown')],
  [
    'progress without a threshold: the status as set',
    { 'cmi.completion_status': 'incomplete', 'cmi.progress_measure': '1' },
    { completionThreshold: null },
    status('incomplete', 'unknown'),
  ],
  [
    'passing score met, whatever the SCO says',
    { 'cmi.success_status': 'failed', 'cmi.score.scaled': '0.7' },
    { scaledPassingScore: 0.7 },
    status('unknown', 'passed'),
  ],
  [
    'passing score not met, whatever the SCO says',
    { 'cmi.success_status': 'passed', 'cmi.score.scaled': '0.69' },
    { scaledPassingScore: 0.7 },
    status('unknown', 'failed'),
  ],
  ['negative passing score', { 'cmi.score.scaled': '-0.5' }, { scaledPassingScore: -0.6 }, status('unknown', 'passed')],
  [
    'passing score without a scaled score: the status as set',
    { 'cmi.success_status': 'passed', 'cmi.score.raw': '10' },
    { scaledPassingScore: 0.7 },
    status('unknown', 'passed'),
  ],
  [
    'scaled score without a passing score: the status as set',
    { 'cmi.success_status': 'failed', 'cmi.score.scaled': '1' },
    {},
    status('unknown', 'failed'),
  ],
  [
    'both thresholds',
    { 'cmi.progress_measure': '1', 'cmi.score.scaled': '0.5' },
    { completionThreshold: 1, scaledPassingScore: 0.6 },
    status('completed', 'failed'),
  ],
];

describe('summariseCmi: SCORM 2004', () => {
  it.each(cases2004)('%s', (_name, state, rules, expected) => {
    expect(summariseCmi('2004', state, rules)).toMatchObject(expected);
  });

  it('ignores a 1.2 mastery score', () => {
    expect(summariseCmi('2004', { 'cmi.score.raw': '10' }, { masteryScore: 80 }).success).toBe('unknown');
  });

  it('reports scores, progress, location, exit and session time', () => {
    const summary = summariseCmi(
      '2004',
      {
        'cmi.completion_status': 'completed',
        'cmi.success_status': 'passed',
        'cmi.score.scaled': '0.85',
        'cmi.score.raw': '85',
        'cmi.score.min': '0',
        'cmi.score.max': '100',
        'cmi.progress_measure': '1',
        'cmi.location': 'slide-12',
        'cmi.exit': 'normal',
        'cmi.session_time': 'PT1H2M3.45S',
      },
      {},
    );
    expect(summary).toEqual({
      completion: 'completed',
      success: 'passed',
      scoreRaw: 85,
      scoreMin: 0,
      scoreMax: 100,
      scoreScaled: 0.85,
      location: 'slide-12',
      exit: 'normal',
      sessionSeconds: 3723.45,
      progressMeasure: 1,
    });
  });
});

describe('parseTimespan', () => {
  it.each([
    ['1.2', '00:00:00', 0],
    ['1.2', '0000:12:34.5', 754.5],
    ['1.2', '01:02:03.45', 3723.45],
    ['1.2', '9999:59:59.99', 35_999_999.99],
    ['2004', 'PT0S', 0],
    ['2004', 'PT0H0M0S', 0],
    ['2004', 'PT12M34.5S', 754.5],
    ['2004', 'PT1H2M3.45S', 3723.45],
    ['2004', 'P1D', 86_400],
    ['2004', 'P1DT1S', 86_401],
    ['2004', 'P1Y2M', 365 * 86_400 + 60 * 86_400],
    ['2004', 'PT100H', 360_000],
    ['2004', 'PT0.1S', 0.1],
  ] as const)('%s %s = %d s', (version, value, seconds) => {
    expect(parseTimespan(version, value)).toBe(seconds);
  });

  it.each([
    ['1.2', ''],
    ['1.2', '1:02:03'],
    ['1.2', '00:60:00'],
    ['1.2', '00:00:00.123'],
    ['1.2', 'PT5S'],
    ['2004', ''],
    ['2004', 'P'],
    ['2004', 'PT'],
    ['2004', 'P1DT'],
    ['2004', 'P1W'],
    ['2004', 'PT1.5M'],
    ['2004', 'PT1.123S'],
    ['2004', '00:00:05'],
    ['2004', '-PT5S'],
  ] as const)('%s refuses %j', (version, value) => {
    expect(() => parseTimespan(version, value)).toThrow(RangeError);
  });
});

describe('formatTimespan', () => {
  it.each([
    ['1.2', 0, '0000:00:00.00'],
    ['1.2', 754.5, '0000:12:34.50'],
    ['1.2', 3723.45, '0001:02:03.45'],
    ['1.2', 59.999, '0000:01:00.00'],
    ['1.2', 100 * 3600, '0100:00:00.00'],
    ['1.2', 20_000 * 3600, '9999:59:59.99'],
    ['2004', 0, 'PT0H0M0S'],
    ['2004', 754.5, 'PT0H12M34.5S'],
    ['2004', 3723.45, 'PT1H2M3.45S'],
    ['2004', 0.1 + 0.2, 'PT0H0M0.3S'],
    ['2004', 59.999, 'PT0H1M0S'],
    ['2004', 30 * 86_400, 'PT720H0M0S'],
  ] as const)('%s %d s = %s', (version, seconds, text) => {
    expect(formatTimespan(version, seconds)).toBe(text);
  });

  it('reads back what it writes', () => {
    for (const seconds of [0, 0.01, 1, 59.99, 61.5, 3600, 86_399.99, 1_234_567.89]) {
      expect(parseTimespan('1.2', formatTimespan('1.2', seconds))).toBe(seconds);
      expect(parseTimespan('2004', formatTimespan('2004', seconds))).toBe(seconds);
    }
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d seconds', (seconds) => {
    expect(() => formatTimespan('2004', seconds)).toThrow(RangeError);
  });
});
