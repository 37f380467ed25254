import type { Question } from '../schema.ts';
import { ImportError, MAX_IMPORT_BYTES } from './draft.ts';
import { parseGift } from './gift.ts';
import { parseMoodleXml } from './moodle-xml.ts';

export { ImportError, MAX_IMPORT_BYTES, ONE_LANGUAGE } from './draft.ts';

/** A question taken over; `notes` say what of the Moodle original Tilts could not keep (partial credit, images…). */
export interface ImportedQuestion {
  /** Where the question starts in the file (1-based). */
  line?: number;
  name: string;
  status: 'imported';
  question: Question;
  notes?: string[];
}

/** A question left out, named with its Moodle type and why, so the author can fix the source. */
export interface RefusedQuestion {
  line?: number;
  name: string;
  status: 'refused';
  /** The Moodle question type ("essay", "multichoice"…), when it could be told. */
  type?: string;
  reason: string;
}

/**
 * What an import made of a file: every question in it, in file order, imported or refused (never
 * silently dropped), and the imported ones ready for a question bank. Category switches are not
 * items; they only set the `category` of the questions after them.
 */
export interface ImportReport {
  format: 'gift' | 'moodle-xml';
  items: (ImportedQuestion | RefusedQuestion)[];
  /** The imported questions, each validated by `questionSchema` (defaults filled in). */
  questions: Question[];
}

/**
 * Imports a question file uploaded by an author, choosing the format by the file's extension as
 * Moodle's own export names them: `.gift`/`.txt` GIFT, `.xml` Moodle XML.
 *
 * Throws `ImportError` with a message for the author when the file as a whole cannot be read: an
 * unknown extension, more than 5 MB, not UTF-8 text, or (Moodle XML) a DOCTYPE or malformed XML.
 * Problems of single questions never throw: they are refused items of the report.
 */
export function importQuestions(fileName: string, content: string | Uint8Array): ImportReport {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const format = extension === 'gift' || extension === 'txt' ? 'gift' : extension === 'xml' ? 'moodle-xml' : undefined;
  if (!format) {
    throw new ImportError(
      `"${fileName}" is neither a GIFT file (.gift, .txt) nor a Moodle XML file (.xml): export the questions from Moodle in one of these formats`,
    );
  }
  const size = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportError(
      `"${fileName}" is ${(size / 1024 / 1024).toFixed(1)} MB; question files may be at most 5 MB (split the export by category)`,
    );
  }
  const text = typeof content === 'string' ? content : decodeUtf8(fileName, content);
  if (text.includes('\u0000')) throw new ImportError(`"${fileName}" is not a text file`);
  return format === 'gift' ? parseGift(text) : parseMoodleXml(text);
}

function decodeUtf8(fileName: string, bytes: Uint8Array): string {
  try {
    // fatal: a Windows-1257 file would otherwise import with replacement characters in every ā and š.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(
      `"${fileName}" is not UTF-8 text: save it as UTF-8 (Moodle's own exports are UTF-8) and upload it again`,
    );
  }
}
