import { Buffer } from 'node:buffer';
import { DATA_MODELS, SESSION_ELEMENTS, elementPattern, type CmiVersion, type DataModel } from './data-model.ts';
import { checkValue } from './formats.ts';
import { checkLearnerResponse, checkPattern } from './responses.ts';

/**
 * Validation of one commit from the player: the learner's CMI state in scorm-again's flattened
 * form (`api.getFlattenedCMI()`: `{"cmi.core.lesson_location": "page3", "cmi.interactions.0.id":
 * "q1", …}`). What passes is what the server stores and what the player later hands back to
 * `api.loadFromFlattenedJSON()` (see `stateForLaunch`), so a value is refused when it breaks
 * the spec or when scorm-again would refuse to load it.
 */

export interface CommitError {
  /** The element as sent (`cmi.interactions.3.result`), or `(commit)` for the whole body. */
  element: string;
  problem: string;
}

export type CommitResult =
  { ok: true; state: Record<string, string>; ignored: string[] } | { ok: false; errors: CommitError[] };

/** All values together, in UTF-8: 64,000 characters of suspend data and a long interaction journal fit easily. */
export const MAX_COMMIT_BYTES = 1_000_000;
/** Elements in one commit: 1,000 interactions of about ten elements each and as many objectives fit. */
export const MAX_COMMIT_ELEMENTS = 50_000;
/** A forged commit could fail on every element: the first ones are enough to see what is wrong. */
const MAX_ERRORS = 50;

const WHOLE = '(commit)';

export function validateCommit(version: CmiVersion, flat: unknown): CommitResult {
  if (!isPlainObject(flat)) {
    return refuse(WHOLE, `must be a JSON object of CMI elements and their values, not ${describe(flat)}`);
  }
  const entries = Object.entries(flat);
  if (entries.length > MAX_COMMIT_ELEMENTS) {
    return refuse(WHOLE, `has ${count(entries.length)} elements; at most ${count(MAX_COMMIT_ELEMENTS)} are accepted`);
  }
  const model = DATA_MODELS[version];
  const errors = new Errors();
  const state: Record<string, string> = {};
  const ignored: string[] = [];
  let bytes = 0;

  for (const [name, raw] of entries) {
    const pattern = elementPattern(name);
    // scorm-again writes an empty array as `{}` ("cmi.objectives": {}): nothing to keep.
    if (pattern !== null && isEmptyContainer(raw) && model.arrays.has(pattern)) {
      ignored.push(name);
      continue;
    }
    const spec = pattern === null ? undefined : model.elements.get(pattern);
    if (!spec) {
      errors.add(name, unknownElement(version, pattern));
      continue;
    }
    const value = normalise(raw);
    if (value === null) {
      errors.add(name, `must be text, not ${describe(raw)}`);
      continue;
    }
    // The LMS's own values (learner id, credit, entry, total time, mastery score, _count…) come
    // from the LMS at launch: what the browser echoes back is never taken.
    if (spec.access === 'read-only') {
      ignored.push(name);
      continue;
    }
    bytes += Buffer.byteLength(value, 'utf8');
    if (bytes > MAX_COMMIT_BYTES) {
      return refuse(WHOLE, `is larger than ${count(MAX_COMMIT_BYTES)} bytes of values; nothing was saved`);
    }
    // An empty value is "not set": scorm-again reports unset elements so and skips them on load.
    const problem = value === '' || spec.type.kind === 'response' ? null : checkValueOnce(version, spec.type, value);
    if (problem) errors.add(name, problem);
    else state[name] = value;
  }

  checkArrays(model, Object.keys(state), errors);
  if (version === '2004') checkInteractions2004(state, errors);
  return errors.list.length > 0 ? { ok: false, errors: errors.result() } : { ok: true, state, ignored };
}

/**
 * A SCO sends its whole state with every commit, so most values (interactions, objectives,
 * identifiers) arrive again unchanged every few seconds: short values are checked once per
 * process and type, and the verdict remembered (a bounded memo; the check is a pure function).
 */
const MEMO_VALUE_LENGTH = 256;
const MEMO_SIZE = 20_000;
const verdicts = new Map<string, Map<string, string | null>>();
const typeKeys = new WeakMap<object, string>();

function checkValueOnce(version: CmiVersion, type: Parameters<typeof checkValue>[1], value: string): string | null {
  if (value.length > MEMO_VALUE_LENGTH) return checkValue(version, type, value);
  // The same type object serves both versions (whose formats differ): the version is part of the key.
  let typeKey = typeKeys.get(type);
  if (typeKey === undefined) {
    typeKey = JSON.stringify(type);
    typeKeys.set(type, typeKey);
  }
  const key = `${version}:${typeKey}`;
  let memo = verdicts.get(key);
  if (!memo) {
    memo = new Map();
    verdicts.set(key, memo);
  }
  const known = memo.get(value);
  if (known !== undefined) return known;
  const verdict = checkValue(version, type, value);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value ?? '');
  memo.set(value, verdict);
  return verdict;
}

/**
 * The stored state as the player should load it at the next launch: without the elements that
 * describe the session that sent them (session time, exit). scorm-again keeps whatever it loads
 * and reports it again in every commit, so a loaded session time would be counted twice.
 */
export function stateForLaunch(version: CmiVersion, state: Record<string, string>): Record<string, string> {
  const session = new Set(SESSION_ELEMENTS[version]);
  return Object.fromEntries(Object.entries(state).filter(([name]) => !session.has(name)));
}

// ---------------------------------------------------------------------------------------------

/**
 * Arrays must be numbered 0, 1, 2… without gaps: scorm-again creates entry n only after n − 1
 * and silently drops the rest. And each is bounded, so that a forged commit cannot grow a row.
 */
function checkArrays(model: DataModel, names: string[], errors: Errors): void {
  const arrays = new Map<string, { pattern: string; indices: Set<number> }>();
  for (const name of names) {
    const parts = name.split('.');
    const pattern: string[] = [];
    parts.forEach((part, i) => {
      if (!/^\d+$/.test(part)) {
        pattern.push(part);
        return;
      }
      const array = parts.slice(0, i).join('.');
      const entry = arrays.get(array) ?? { pattern: pattern.join('.'), indices: new Set<number>() };
      entry.indices.add(Number(part));
      arrays.set(array, entry);
      pattern.push('n');
    });
  }
  for (const [array, { pattern, indices }] of arrays) {
    const max = model.arrays.get(pattern)?.max ?? 0;
    const highest = Math.max(...indices);
    if (highest >= max) {
      errors.add(array, `has an entry numbered ${highest}; at most ${count(max)} entries (0–${max - 1}) are kept`);
      continue;
    }
    if (highest + 1 !== indices.size) {
      let missing = 0;
      while (indices.has(missing)) missing++;
      errors.add(array, `has entry ${highest} but not entry ${missing}: entries must be numbered from 0 without gaps`);
    }
  }
}

/**
 * SCORM 2004 responses (RTE 4.2.9.1, 4.2.9.2) mean something only under the interaction's type:
 * scorm-again throws when it loads one without a type or in the wrong format. (An interaction or
 * objective without an id is kept: scorm-again creates one when a SCO sets an element before the
 * id, refuses the value with error 408, and loads such an entry without complaint.)
 */
function checkInteractions2004(state: Record<string, string>, errors: Errors): void {
  for (const name of Object.keys(state)) {
    const response = /^(cmi\.interactions\.\d+)\.(learner_response|correct_responses\.\d+\.pattern)$/.exec(name);
    if (!response) continue;
    const [, interaction = '', element = ''] = response;
    const value = state[name] ?? '';
    if (value === '') continue;
    const type = state[`${interaction}.type`] ?? '';
    if (type === '') {
      errors.add(name, `needs ${interaction}.type: the format of a response depends on the interaction's type`);
      continue;
    }
    const problem = element === 'learner_response' ? checkLearnerResponse(type, value) : checkPattern(type, value);
    if (problem) errors.add(name, problem);
  }
}

// ---------------------------------------------------------------------------------------------

class Errors {
  list: CommitError[] = [];
  private more = 0;

  add(element: string, problem: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push({ element, problem });
    else this.more++;
  }

  result(): CommitError[] {
    const more = this.more > 0 ? [{ element: WHOLE, problem: `has ${count(this.more)} more problems` }] : [];
    return [...this.list, ...more];
  }
}

const refuse = (element: string, problem: string): CommitResult => ({ ok: false, errors: [{ element, problem }] });

function unknownElement(version: CmiVersion, pattern: string | null): string {
  const other: CmiVersion = version === '1.2' ? '2004' : '1.2';
  if (pattern !== null && DATA_MODELS[other].elements.has(pattern)) {
    return `is a SCORM ${other} element; this package uses SCORM ${version}`;
  }
  return `is not an element of the SCORM ${version} data model`;
}

/**
 * Values as scorm-again would hold them: it turns whatever a SCO sets into a string
 * (`String(value)`), and renders an unset value as null, which it skips on load like "".
 */
function normalise(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : null;
  if (typeof raw === 'boolean') return String(raw);
  if (raw === null || raw === undefined) return '';
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const isEmptyContainer = (value: unknown) =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 0;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const count = (n: number) => n.toLocaleString('en');
