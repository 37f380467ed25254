import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** A LIKE pattern matching `text` anywhere, with its own % _ \ taken literally (use ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/**
 * A condition "column contains text", ignoring case also for most Latvian spellings. SQLite's
 * LIKE and lower() fold ASCII letters only ("ņina" would not find "Ņina"), so the text is also
 * tried lower-cased, upper-cased and capitalised — how a name is usually typed.
 */
export function containsText(column: SQLWrapper, text: string): SQL {
  return sql`(${column} LIKE ${containsPattern(text)} ESCAPE '\\' OR ${column} LIKE ${containsPattern(text.toLocaleLowerCase('lv'))} ESCAPE '\\' OR ${column} LIKE ${containsPattern(text.toLocaleUpperCase('lv'))} ESCAPE '\\' OR ${column} LIKE ${containsPattern(capitalise(text))} ESCAPE '\\')`;
}

/** "ņina" → "Ņina": the usual spelling of a name typed in lower case. */
function capitalise(text: string): string {
  return text
    .toLocaleLowerCase('lv')
    .replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toLocaleUpperCase('lv'));
}
