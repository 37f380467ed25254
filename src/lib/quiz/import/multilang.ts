/** The two languages every learner-visible text must have. */
export const LANGUAGES = ['lv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = { lv: 'Latvian', en: 'English' };

/**
 * A text split by Moodle's multilang markers. `marked` is false when the text has none (it is in
 * one language, or in none, like "1990"); `missing` lists the languages that some group of
 * alternatives lacks.
 */
export type LanguageSplit =
  { marked: false; text: string } | { marked: true; lv: string; en: string; missing: Language[] } | { error: string };

/** "lv", "lv_lv", "en-GB" → the language Tilts knows, or undefined for the others ("ru", "other"). */
function language(code: string): Language | undefined {
  const base = code.toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((l) => l === base);
}

/** Two codes naming the same language ("lv", "lv_LV") are one language. */
const key = (code: string): string => language(code) ?? code.toLowerCase();

interface Block {
  lang: string;
  text: string;
}

/**
 * Splits a text written with multilang2 markers (`{mlang lv}…{mlang}{mlang en}…{mlang}`; the
 * `<span class="multilang">` form is rewritten to these first, see `spansToMlang`).
 *
 * As Moodle's filters show it: text outside the markers belongs to every language, and a run of
 * blocks with only white space between them is one set of alternatives. Each set must offer
 * both Latvian and English, or the text is "missing" a language: a reader in that language would
 * see nothing there.
 */
export function splitLanguages(s: string): LanguageSplit {
  const marker = /\{mlang(?:\s+([a-zA-Z_-]+))?\s*\}/g;
  const out: Record<Language, string> = { lv: '', en: '' };
  const missing = new Set<Language>();
  let group: Block[] = [];
  let between = '';

  const both = (text: string) => {
    out.lv += text;
    out.en += text;
  };
  /** Ends a set of alternatives: each language takes its block, or is missing there. */
  const flush = () => {
    if (group.length > 0) {
      for (const l of LANGUAGES) {
        const block = group.find((b) => key(b.lang) === l);
        if (block) out[l] += block.text;
        else missing.add(l);
      }
    }
    group = [];
    both(between);
    between = '';
  };

  let from = 0;
  let marked = false;
  let open: { lang: string; at: number } | undefined;
  for (let m = marker.exec(s); m; m = marker.exec(s)) {
    const lang = m[1];
    if (open) {
      if (lang) return { error: `{mlang ${open.lang}} is not closed with {mlang} before {mlang ${lang}}` };
      const block = { lang: open.lang, text: s.slice(open.at, m.index) };
      // The same language again means a new set of alternatives has begun.
      if (group.some((b) => key(b.lang) === key(block.lang))) flush();
      group.push(block);
      between = '';
      open = undefined;
    } else {
      if (!lang) return { error: '{mlang} closes a language that was never opened' };
      const text = s.slice(from, m.index);
      if (group.length > 0 && text.trim() === '') {
        // Only white space since the last block: this one may be its alternative.
        between = text;
      } else {
        flush();
        both(text);
      }
      open = { lang, at: m.index + m[0].length };
      marked = true;
    }
    from = m.index + m[0].length;
  }
  if (open) return { error: `{mlang ${open.lang}} is not closed with {mlang}` };
  flush();
  both(s.slice(from));
  if (!marked) return { marked: false, text: s };
  return { marked: true, lv: out.lv, en: out.en, missing: LANGUAGES.filter((l) => missing.has(l)) };
}
