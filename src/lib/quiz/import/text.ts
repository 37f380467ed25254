import { Marked } from 'marked';

/**
 * How a source text is marked up. Moodle's four formats: `moodle` (its "auto-format": line breaks
 * are meant, HTML is allowed), `html` (white space is layout only), `plain` (taken as written) and
 * `markdown`. Tilts stores plain text, so every format is reduced to that.
 */
export type TextFormat = 'moodle' | 'html' | 'plain' | 'markdown';

/**
 * Stands for the gap of a missing-word question until the text is plain: it is a private-use
 * character, so neither HTML nor Markdown handling can touch it (Markdown would read "___" as
 * emphasis). `tidy` turns it into "___".
 */
export const BLANK = '\uE00F';

/** Named entities Moodle's editor (TinyMCE/Atto) writes, plus the Latvian letters. Others stay as written. */
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  middot: '·',
  bull: '•',
  deg: '°',
  times: '×',
  divide: '÷',
  plusmn: '±',
  euro: '€',
  copy: '©',
  reg: '®',
  trade: '™',
  sect: '§',
  para: '¶',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  amacr: 'ā',
  Amacr: 'Ā',
  ccaron: 'č',
  Ccaron: 'Č',
  emacr: 'ē',
  Emacr: 'Ē',
  gcedil: 'ģ',
  Gcedil: 'Ģ',
  imacr: 'ī',
  Imacr: 'Ī',
  kcedil: 'ķ',
  Kcedil: 'Ķ',
  lcedil: 'ļ',
  Lcedil: 'Ļ',
  ncedil: 'ņ',
  Ncedil: 'Ņ',
  scaron: 'š',
  Scaron: 'Š',
  umacr: 'ū',
  Umacr: 'Ū',
  zcaron: 'ž',
  Zcaron: 'Ž',
};

/**
 * Decodes character references once (`&amp;lt;` becomes `&lt;`, as a browser would show it).
 * A simple map on purpose: these are references in text, never DTD entities, and an unknown
 * name is left as written rather than guessed.
 */
export function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body] ?? whole;
  });
}

/** Ends of blocks that stand apart (an empty line in plain text) and of lines (a line break). */
const PARAGRAPH_END = /<\/(p|h[1-6]|ul|ol|table|blockquote|pre)\s*>/gi;
const LINE_END = /<\/(div|li|tr|dd|dt)\s*>|<br\s*\/?>|<hr\s*\/?>/gi;
/** A start or end tag: a letter right after "<", so "a < b" and "x<5" stay text. */
const ANY_TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g;
/**
 * Tags of an HTML fragment that was escaped twice (`&lt;p&gt;` inside CDATA): only well-known
 * names, so a learner-visible "<tulks>" placeholder written as text is not eaten.
 */
const KNOWN_TAG =
  /<\/?(?:p|br|span|div|b|i|u|em|strong|sub|sup|small|ul|ol|li|a|img|h[1-6]|table|tbody|thead|tr|td|th|blockquote|pre|code|hr|font)(?:\s[^<>]*)?\/?>/gi;

/**
 * Removes comments and script/style elements with their content. A lazy regex would rescan the
 * rest of the text for every unclosed one; here an unclosed one ends the search, as nothing
 * after it can close it either.
 */
function removeHidden(html: string): string {
  const lower = html.toLowerCase();
  const start = /<!--|<(script|style)\b/gi;
  let out = '';
  let from = 0;
  for (let m = start.exec(html); m; m = start.exec(html)) {
    const closer = m[1] ? `</${m[1].toLowerCase()}` : '-->';
    const at = lower.indexOf(closer, m.index + m[0].length);
    const end = at < 0 ? -1 : m[1] ? lower.indexOf('>', at) : at + closer.length - 1;
    if (end < 0) break;
    out += html.slice(from, m.index);
    from = end + 1;
    start.lastIndex = from;
  }
  return out + html.slice(from);
}

function stripTags(html: string, collapseWhiteSpace: boolean): string {
  let s = removeHidden(html);
  // In HTML a line break in the source is only a space; in Moodle auto-format it is meant.
  if (collapseWhiteSpace) s = s.replace(/\s+/g, ' ');
  s = s.replace(PARAGRAPH_END, '\n\n').replace(LINE_END, '\n');
  s = s.replace(/<li\b[^>]*>/gi, '- ');
  return s.replace(ANY_TAG, '');
}

/**
 * Multilang spans (`<span lang="lv" class="multilang">…</span>`, or the old `<lang lang="lv">`)
 * rewritten as the multilang2 markers `{mlang lv}…{mlang}`, so that stripping HTML afterwards
 * keeps the languages apart. Nested spans inside a language are matched properly.
 */
export function spansToMlang(s: string): string {
  // One pass over all span/lang tags pairs each start tag with its end tag (a stack per tag name),
  // so that a file full of unclosed spans costs linear, not quadratic, time.
  const tags = [...s.matchAll(/<(\/?)(span|lang)\b([^<>]*)>/gi)];
  const closeOf = new Map<number, RegExpMatchArray>();
  const open: Record<string, RegExpMatchArray[]> = { span: [], lang: [] };
  for (const tag of tags) {
    const stack = open[(tag[2] ?? '').toLowerCase()] ?? [];
    if (!tag[1]) stack.push(tag);
    else {
      const start = stack.pop();
      if (start?.index !== undefined) closeOf.set(start.index, tag);
    }
  }
  let out = '';
  let from = 0;
  for (const tag of tags) {
    const at = tag.index ?? 0;
    if (tag[1] || at < from) continue;
    const attrs = tag[3] ?? '';
    const lang = /(?:^|\s)lang\s*=\s*["']?([a-zA-Z_-]+)/i.exec(attrs)?.[1];
    const isMultilang =
      (tag[2] ?? '').toLowerCase() === 'lang' || /(?:^|\s)class\s*=\s*["'][^"']*\bmultilang\b/i.test(attrs);
    const close = closeOf.get(at);
    if (!lang || !isMultilang || close?.index === undefined) continue;
    out += s.slice(from, at) + `{mlang ${lang}}` + s.slice(at + tag[0].length, close.index) + '{mlang}';
    from = close.index + close[0].length;
  }
  return out + s.slice(from);
}

// A private instance: the lesson renderer configures its own, and a global `marked.use` must not leak in.
const markdown = new Marked({ gfm: true, breaks: false });

/**
 * A source text reduced to plain text, keeping the language markers (`{mlang xx}`) for
 * `splitLanguages`. Entities are decoded; spans that were escaped once more than usual (HTML
 * shown as text inside CDATA) are recognised on a second pass.
 */
export function toPlain(raw: string, format: TextFormat): string {
  let s = spansToMlang(raw);
  if (format === 'plain') return s;
  if (format === 'markdown') s = markdown.parse(s, { async: false });
  s = decodeEntities(stripTags(s, format !== 'moodle'));
  if (/<(span|lang)\b[^<>]*\blang\s*=/i.test(s)) s = spansToMlang(s).replace(KNOWN_TAG, '');
  return s;
}

/** Images in a text: Tilts keeps one image per question in the course folder, so they are reported, not carried over. */
export const hasImage = (raw: string): boolean => /<img\b|&lt;img\b|!\[[^\]]*\]\(/i.test(raw);

/**
 * Plain text as stored: spaces collapsed, lines trimmed, at most one empty line in a row, the
 * missing-word gap written as "___".
 */
export function tidy(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .replaceAll(BLANK, '___');
}

/** Does the text say anything in some language (a letter), or is it the same in all (a number, a sign)? */
export const hasLetters = (s: string): boolean => /\p{L}/u.test(s);

const LATVIAN: Record<string, string> = {
  ā: 'a',
  č: 'c',
  ē: 'e',
  ģ: 'g',
  ī: 'i',
  ķ: 'k',
  ļ: 'l',
  ņ: 'n',
  š: 's',
  ū: 'u',
  ž: 'z',
  ō: 'o',
  ŗ: 'r',
};

/**
 * An id from a name: lower-case ASCII with Latvian letters transliterated (other accented Latin
 * letters lose their accents the same way), every other character a hyphen, at most 60
 * characters so that "-2", "-3"… still fit the schema's 80.
 */
export function slugify(name: string, max = 60): string {
  const ascii = name
    .toLowerCase()
    .replace(/[āčēģīķļņšūžōŗ]/g, (c) => LATVIAN[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** Option, pair and item ids: a, b, c… z, aa, ab… (the schema allows 12, so the tail is only for safety). */
export function letterId(index: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return index < 26 ? (letters[index] ?? 'a') : letterId(Math.floor(index / 26) - 1) + (letters[index % 26] ?? 'a');
}
