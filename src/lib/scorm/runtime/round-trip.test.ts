import { describe, expect, it } from 'vitest';
import type Scorm12Api from 'scorm-again/scorm12';
import type Scorm2004Api from 'scorm-again/scorm2004';
import * as scorm12 from 'scorm-again/scorm12';
import * as scorm2004 from 'scorm-again/scorm2004';
import { DATA_MODELS, elementPattern, type CmiVersion } from './data-model.ts';
import { stateForLaunch, validateCommit } from './validate-commit.ts';

// scorm-again 3.4.3's type declarations give each entry point a default export; its ESM build
// exports the class by name only (`export { Scorm12API }`), which is what runs.
const { Scorm12API } = scorm12 as unknown as { Scorm12API: typeof Scorm12Api };
const { Scorm2004API } = scorm2004 as unknown as { Scorm2004API: typeof Scorm2004Api };

/**
 * The whole path of a SCO's state: scorm-again in the browser (it runs in plain Node: it touches
 * `window` only for offline storage and sequencing events, which these tests do not use), the
 * commit's flattened CMI through `validateCommit`, and the stored state back into a fresh API
 * with `loadFromFlattenedJSON` at the next launch.
 */

const suspendData = 'Storyline resume data · '.repeat(2700).slice(0, 64_000);

/** What a Storyline-like SCORM 1.2 SCO writes during a session. */
function session12(api: Scorm12Api): void {
  const set = (element: string, value: string) => expect(api.LMSSetValue(element, value), element).toBe('true');
  set('cmi.core.lesson_location', 'slide-12');
  set('cmi.suspend_data', suspendData);
  set('cmi.core.score.raw', '85');
  set('cmi.core.score.min', '0');
  set('cmi.core.score.max', '100');
  set('cmi.core.lesson_status', 'passed');
  set('cmi.comments', 'Great course');
  set('cmi.student_preference.language', 'lv');
  set('cmi.student_preference.audio', '80');
  for (const i of [0, 1, 2]) {
    set(`cmi.interactions.${i}.id`, `Scene1_Slide${i}_MultiChoice_0_0`);
    set(`cmi.interactions.${i}.type`, 'choice');
    set(`cmi.interactions.${i}.time`, '12:34:56');
    set(`cmi.interactions.${i}.weighting`, '1');
    set(`cmi.interactions.${i}.student_response`, 'b,c');
    set(`cmi.interactions.${i}.correct_responses.0.pattern`, 'b,c');
    set(`cmi.interactions.${i}.result`, i === 1 ? 'wrong' : 'correct');
    set(`cmi.interactions.${i}.latency`, '00:00:07.5');
    set(`cmi.interactions.${i}.objectives.0.id`, 'obj_1');
  }
  set('cmi.objectives.0.id', 'obj_1');
  set('cmi.objectives.0.status', 'passed');
  set('cmi.objectives.0.score.raw', '90');
  set('cmi.core.exit', 'suspend');
  set('cmi.core.session_time', '0000:12:34.50');
}

/** What a Storyline-like SCORM 2004 SCO writes during a session. */
function session2004(api: Scorm2004Api): void {
  const set = (element: string, value: string) => expect(api.SetValue(element, value), element).toBe('true');
  set('cmi.location', 'slide-12');
  set('cmi.suspend_data', suspendData);
  set('cmi.score.scaled', '0.85');
  set('cmi.score.raw', '85');
  set('cmi.score.min', '0');
  set('cmi.score.max', '100');
  set('cmi.completion_status', 'completed');
  set('cmi.success_status', 'passed');
  set('cmi.progress_measure', '1');
  set('cmi.learner_preference.language', 'lv');
  set('cmi.interactions.0.id', 'urn:scormdriver:Question_1');
  set('cmi.interactions.0.type', 'choice');
  set('cmi.interactions.0.description', 'Who should interpret?');
  set('cmi.interactions.0.timestamp', '2024-05-01T12:34:56.1Z');
  set('cmi.interactions.0.weighting', '1');
  set('cmi.interactions.0.learner_response', 'interpreter');
  set('cmi.interactions.0.correct_responses.0.pattern', 'interpreter');
  set('cmi.interactions.0.result', 'correct');
  set('cmi.interactions.0.latency', 'PT7.5S');
  set('cmi.interactions.0.objectives.0.id', 'obj-1');
  set('cmi.interactions.1.id', 'urn:scormdriver:Question_2');
  set('cmi.interactions.1.type', 'matching');
  set('cmi.interactions.1.learner_response', 'hall[.]context[,]hofstede[.]dimensions');
  set('cmi.interactions.1.result', 'incorrect');
  set('cmi.interactions.2.id', 'urn:scormdriver:Question_3');
  set('cmi.interactions.2.type', 'fill-in');
  set('cmi.interactions.2.learner_response', 'teach-back');
  set('cmi.interactions.2.correct_responses.0.pattern', '{case_matters=false}teach-back');
  set('cmi.interactions.2.result', '0.5');
  set('cmi.objectives.0.id', 'obj-1');
  set('cmi.objectives.0.score.scaled', '0.9');
  set('cmi.objectives.0.success_status', 'passed');
  set('cmi.objectives.0.completion_status', 'completed');
  set('cmi.objectives.0.description', 'Knows when to call an interpreter');
  set('cmi.comments_from_learner.0.comment', '{lang=en}Useful examples');
  set('cmi.comments_from_learner.0.location', 'slide-3');
  set('cmi.comments_from_learner.0.timestamp', '2024-05-01T12:00:00');
  set('cmi.exit', 'suspend');
  set('cmi.session_time', 'PT12M34.5S');
}

function newApi(version: CmiVersion): Scorm12Api | Scorm2004Api {
  return version === '1.2' ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
}

function getValue(api: Scorm12Api | Scorm2004Api, element: string): string {
  return api instanceof Scorm12API ? api.LMSGetValue(element) : api.GetValue(element);
}

/** What a SCO reads back: everything it may read (read-write; 1.2 interactions are write-only). */
function readable(version: CmiVersion, element: string): boolean {
  const pattern = elementPattern(element) ?? '';
  return DATA_MODELS[version].elements.get(pattern)?.access === 'read-write';
}

describe.each(['1.2', '2004'] as const)('SCORM %s through scorm-again', (version) => {
  function firstSession(): Record<string, string> {
    const api = newApi(version);
    if (api instanceof Scorm12API) {
      api.LMSInitialize('');
      session12(api);
    } else {
      api.Initialize('');
      session2004(api);
    }
    const result = validateCommit(version, api.getFlattenedCMI());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.state;
  }

  it('validates what scorm-again commits, and loads it back unchanged', () => {
    const state = firstSession();
    expect(state['cmi.suspend_data']).toHaveLength(64_000);

    const launch = stateForLaunch(version, state);
    const api = newApi(version);
    api.loadFromFlattenedJSON(launch);
    expect(api instanceof Scorm12API ? api.LMSInitialize('') : api.Initialize('')).toBe('true');

    const reread = Object.keys(launch).filter((element) => readable(version, element));
    expect(reread.length).toBeGreaterThan(10);
    for (const element of reread) expect(getValue(api, element), element).toBe(launch[element]);
    // Write-only elements (1.2 interactions) cannot be read by the SCO; the next commit carries them.
    const again = validateCommit(version, api.getFlattenedCMI());
    expect(again.ok && stateForLaunch(version, again.state)).toEqual(launch);
  });

  it('counts the array entries it loads', () => {
    const api = newApi(version);
    api.loadFromFlattenedJSON(stateForLaunch(version, firstSession()));
    if (api instanceof Scorm12API) api.LMSInitialize('');
    else api.Initialize('');
    expect(getValue(api, 'cmi.interactions._count')).toBe('3');
    expect(getValue(api, 'cmi.objectives._count')).toBe('1');
  });

  it('would report a loaded session time and exit again: the launch leaves them out', () => {
    const state = firstSession();
    const [sessionTime, exit] =
      version === '1.2' ? ['cmi.core.session_time', 'cmi.core.exit'] : ['cmi.session_time', 'cmi.exit'];
    const echoing = newApi(version);
    echoing.loadFromFlattenedJSON(state);
    expect(echoing.getFlattenedCMI()[sessionTime]).toBe(state[sessionTime]);
    expect(echoing.getFlattenedCMI()[exit]).toBe('suspend');

    const fresh = newApi(version);
    fresh.loadFromFlattenedJSON(stateForLaunch(version, state));
    expect(fresh.getFlattenedCMI()[sessionTime]).toBe(version === '1.2' ? '00:00:00' : 'PT0H0M0S');
    expect(fresh.getFlattenedCMI()[exit]).toBe('');
  });
});
