import { describe, expect, it } from 'vitest';
import type { Activity } from '../courses/schema.ts';
import { retakeDecision } from './retake.ts';

type Scorm = Extract<Activity, { kind: 'scorm' }>;
const title = { lv: 'Modulis', en: 'Module' };
const activity = (rules: Partial<Pick<Scorm, 'attempts' | 'retake'>> = {}): Scorm => ({
  id: 'm',
  kind: 'scorm',
  package: 'm.zip',
  title,
  required: true,
  ...rules,
});
const attempt = (number: number, completion: 'completed' | 'incomplete', success: 'passed' | 'failed' | 'unknown') => ({
  number,
  completion,
  success,
});

describe('retakeDecision', () => {
  it('never replaces an unfinished attempt, and needs one to follow', () => {
    expect(retakeDecision(activity(), attempt(1, 'incomplete', 'unknown'))).toEqual({
      allowed: false,
      reason: 'scorm.error.attemptOpen',
    });
    expect(retakeDecision(activity(), null)).toEqual({ allowed: false, reason: 'scorm.error.noAttempt' });
  });

  it('allows any number of attempts after finished ones when the course sets no rule', () => {
    expect(retakeDecision(activity(), attempt(7, 'completed', 'passed'))).toEqual({ allowed: true, left: null });
    expect(retakeDecision(activity(), attempt(1, 'incomplete', 'passed'))).toEqual({ allowed: true, left: null });
  });

  it('counts attempts against the course’s limit', () => {
    const limited = activity({ attempts: 3 });
    expect(retakeDecision(limited, attempt(1, 'completed', 'failed'))).toEqual({ allowed: true, left: 2 });
    expect(retakeDecision(limited, attempt(2, 'completed', 'failed'))).toEqual({ allowed: true, left: 1 });
    expect(retakeDecision(limited, attempt(3, 'completed', 'failed'))).toEqual({
      allowed: false,
      reason: 'scorm.error.noAttemptsLeft',
    });
  });

  it('with retake: until-passed, allows a new attempt only while the activity is not complete', () => {
    const untilPassed = activity({ retake: 'until-passed' });
    expect(retakeDecision(untilPassed, attempt(1, 'completed', 'failed')).allowed).toBe(true);
    for (const done of [attempt(1, 'completed', 'passed'), attempt(1, 'completed', 'unknown')]) {
      expect(retakeDecision(untilPassed, done)).toEqual({ allowed: false, reason: 'scorm.error.alreadyPassed' });
    }
  });
});
