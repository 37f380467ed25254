import type { CmiVersion, NumberType, ValueType } from './data-model.ts';
import { isTimespan } from './timespan.ts';

/**
 * Checks of single values against the data model's types. Each returns null when the value is
 * fine, else what is wrong, in words for the person reading a refused commit.
 */

/** Line breaks: scorm-again tests several types with `.`, which matches none of these. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** 2004 `{lang=…}` tag (RTE 4.2, localized_string_type), read as scorm-again reads it. */
const LANG_TAG = /^\{lang=(?:[a-zA-Z]{1,8}|i|x)(?:-[a-zA-Z0-9-]{2,8})?\}/;
/** 2004 language_type (RFC 3066), as scorm-again reads it. */
const LANGUAGE = /^(?:[a-zA-Z]{1,8}|i|x)(?:-[a-zA-Z0-9-]{2,8})?$/;

/** 1.2 CMIIdentifier: printable ASCII without spaces, at most 255. */
// CMIIdentifier says no spaces, but authoring tools write ids such as "Question 1" and scorm-again
// accepts them: refusing would lose the learner's whole commit, so printable ASCII with spaces passes.
const IDENTIFIER_12 = /^[\x20-\x7e]{1,255}$/;
/** 2004 long_identifier_type: a URI, so no white space; a URN has a namespace (RFC 2141). */
const LONG_IDENTIFIER = /^\S{1,4000}$/;
const URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i;
/** 2004 short_identifier_type (SPM 250): the URI characters scorm-again allows, and a letter or digit. */
const SHORT_IDENTIFIER = /^(?=.*\w)[\w\-()+.:=@;$!*'%/#]{1,250}$/;

/** 1.2 CMITime: a clock time `HH:MM:SS.SS`. */
const CLOCK_TIME_12 = /^(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,2})?$/;
/**
 * 2004 time(second,10,2): `YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]]`, years 1970 onwards. The
 * spec keeps hundredths; scorm-again takes up to 6 decimals (what `toISOString()` writes), so
 * Tilts does too. The zone designator comes only after a fraction, as the spec's form nests it.
 */
const DATE_TIME_2004 =
  /^(?:19[7-9]\d|[2-9]\d{3})(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01])(?:T(?:[01]\d|2[0-3])(?::[0-5]\d(?::[0-5]\d(?:\.\d{1,6}(?:Z|[+-](?:[01]\d|2[0-3])(?::[0-5]\d)?)?)?)?)?)?)?)?$/;

const count = (n: number) => n.toLocaleString('en');

export function checkText(value: string, max: number, singleLine = false): string | null {
  if (value.length > max) return `is ${count(value.length)} characters long; at most ${count(max)} are allowed`;
  if (singleLine && LINE_BREAK.test(value)) return 'contains a line break; it must be a single line';
  return null;
}

/** 2004 localized_string_type: `{lang=xx}` then the text; the limit is for the text. */
export function checkLocalized(value: string, max: number): string | null {
  const tag = LANG_TAG.exec(value)?.[0] ?? '';
  const rest = value.slice(tag.length);
  if (rest.startsWith('{')) {
    return tag
      ? 'has a second "{" right after its {lang=…} tag'
      : 'starts with "{" but not with a valid {lang=…} language tag';
  }
  return checkText(rest, max, true);
}

export function checkNumber(value: string, type: NumberType, version: CmiVersion): string | null {
  const sign = type.min === undefined || type.min < 0 ? '-?' : '';
  // 1.2 CMIDecimal has no limit on decimals; scorm-again's 2004 real takes 18. Tilts: 18 for both.
  const fraction = type.integer ? '' : '(?:\\.\\d{1,18})?';
  if (!new RegExp(`^${sign}\\d{1,${type.digits}}${fraction}$`).test(value)) {
    const what = type.integer ? 'a whole number' : version === '1.2' ? 'a decimal number' : 'a real number';
    return `"${clip(value)}" is not ${what} (digits${type.integer ? '' : ' with an optional decimal point'}${sign ? ', optionally negative' : ''}, at most ${type.digits} before the point)`;
  }
  const n = Number(value);
  if ((type.min !== undefined && n < type.min) || (type.max !== undefined && n > type.max)) {
    return `is ${value}; it must be ${rangeText(type)}`;
  }
  return type.positive && n === 0 ? 'is 0; it must be more than 0' : null;
}

function rangeText(type: NumberType): string {
  if (type.min !== undefined && type.max !== undefined) return `between ${type.min} and ${type.max}`;
  return type.min !== undefined ? `at least ${type.min}` : `at most ${type.max}`;
}

export function checkIdentifier(value: string, version: CmiVersion): string | null {
  if (version === '1.2') {
    if (value.length > 255) return `is ${count(value.length)} characters long; an identifier has at most 255`;
    return IDENTIFIER_12.test(value) ? null : `"${clip(value)}" is not an identifier: only printable ASCII`;
  }
  if (value.length > 4000) return `is ${count(value.length)} characters long; an identifier has at most 4,000`;
  if (!LONG_IDENTIFIER.test(value)) return `"${clip(value)}" is not an identifier: it must not contain white space`;
  if (/^urn:/i.test(value) && !URN.test(value)) return `"${clip(value)}" is not a URN of the form urn:<namespace>:<id>`;
  return null;
}

export const isShortIdentifier = (value: string) => SHORT_IDENTIFIER.test(value);

/** One value against its element's type (not `response`, which needs the interaction's type). */
export function checkValue(version: CmiVersion, type: ValueType, value: string): string | null {
  switch (type.kind) {
    case 'text':
      return checkText(value, type.max, type.singleLine);
    case 'localized':
      return checkLocalized(value, type.max);
    case 'vocabulary':
      if (type.values.includes(value)) return null;
      if (type.orNumber && checkNumber(value, type.orNumber, version) === null) return null;
      return `"${clip(value)}" is not one of ${type.values.filter((v) => v).join(', ')}${type.orNumber ? ' or a number' : ''}`;
    case 'number':
      return checkNumber(value, type, version);
    case 'timespan':
      if (isTimespan(version, value)) return null;
      return version === '1.2'
        ? `"${clip(value)}" is not a timespan HHHH:MM:SS.SS (2–4 digits of hours, up to 2 decimals of a second)`
        : `"${clip(value)}" is not an ISO 8601 duration such as PT1H30M5.25S`;
    case 'time':
      if (version === '1.2') {
        return CLOCK_TIME_12.test(value) ? null : `"${clip(value)}" is not a clock time HH:MM:SS.SS`;
      }
      return DATE_TIME_2004.test(value) ? null : `"${clip(value)}" is not a date and time such as 2024-05-01T12:30:00`;
    case 'identifier':
      return checkIdentifier(value, version);
    case 'language':
      return LANGUAGE.test(value) ? null : `"${clip(value)}" is not a language code such as lv or en-GB`;
    case 'response':
    case 'keyword':
      throw new Error(`checkValue cannot check a ${type.kind}`);
  }
}

/** A value quoted in a message: long enough to recognise, short enough to read. */
export function clip(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}…` : flat;
}
