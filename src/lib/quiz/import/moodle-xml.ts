import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { entityDeclarationAt, SAFE_PARSER_OPTIONS } from '../../xml/safe-xml.ts';
import type { Bilingual } from '../schema.ts';
import {
  assemble,
  categoryFromPath,
  displayName,
  ImportError,
  MAX_IMPORT_BYTES,
  Refusal,
  type Draft,
  type Entry,
  type SourceText,
} from './draft.ts';
import { splitLanguages } from './multilang.ts';
import type { ImportReport } from './report.ts';
import {
  choiceShape,
  matchingShape,
  numericShape,
  orderingShape,
  shortShape,
  type NumericAnswer,
  type WeightedAnswer,
} from './shapes.ts';
import { decodeEntities, tidy, toPlain, type TextFormat } from './text.ts';

/** Why a file with a DOCTYPE is refused: entities are how XXE and "billion laughs" attacks work. */
export const DOCTYPE_REFUSED =
  'the file declares a DOCTYPE or entities, which Tilts never processes (XXE / entity expansion)';

/** Types Tilts has no counterpart for, each with the reason an author can act on. */
const UNSUPPORTED: Record<string, string> = {
  essay: 'essay questions need a human grader: not supported',
  description: 'a description asks nothing: not supported; put such text in a lesson',
  calculated:
    'calculated questions draw random values from datasets: not supported; write a numeric question with fixed values',
  calculatedsimple:
    'calculated questions draw random values from datasets: not supported; write a numeric question with fixed values',
  calculatedmulti:
    'calculated questions draw random values from datasets: not supported; write a single-choice question with fixed values',
  ddwtos: 'drag-and-drop into text is not supported; write a single-choice question (or a missing-word one) per gap',
  gapselect: 'select-missing-words questions are not supported; write a single-choice question per gap',
  ddimageortext: 'drag-and-drop onto an image is not supported',
  ddmarker: 'drag-and-drop markers on an image are not supported',
  multianswer:
    'embedded answers (Cloze) put several questions in one text: not supported; split it into separate questions',
  randomsamatch:
    'random short-answer matching is assembled from other questions at quiz time: not supported; write a matching question',
  random:
    'a random question is a quiz slot, not a question: not supported; Tilts quizzes draw questions from categories (quizzes.yaml)',
};

const FORMATS: Record<string, TextFormat> = {
  html: 'html',
  moodle_auto_format: 'moodle',
  plain_text: 'plain',
  markdown: 'markdown',
};

type XmlNode = Record<string | symbol, unknown>;

const isNode = (v: unknown): v is XmlNode => typeof v === 'object' && v !== null && !Array.isArray(v);

function all(node: unknown, name: string): unknown[] {
  if (!isNode(node)) return [];
  const v = node[name];
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

const first = (node: unknown, name: string): unknown => all(node, name)[0];

/** The text content of an element, XML references decoded once (HTML references are decoded with the markup). */
function textOf(node: unknown): string {
  if (typeof node === 'string') return decodeEntities(node);
  const text = isNode(node) ? node['#text'] : undefined;
  return typeof text === 'string' ? decodeEntities(text) : '';
}

function attr(node: unknown, name: string): string | undefined {
  const v = isNode(node) ? node[`@_${name}`] : undefined;
  return typeof v === 'string' ? decodeEntities(v) : undefined;
}

/** `<x format="html"><text>…</text></x>` as a source text; Moodle's default format is its auto-format. */
function rich(node: unknown, fallback: TextFormat = 'moodle'): SourceText | undefined {
  if (node === undefined) return undefined;
  return { raw: textOf(first(node, 'text')), format: FORMATS[attr(node, 'format') ?? ''] ?? fallback };
}

/** Does the element or anything inside it have a child of this name? */
function contains(node: unknown, name: string): boolean {
  if (Array.isArray(node)) return node.some((n) => contains(n, name));
  if (!isNode(node)) return false;
  return name in node || Object.values(node).some((v) => contains(v, name));
}

const fraction = (answer: unknown): number => Number(attr(answer, 'fraction') ?? 0) || 0;

function weighted(q: unknown): WeightedAnswer[] {
  return all(q, 'answer').map((a) => ({
    text: rich(a) ?? { raw: '', format: 'moodle' },
    weight: fraction(a),
    feedback: rich(first(a, 'feedback')),
  }));
}

const hasText = (node: unknown) => tidy(toPlain(rich(node)?.raw ?? '', 'html')) !== '';

function noteCombinedFeedback(d: Draft, q: unknown) {
  if (['correctfeedback', 'partiallycorrectfeedback', 'incorrectfeedback'].some((f) => hasText(first(q, f)))) {
    d.note("Moodle's feedback for a right, partly right or wrong response dropped: Tilts shows the general feedback");
  }
}

/** A unit such as "km" or "EUR" reads the same in both languages unless written with multilang. */
function unitOf(d: Draft, q: unknown): Bilingual | undefined {
  const units = all(first(q, 'units'), 'unit');
  if (units.length === 0) return undefined;
  const base = units.find((u) => Number(textOf(first(u, 'multiplier')) || 1) === 1) ?? units[0];
  if (units.length > 1) d.note('only the base unit is kept: Tilts does not convert between units');
  const raw = textOf(first(base, 'unit_name'));
  const split = splitLanguages(toPlain(raw, 'plain'));
  if (!('error' in split) && !split.marked) {
    const name = tidy(split.text);
    return name === '' ? undefined : { lv: name, en: name };
  }
  return d.optionalBilingual('the unit', { raw, format: 'plain' });
}

function numericAnswers(q: unknown): NumericAnswer[] {
  return all(q, 'answer').map((a) => {
    const value = textOf(first(a, 'text')).trim();
    const number = Number(value);
    if (value !== '*' && (value === '' || !Number.isFinite(number))) {
      throw new Refusal(`"${value}" is not a number (Moodle writes numbers with a decimal point)`);
    }
    return {
      value: value === '*' ? '*' : number,
      tolerance: Number(textOf(first(a, 'tolerance')) || 0) || 0,
      weight: fraction(a),
      hasFeedback: hasText(first(a, 'feedback')),
    };
  });
}

/** The items of a qtype_ordering question in their right order: by position (`fraction`), else as listed. */
function orderedItems(d: Draft, q: unknown): SourceText[] {
  const answers = all(q, 'answer').map((a, i) => ({
    text: rich(a) ?? { raw: '', format: 'moodle' as const },
    at: fraction(a),
    i,
  }));
  const positions = new Set(answers.map((a) => a.at));
  const byPosition = positions.size === answers.length && answers.every((a) => a.at > 0);
  const select = textOf(first(q, 'selecttype')).trim().toUpperCase();
  if (select !== '' && select !== 'ALL' && select !== '0') {
    d.note('Moodle showed learners a selection of the items; Tilts shows all of them');
  }
  const grading = textOf(first(q, 'gradingtype')).trim().toUpperCase();
  if (grading !== '' && grading !== 'ABSOLUTE_POSITION' && grading !== '0') {
    d.note(`Moodle's grading "${grading.toLowerCase()}" replaced by Tilts' credit per item in its right place`);
  }
  return (byPosition ? [...answers].sort((a, b) => a.at - b.at) : answers).map((a) => a.text);
}

type Shape = ReturnType<NonNullable<Entry['build']>>;

/** The type-specific part of a supported question. */
const SHAPES: Record<string, (d: Draft, q: unknown) => Shape> = {
  multichoice: (d, q) => {
    noteCombinedFeedback(d, q);
    const single = !/^(false|0)$/i.test(textOf(first(q, 'single')).trim());
    return choiceShape(d, weighted(q), single);
  },
  truefalse: (d, q) => {
    const answers = weighted(q);
    const find = (value: string) => answers.find((a) => tidy(toPlain(a.text.raw, 'html')).toLowerCase() === value);
    const yes = find('true');
    const no = find('false');
    if (!yes || !no) throw new Refusal('a true/false question needs the answers "true" and "false"');
    if (yes.weight < 99.99 && no.weight < 99.99)
      throw new Refusal('no correct answer: neither "true" nor "false" is 100 %');
    const feedbackTrue = d.optionalBilingual('the feedback for "true"', yes.feedback);
    const feedbackFalse = d.optionalBilingual('the feedback for "false"', no.feedback);
    return {
      type: 'true-false' as const,
      answer: yes.weight >= 99.99,
      ...(feedbackTrue ? { feedbackTrue } : {}),
      ...(feedbackFalse ? { feedbackFalse } : {}),
    };
  },
  shortanswer: (d, q) => {
    // Tilts always ignores case, so Moodle's "case matters" cannot be kept; say so.
    if (textOf(first(q, 'usecase')).trim() === '1')
      d.note('Moodle compared letter case (usecase); Tilts always ignores case');
    return shortShape(
      d,
      all(q, 'answer').map((a) => ({
        raw: textOf(first(a, 'text')),
        format: 'plain' as const,
        weight: fraction(a),
        hasFeedback: hasText(first(a, 'feedback')),
      })),
    );
  },
  numerical: (d, q) => numericShape(d, numericAnswers(q), unitOf(d, q)),
  matching: (d, q) => {
    noteCombinedFeedback(d, q);
    return matchingShape(
      d,
      all(q, 'subquestion').map((s) => ({
        prompt: rich(s) ?? { raw: '', format: 'moodle' },
        answer: { raw: textOf(first(first(s, 'answer'), 'text')), format: 'moodle' },
      })),
    );
  },
  ordering: (d, q) => {
    noteCombinedFeedback(d, q);
    return orderingShape(d, orderedItems(d, q));
  },
};

/** Line numbers from character offsets. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * CDATA sections as ordinary escaped text, so that an element's text is one string in document
 * order (the parser would keep CDATA and text apart). Comments are skipped so that a CDATA-like
 * string inside one is left alone. Line breaks are unchanged, so line numbers stay true.
 */
function cdataAsText(xml: string): string {
  return xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>/g, (whole, body: string | undefined) =>
    body === undefined ? whole : body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  );
}

/** The validator's message for elements left open reads like a JS array; say it in words. */
function readable(message: string): string {
  const open = /^Invalid '\[(.*)\]' found\.?$/s.exec(message);
  if (!open) return message;
  const names = [...(open[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => `<${m[1]}>`);
  return `the file ends with ${names.join(', ')} still open (cut off, or a closing tag is missing)`;
}

// A DOCTYPE is refused before this parser runs; text references (&amp;, &nbsp;) are decoded by
// our own map.
const parser = new XMLParser({
  ...SAFE_PARSER_OPTIONS,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  captureMetaData: true,
  isArray: (name) => ['question', 'answer', 'subquestion', 'unit'].includes(name),
});
// Typed as the wrapper `Symbol`; it is the primitive symbol the parser keys node metadata by.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/**
 * Reads a Moodle XML question export. The file as a whole is refused (`ImportError`) when it is
 * over 5 MB, declares a DOCTYPE or entities, is not well-formed or is not a `<quiz>`; each
 * question is then imported or refused by name with its line. `category` entries set the
 * category of the questions after them.
 */
export function parseMoodleXml(text: string): ImportReport {
  if (Buffer.byteLength(text, 'utf8') > MAX_IMPORT_BYTES) {
    throw new ImportError('the file is larger than 5 MB; split the export by category');
  }
  const xml = text.replace(/^\uFEFF/, '');
  const lineAt = lineIndex(xml);
  const declaration = entityDeclarationAt(xml);
  if (declaration >= 0) throw new ImportError(DOCTYPE_REFUSED, lineAt(declaration));
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new ImportError(`not well-formed XML (line ${line}, column ${col}): ${readable(msg)}`, line);
  }
  const doc: unknown = parser.parse(cdataAsText(xml));
  const quiz = isNode(doc) ? doc['quiz'] : undefined;
  if (quiz === undefined) {
    throw new ImportError('not a Moodle XML question file: the questions must be inside <quiz>…</quiz>');
  }

  const entries: Entry[] = [];
  let category = 'imported';
  for (const q of all(quiz, 'question')) {
    const type = attr(q, 'type')?.trim().toLowerCase() ?? '';
    const offset = isNode(q) ? (q[META] as { startIndex?: number } | undefined)?.startIndex : undefined;
    const line = offset === undefined ? undefined : lineAt(offset);
    const where = line === undefined ? {} : { line };
    if (type === 'category') {
      category = categoryFromPath(textOf(first(first(q, 'category'), 'text')));
      continue;
    }
    const questionText = rich(first(q, 'questiontext')) ?? { raw: '', format: 'moodle' };
    const name =
      displayName({ raw: textOf(first(first(q, 'name'), 'text')), format: 'html' }) ||
      displayName(questionText, true) ||
      'question';
    const entry = { ...where, name, category, sourceType: type || 'unknown' };
    const shape = SHAPES[type];
    if (!shape) {
      const reason = UNSUPPORTED[type] ?? (type.startsWith('calculated') ? UNSUPPORTED['calculated'] : undefined);
      entries.push({ ...entry, refused: reason ?? `question type "${type || '(none)'}" is not supported` });
      continue;
    }
    entries.push({
      ...entry,
      build: (d) => {
        if (contains(q, 'file')) d.note('embedded files (images) are not imported: add them to the course folder');
        const body = d.bilingual('the question text', questionText);
        const feedback = d.optionalBilingual('the general feedback', rich(first(q, 'generalfeedback')));
        const grade = textOf(first(q, 'defaultgrade')).trim();
        const points = grade === '' ? undefined : Number(grade);
        if (points !== undefined && !Number.isFinite(points))
          throw new Refusal(`defaultgrade "${grade}" is not a number`);
        return {
          text: body,
          ...(feedback ? { feedback } : {}),
          ...(points === undefined ? {} : { points }),
          ...shape(d, q),
        };
      },
    });
  }
  return assemble('moodle-xml', entries);
}
