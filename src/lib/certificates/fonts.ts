/**
 * The DejaVu Serif fonts of `certificates/fonts/`, parsed once per process and shared by every
 * PDF the platform draws (certificates, attendance sheets): parsing a TTF is the slowest step.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- fontkit ships no type declarations; `FontkitFont` below types what we use.
import { create as createFontkitFont } from 'fontkit';

export interface FontkitFont {
  characterSet: number[];
  glyphForCodePoint(codePoint: number): unknown;
}
const createFont = createFontkitFont as (data: Uint8Array) => FontkitFont;

/** Alphabetic presentation forms: the ligatures "ﬁ", "ﬂ"… that the font's "liga" feature produces. */
export const isLigature = (codePoint: number): boolean => codePoint >= 0xfb00 && codePoint <= 0xfb4f;

/**
 * Parses a font to be shared by many documents. fontkit caches each glyph with the characters it
 * was first reached by, and pdfkit's text layer (ToUnicode) uses those characters. A glyph first
 * reached as a component of another while subsetting (the "z" of "ž") would be cached with none,
 * and every later PDF would then extract it as a blank. So every mapped character is cached
 * first (about 5 ms per font, once); except the ligatures, which must keep the characters they
 * replace ("fi", not "ﬁ") and so are cached by the layout that makes them.
 */
function parseFont(data: Uint8Array): FontkitFont {
  const font = createFont(data);
  for (const codePoint of font.characterSet) if (!isLigature(codePoint)) font.glyphForCodePoint(codePoint);
  return font;
}

export const FONT_FILES = {
  serif: 'DejaVuSerif.ttf',
  serifBold: 'DejaVuSerif-Bold.ttf',
  serifItalic: 'DejaVuSerif-Italic.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;
export type Fonts = Record<FontName, FontkitFont>;

// DejaVu's vertical metrics (ascent 1901, descent 483 of 2048 units; the same in all three files),
// used to place baselines without reaching into pdfkit internals.
export const ASCENT = 0.928;
export const DESCENT = 0.236;

/**
 * Next to the sources by default. A bundled server runs from another directory: there the folder
 * is given by CERTIFICATE_FONTS_DIR, or else found under the working directory (the project root).
 */
function fontsDirectory(): string {
  const override = process.env['CERTIFICATE_FONTS_DIR'];
  if (override) return resolve(override);
  const besideSources = fileURLToPath(new URL('../../../certificates/fonts/', import.meta.url));
  const inWorkingDirectory = resolve('certificates/fonts');
  return existsSync(besideSources) || !existsSync(inWorkingDirectory) ? besideSources : inWorkingDirectory;
}

// Parsing a TTF is the slowest step of a render: each font is parsed once per process (per
// directory) and the parsed object is handed to pdfkit, which accepts it in place of a buffer.
const fontCache = new Map<string, Promise<Fonts>>();

export function loadFonts(): Promise<Fonts> {
  const directory = fontsDirectory();
  let fonts = fontCache.get(directory);
  if (!fonts) {
    fonts = parseFonts(directory);
    fontCache.set(directory, fonts);
    // A failed load (e.g. a wrong CERTIFICATE_FONTS_DIR) is not cached, so a fix needs no restart.
    fonts.catch(() => fontCache.delete(directory));
  }
  return fonts;
}

async function parseFonts(directory: string): Promise<Fonts> {
  const entries = await Promise.all(
    Object.entries(FONT_FILES).map(async ([name, file]) => {
      const path = join(directory, file);
      const data = await readFile(path).catch((error: unknown) => {
        throw new Error(`Font ${path} cannot be read (set CERTIFICATE_FONTS_DIR?)`, { cause: error });
      });
      return [name, parseFont(data)] as const;
    }),
  );
  return Object.fromEntries(entries) as Fonts;
}
