import type { z } from 'zod';
import {
  matching,
  multipleResponse,
  numeric,
  ordering,
  questionSchema,
  shortAnswer,
  singleChoice,
  trueFalse,
  type Bilingual,
  type QuestionType,
} from '../schema.ts';
import { LANGUAGE_NAMES, splitLanguages } from './multilang.ts';
import type { ImportedQuestion, ImportReport, RefusedQuestion } from './report.ts';
import { hasImage, hasLetters, slugify, tidy, toPlain, type TextFormat } from './text.ts';

/** Question files are read whole into memory; 5 MB is far above any real bank without embedded video. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The reason given for a question that lacks Latvian or English (followed by which field lacks what). */
export const ONE_LANGUAGE =
  "only one language: Tilts needs Latvian and English text; write both with Moodle's multilang ({mlang lv}…{mlang}{mlang en}…{mlang})";

/** The whole file cannot be imported (its format, size, encoding or safety); the message is for the author. */
export class ImportError extends Error {
  /** The line the problem was found on, when known. */
  readonly line: number | undefined;

  constructor(message: string, line?: number) {
    super(message);
    this.name = 'ImportError';
    this.line = line;
  }
}

/** One question cannot be imported; thrown while building it and turned into a refused item. */
export class Refusal extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Refusal';
  }
}

/** A text as the source has it: raw markup and the format it is written in. */
export interface SourceText {
  raw: string;
  format: TextFormat;
}

/**
 * A question being built: converts each source text to a bilingual plain text (refusing the
 * question when a language is missing, naming the field) and collects notes on what could not
 * be carried over.
 */
export class Draft {
  readonly notes: string[] = [];

  note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }

  /** A text the learner reads; it must exist in Latvian and English. */
  bilingual(field: string, source: SourceText): Bilingual {
    const text = this.optionalBilingual(field, source);
    if (!text) throw new Refusal(`${field} is empty`);
    return text;
  }

  /** Like `bilingual`, but an empty text (no feedback written) is simply absent. */
  optionalBilingual(field: string, source: SourceText | undefined): Bilingual | undefined {
    if (!source) return undefined;
    if (hasImage(source.raw)) {
      this.note(`the image in ${field} is not imported: add it to the course folder and set the question's image`);
    }
    const split = splitLanguages(toPlain(source.raw, source.format));
    if ('error' in split) throw new Refusal(`${field}: ${split.error}`);
    if (!split.marked) {
      const text = tidy(split.text);
      if (text === '') return undefined;
      // "1990" or "50 %" reads the same in both languages; anything with words does not.
      if (!hasLetters(text)) return { lv: text, en: text };
      throw new Refusal(`${ONE_LANGUAGE} — ${field} is written without language parts`);
    }
    const lv = tidy(split.lv);
    const en = tidy(split.en);
    if (lv === '' && en === '') return undefined;
    const lacking =
      split.missing.length > 0 ? split.missing : lv === '' ? ['lv' as const] : en === '' ? ['en' as const] : [];
    if (lacking.length > 0) {
      throw new Refusal(`${ONE_LANGUAGE} — ${field} has no ${lacking.map((l) => LANGUAGE_NAMES[l]).join(' and no ')}`);
    }
    return { lv, en };
  }
}

/**
 * A name to show and to make the id from: a bilingual name or text gives its English part (ids
 * are English-looking, like the course's own). A name taken from a question's text (`fromText`)
 * is cut at a word near 60 characters; a title the author gave is kept whole.
 */
export function displayName(source: SourceText, fromText = false): string {
  const split = splitLanguages(toPlain(source.raw, source.format));
  const text = tidy(
    'error' in split ? source.raw.replace(/\{mlang[^}]*\}/g, ' ') : split.marked ? split.en || split.lv : split.text,
  );
  const line = text.replace(/\s+/g, ' ');
  if (!fromText || line.length <= 60) return line;
  const cut = line.slice(0, 60);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 30 ? cut.lastIndexOf(' ') : 60)}…`;
}

/** A category path ("$course$/top/Saziņa/Tulki") → the slug of its last part; "imported" when there is none. */
export function categoryFromPath(path: string): string {
  // Moodle writes a "/" inside a category name as "//".
  const parts = path
    .split(/(?<!\/)\/(?!\/)/)
    .map((p) => p.replaceAll('//', '/').trim())
    .filter((p) => p !== '');
  const last = parts.at(-1);
  if (!last || last === 'top' || last.startsWith('$')) return 'imported';
  return slugify(displayName({ raw: last, format: 'html' })) || 'imported';
}

/** Ids unique within one file: the name's slug, then -2, -3… for a repeated name. */
export class IdAllocator {
  private readonly used = new Set<string>();
  /** The last suffix given per slug, so a name repeated thousands of times is not probed from -2 each time. */
  private readonly last = new Map<string, number>();

  next(name: string): string {
    const base = slugify(name) || 'question';
    let n = this.last.get(base) ?? 1;
    let id = n === 1 ? base : `${base}-${n}`;
    while (this.used.has(id)) id = `${base}-${++n}`;
    this.last.set(base, n);
    this.used.add(id);
    return id;
  }
}

/** One question as read from the source, before it is built. */
export interface Entry {
  line?: number;
  name: string;
  /** The Moodle type name, reported with a refusal (unknown when the syntax is broken). */
  sourceType?: string;
  category: string;
  /** Refused before building (unsupported type, syntax error). */
  refused?: string;
  /** Builds the type-specific part of the question; throws `Refusal`. */
  build?: (draft: Draft) => Record<string, unknown> & { type: QuestionType };
}

const SCHEMAS: Partial<Record<QuestionType, z.ZodType>> = {
  single: singleChoice,
  multiple: multipleResponse,
  'true-false': trueFalse,
  matching,
  ordering,
  numeric,
  short: shortAnswer,
};

function zodMessage(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/**
 * Builds every entry into the report. Ids are given to refused questions too, so fixing one
 * later and importing again does not shift the ids of the others.
 */
export function assemble(format: ImportReport['format'], entries: Entry[]): ImportReport {
  const ids = new IdAllocator();
  const items: ImportReport['items'] = [];
  const questions: ImportReport['questions'] = [];
  for (const entry of entries) {
    const id = ids.next(entry.name);
    const where = entry.line === undefined ? {} : { line: entry.line };
    const refuse = (reason: string): RefusedQuestion => ({
      ...where,
      name: entry.name,
      status: 'refused',
      ...(entry.sourceType === undefined ? {} : { type: entry.sourceType }),
      reason,
    });
    if (entry.refused !== undefined || !entry.build) {
      items.push(refuse(entry.refused ?? 'nothing to import'));
      continue;
    }
    const draft = new Draft();
    let candidate: Record<string, unknown>;
    try {
      candidate = { id, category: entry.category, ...entry.build(draft) };
    } catch (error) {
      if (error instanceof Refusal) {
        items.push(refuse(error.message));
        continue;
      }
      throw error;
    }
    // The type's own schema gives a precise message; the union is the final word.
    const specific = SCHEMAS[candidate['type'] as QuestionType]?.safeParse(candidate);
    const parsed = questionSchema.safeParse(candidate);
    if (!parsed.success || (specific && !specific.success)) {
      const error = specific && !specific.success ? specific.error : parsed.error;
      items.push(refuse(error ? zodMessage(error) : 'does not match the question schema'));
      continue;
    }
    const imported: ImportedQuestion = { ...where, name: entry.name, status: 'imported', question: parsed.data };
    if (draft.notes.length > 0) imported.notes = draft.notes;
    items.push(imported);
    questions.push(parsed.data);
  }
  return { format, items, questions };
}
