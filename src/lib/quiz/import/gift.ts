import { assemble, categoryFromPath, displayName, Refusal, type Draft, type Entry, type SourceText } from './draft.ts';
import type { ImportReport } from './report.ts';
import {
  choiceShape,
  matchingShape,
  numericShape,
  shortShape,
  type NumericAnswer,
  type ShortAnswerSource,
  type WeightedAnswer,
} from './shapes.ts';
import { BLANK, tidy, type TextFormat } from './text.ts';

/*
 * GIFT as Moodle reads it (question/format/gift/format.php): questions are paragraphs separated
 * by blank lines; "//" starts a comment line; "$CATEGORY: a/b" switches the category;
 * "::title::" names a question; "[html]" etc. give the format of the text after it; the answer
 * block {…} decides the type. Like Moodle, escaped characters are swapped for placeholders
 * first, so the structure is found with plain string searches and the characters come back in
 * the texts.
 */

const PLACEHOLDER: Record<string, string> = {
  '\\': '\uE000',
  ':': '\uE001',
  '#': '\uE002',
  '=': '\uE003',
  '{': '\uE004',
  '}': '\uE005',
  '~': '\uE006',
  n: '\uE007',
};
const RESTORED: Record<string, string> = {
  '\uE000': '\\',
  '\uE001': ':',
  '\uE002': '#',
  '\uE003': '=',
  '\uE004': '{',
  '\uE005': '}',
  '\uE006': '~',
  // "\n" is a line break; it gets its own placeholder so that line numbers still count real lines.
  '\uE007': '\n',
};

/** An HTML start tag with attributes, e.g. `<span lang="lv" class="multilang">`. */
const TAG_WITH_ATTRIBUTES =
  /<[a-zA-Z][a-zA-Z0-9]*(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)+\s*\/?>/g;

/**
 * Escapes as placeholders. Two kindnesses beyond Moodle, both for bilingual text: multilang
 * markers `{mlang lv}`/`{mlang}` are not answer blocks, and the `=` in an HTML attribute
 * (`lang="lv"`) is not an answer, so neither has to be written with backslashes.
 */
function protect(text: string): string {
  return text
    .replace(/\\([\\:#={}~n])/g, (_, c: string) => PLACEHOLDER[c] ?? c)
    .replace(/\{(mlang(?:\s+[a-zA-Z_-]+)?\s*)\}/g, '\uE004$1\uE005')
    .replace(TAG_WITH_ATTRIBUTES, (tag) => tag.replace(/[:#={}~]/g, (c) => PLACEHOLDER[c] ?? c));
}

const restore = (s: string) => s.replace(/[\uE000-\uE007]/g, (c) => RESTORED[c] ?? c);

/** A piece of text with its optional leading format marker ([html], [markdown], [plain], [moodle]). */
function withFormat(piece: string, fallback: TextFormat): SourceText {
  const t = piece.trim();
  const marker = /^\[(moodle|html|plain|markdown)\]/.exec(t);
  const format = (marker?.[1] as TextFormat | undefined) ?? fallback;
  return { raw: restore(marker ? t.slice(marker[0].length) : t), format };
}

/** "text#feedback": the first # starts the feedback (later ones belong to it). */
function splitFeedback(s: string): [string, string | undefined] {
  const at = s.indexOf('#');
  return at < 0 ? [s, undefined] : [s.slice(0, at), s.slice(at + 1)];
}

/** A leading %weight% (percent, may be negative or have decimals). */
function weighed(s: string, fallback: number): [number, string] {
  const t = s.trimStart();
  const m = /^%(-?\d+(?:\.\d+)?)%/.exec(t);
  return m ? [Number(m[1]), t.slice(m[0].length)] : [fallback, t];
}

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

function number(s: string): number {
  const t = s.trim();
  if (!NUMBER.test(t)) throw new Refusal(`"${t}" is not a number (write 5, 5:0.5 or 4..6, with a decimal point)`);
  return Number(t);
}

/** One numeric answer: "5", "5:0.5" (± tolerance) or "4..6" (range → midpoint ± half width). */
function numericAnswer(piece: string): NumericAnswer {
  const [weight, rest] = weighed(piece, 100);
  const [body, feedback] = splitFeedback(rest);
  const hasFeedback = (feedback ?? '').trim() !== '';
  const s = restore(body).trim();
  if (s === '*') return { value: '*', tolerance: 0, weight, hasFeedback };
  const range = s.indexOf('..');
  if (range > 0) {
    const min = number(s.slice(0, range));
    const max = number(s.slice(range + 2));
    if (min > max) throw new Refusal(`the range ${s} runs backwards: write the smaller number first`);
    return { value: (min + max) / 2, tolerance: (max - min) / 2, weight, hasFeedback };
  }
  const colon = s.indexOf(':');
  if (colon > 0)
    return { value: number(s.slice(0, colon)), tolerance: number(s.slice(colon + 1)), weight, hasFeedback };
  return { value: number(s), tolerance: 0, weight, hasFeedback };
}

/** Answers of a block split on a marker; text before the first marker is an error unless `keepHead`. */
function pieces(answers: string, marker: string, what: string, keepHead = false): string[] {
  const parts = answers.split(marker);
  const head = (parts.shift() ?? '').trim();
  if (head !== '') {
    if (keepHead) return [head, ...parts];
    throw new Refusal(`"${restore(head)}" comes before the first ${what}`);
  }
  return parts;
}

type Build = NonNullable<Entry['build']>;

/** The type named by the answer block, decided as Moodle does, and how to build it. */
function typed(
  answers: string,
  format: TextFormat,
): { sourceType: string; refused?: string; shape?: (d: Draft) => ReturnType<Build> } {
  if (answers === '') return { sourceType: 'essay', refused: 'essay questions need a human grader: not supported' };

  if (answers.startsWith('#')) {
    return {
      sourceType: 'numerical',
      shape: (d) => {
        let body = answers.slice(1);
        const other = body.indexOf('~');
        if (other >= 0) {
          if (
            body
              .slice(other + 1)
              .replace(/^\s*#?/, '')
              .trim() !== ''
          )
            d.note('feedback for any other number (~#…) dropped');
          body = body.slice(0, other);
        }
        const parts = pieces(body, '=', 'number', true);
        if (parts.length === 0) throw new Refusal('no correct answer: the block {#…} has no number');
        return numericShape(d, parts.map(numericAnswer));
      },
    };
  }

  if (answers.includes('~')) {
    // As in Moodle: one "=" answer makes it one-answer; only "~" (with weights) makes it multiple-answer.
    const single = answers.includes('=');
    return {
      sourceType: 'multichoice',
      shape: (d) => {
        const parsed: WeightedAnswer[] = pieces(
          answers.replaceAll('=', '~='),
          '~',
          'answer (each answer starts with ~ or =)',
        ).map((piece) => {
          const right = piece.trimStart().startsWith('=');
          const [weight, rest] = weighed(right ? piece.trimStart().slice(1) : piece, right ? 100 : 0);
          const [text, feedback] = splitFeedback(rest);
          return {
            text: withFormat(text, format),
            weight,
            feedback: feedback === undefined ? undefined : withFormat(feedback, format),
          };
        });
        return choiceShape(d, parsed, single);
      },
    };
  }

  if (answers.includes('=') && answers.includes('->')) {
    return {
      sourceType: 'matching',
      shape: (d) => {
        const pairs = pieces(answers, '=', 'pair (each pair is written =prompt -> answer)').map((piece, i) => {
          const arrow = piece.indexOf('->');
          if (arrow < 0)
            throw new Refusal(`pair ${i + 1} ("${restore(piece.trim())}") has no -> between prompt and answer`);
          return {
            prompt: withFormat(piece.slice(0, arrow), format),
            answer: withFormat(piece.slice(arrow + 2), format),
          };
        });
        return matchingShape(d, pairs);
      },
    };
  }

  const [value = '', wrong, ...right] = answers.split('#');
  const truth = value.trim().toUpperCase();
  if (['T', 'TRUE', 'F', 'FALSE'].includes(truth)) {
    return {
      sourceType: 'truefalse',
      shape: (d) => {
        const answer = truth.startsWith('T');
        // Moodle's {T#wrong#right}: the first feedback goes to a wrong answer, the second to a right one.
        const forWrong = d.optionalBilingual(
          `the feedback for "${answer ? 'false' : 'true'}"`,
          wrong === undefined ? undefined : withFormat(wrong, format),
        );
        const forRight = d.optionalBilingual(
          `the feedback for "${answer ? 'true' : 'false'}"`,
          right.length === 0 ? undefined : withFormat(right.join('#'), format),
        );
        const [feedbackTrue, feedbackFalse] = answer ? [forRight, forWrong] : [forWrong, forRight];
        return {
          type: 'true-false' as const,
          answer,
          ...(feedbackTrue ? { feedbackTrue } : {}),
          ...(feedbackFalse ? { feedbackFalse } : {}),
        };
      },
    };
  }

  return {
    sourceType: 'shortanswer',
    shape: (d) => {
      // "{Paris}" without "=" is a short answer too, as in Moodle.
      const accepted: ShortAnswerSource[] = pieces(answers, '=', 'answer', true).map((piece) => {
        const [weight, rest] = weighed(piece, 100);
        const [text, feedback] = splitFeedback(rest);
        // Answers are compared, not shown: plain unless marked otherwise.
        const source = withFormat(text, 'plain');
        return { ...source, weight, hasFeedback: (feedback ?? '').trim() !== '' };
      });
      return shortShape(d, accepted);
    },
  };
}

/** One question paragraph (comment lines already blanked, so positions still map to lines). */
function readQuestion(lines: string[], firstLine: number, category: string): Entry {
  const text = protect(lines.join('\n'));
  const lineAt = (pos: number) => firstLine + (text.slice(0, pos).match(/\n/g)?.length ?? 0);
  let pos = Math.max(0, text.search(/\S/));
  const line = lineAt(pos);
  let title: string | undefined;
  const refused = (reason: string, question: string, sourceType?: string): Entry => ({
    line,
    category,
    name: title ?? (displayName(withFormat(question, 'moodle'), true) || 'question'),
    ...(sourceType ? { sourceType } : {}),
    refused: reason,
  });

  if (text.startsWith('::', pos)) {
    const end = text.indexOf('::', pos + 2);
    if (end < 0) {
      // Most likely "::title text{…}": the title is what comes before the text.
      title = tidy(restore(text.slice(pos + 2)).split(/\{|\n/)[0] ?? '') || undefined;
      return refused(
        'the title opened with :: is not closed with :: (write a colon in a title as \\:)',
        text.slice(pos + 2),
      );
    }
    title = displayName({ raw: restore(text.slice(pos + 2, end)), format: 'html' }) || undefined;
    pos = end + 2;
  }

  const open = text.indexOf('{', pos);
  const close = text.indexOf('}', pos);
  const rest = text.slice(pos);
  if (open < 0 && close < 0) {
    return refused(
      'a description (text without an answer block {…}) asks nothing: not supported; put such text in a lesson',
      rest,
      'description',
    );
  }
  if (close >= 0 && (open < 0 || close < open)) {
    return refused(`"}" on line ${lineAt(close)} has no opening "{" (write a literal brace as \\})`, rest);
  }
  if (close < 0) {
    return refused(
      `unclosed brace: the "{" on line ${lineAt(open)} has no closing "}" (a blank line ends a question, so an answer block cannot contain one)`,
      text.slice(pos, open),
    );
  }
  const inner = text.indexOf('{', open + 1);
  if (inner >= 0 && inner < close) {
    return refused(
      `"{" on line ${lineAt(inner)} inside the answer block opened on line ${lineAt(open)}: close the block with "}" first, or write a literal brace as \\{`,
      text.slice(pos, open),
    );
  }
  const again = text.slice(close + 1).search(/[{}]/);
  if (again >= 0) {
    const at = close + 1 + again;
    return refused(
      text[at] === '{'
        ? `a second answer block on line ${lineAt(at)}: one question per paragraph, so a blank line is probably missing before it`
        : `"}" on line ${lineAt(at)} has no opening "{" (write a literal brace as \\})`,
      text.slice(pos, open),
    );
  }

  // Text after the block makes it a missing-word question: the block's place becomes the gap.
  const after = text.slice(close + 1);
  const question = withFormat(text.slice(pos, open) + (after.trim() === '' ? '' : BLANK + after), 'moodle');
  let answers = text.slice(open + 1, close).trim();
  let general: SourceText | undefined;
  const separator = answers.lastIndexOf('####');
  if (separator >= 0) {
    general = withFormat(answers.slice(separator + 4), question.format);
    answers = answers.slice(0, separator).trim();
  }
  const name = title ?? (displayName(question, true) || 'question');
  const kind = typed(answers, question.format);
  const { shape } = kind;
  if (kind.refused !== undefined || !shape)
    return { line, name, category, sourceType: kind.sourceType, refused: kind.refused ?? '' };
  return {
    line,
    name,
    category,
    sourceType: kind.sourceType,
    build: (d) => {
      const text = d.bilingual('the question text', question);
      const feedback = d.optionalBilingual('the general feedback', general);
      return { text, ...(feedback ? { feedback } : {}), ...shape(d) };
    },
  };
}

/** Paragraphs of non-blank lines, comment lines kept as empty lines so positions stay true. */
function paragraphs(text: string): { lines: string[]; firstLine: number }[] {
  const result: { lines: string[]; firstLine: number }[] = [];
  let current: { lines: string[]; firstLine: number } | undefined;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .forEach((line, i) => {
      if (line.trim() === '') {
        current = undefined;
        return;
      }
      if (!current) {
        current = { lines: [], firstLine: i + 1 };
        result.push(current);
      }
      current.lines.push(line.trimStart().startsWith('//') ? '' : line);
    });
  return result;
}

/**
 * Reads a GIFT file. Every question becomes an item of the report, imported or refused with its
 * line and the reason; a broken question never stops the ones after it. Essays and descriptions
 * are refused by name; missing-word questions are imported with "___" for the gap.
 */
export function parseGift(text: string): ImportReport {
  const entries: Entry[] = [];
  let category = 'imported';
  for (const paragraph of paragraphs(text)) {
    const lines = [...paragraph.lines];
    // "$CATEGORY:" lines switch the category of the questions that follow.
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line.trim() === '') continue;
      if (!/^\s*\$CATEGORY:/.test(line)) break;
      category = categoryFromPath(line.trim().slice('$CATEGORY:'.length));
      lines[i] = '';
    }
    if (lines.every((l) => l.trim() === '')) continue;
    entries.push(readQuestion(lines, paragraph.firstLine, category));
  }
  return assemble('gift', entries);
}
