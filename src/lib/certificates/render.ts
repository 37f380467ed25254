/**
 * Certificate PDF renderer: turns one certificate record into a one-page, bilingual A4 PDF.
 *
 * Pure: no database and no framework, so the issuing logic, the pages and the tests can all call
 * it. The same record always gives byte-identical output (see `renderCertificate`), which lets a
 * stored certificate be re-rendered on demand instead of keeping every PDF.
 */
import { deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { ASCENT, DESCENT, loadFonts, type FontkitFont, type FontName } from './fonts.ts';
import { create as createQrCode } from 'qrcode';
import { EU_BLUE, EU_GOLD, euEmblemStars } from '../eu-emblem.ts';

export interface CertificateRecord {
  number: string;
  holderName: string;
  courseTitle: { lv: string; en: string };
  hours: number;
  completedAt: Date;
  issuedAt: Date;
  place: string | null;
  statement: { lv: string; en: string } | null;
  verifyUrl: string;
  expiresAt: Date | null;
  template: string;
}

type Doc = PDFKit.PDFDocument;

// ---------------------------------------------------------------------------------------------
// Text helpers

/**
 * Makes user-supplied text safe to draw: Unicode NFC (so decomposed Latvian letters use the
 * precomposed glyphs), typed ligatures as their letters (see `parseFont`), any whitespace becomes
 * one space, control and invisible format characters (including bidi overrides, which could
 * disguise a name) are removed. pdfkit draws text literally, so markup needs no escaping.
 */
export function sanitizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\uFB00-\uFB4F]/gu, (ligature) => ligature.normalize('NFKC'))
    .replace(/\s+/gu, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const LV_DATE = new Intl.DateTimeFormat('lv-LV', { dateStyle: 'long', timeZone: 'Europe/Riga' });
const EN_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Riga' });
const LV_NUMBER = new Intl.NumberFormat('lv-LV', { maximumFractionDigits: 2 });
const EN_NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** Latvian: 1, 21, 31… (but not 11) take the singular; every other count, fractions too, the plural. */
export function hoursText(hours: number): { lv: string; en: string } {
  const singularLv = Number.isInteger(hours) && hours % 10 === 1 && hours % 100 !== 11;
  return {
    lv: `${LV_NUMBER.format(hours)} ${singularLv ? 'akadēmiskā stunda' : 'akadēmiskās stundas'}`,
    en: `${EN_NUMBER.format(hours)} academic ${hours === 1 ? 'hour' : 'hours'}`,
  };
}

interface TextStyle {
  font: FontName;
  size: number;
  color: string;
  characterSpacing?: number;
}

/** Lines of one style, already fitted to a width. */
interface TextBlock {
  style: TextStyle;
  lines: readonly string[];
}

function useStyle(doc: Doc, style: TextStyle): void {
  doc.font(style.font).fontSize(style.size).fillColor(style.color);
}

function widthOf(doc: Doc, style: TextStyle, text: string): number {
  useStyle(doc, style);
  return doc.widthOfString(text, { characterSpacing: style.characterSpacing ?? 0 });
}

const lineHeight = (style: TextStyle): number => style.size * 1.25;
const blockHeight = (block: TextBlock): number => block.lines.length * lineHeight(block.style);
const blockWidth = (doc: Doc, block: TextBlock): number =>
  Math.max(0, ...block.lines.map((line) => widthOf(doc, block.style, line)));
/** From the top of a block's line box to its first baseline (the leading is shared above and below). */
const firstBaseline = (style: TextStyle): number =>
  (lineHeight(style) - style.size * (ASCENT + DESCENT)) / 2 + style.size * ASCENT;

/** Greedy word wrap; a word wider than the line (a name without spaces, a URL) is broken by characters. */
function wrap(doc: Doc, style: TextStyle, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (widthOf(doc, style, candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = Array.from(word);
    while (widthOf(doc, style, rest.join('')) > width && rest.length > 1) {
      const fits = longestFittingPrefix(rest.length, (n) => widthOf(doc, style, rest.slice(0, n).join('')) <= width);
      lines.push(rest.slice(0, fits).join(''));
      rest = rest.slice(fits);
    }
    line = rest.join('');
  }
  if (line) lines.push(line);
  return lines;
}

/** Binary search for the largest n in [1, max] for which `fits(n)` holds (1 if none does). */
function longestFittingPrefix(max: number, fits: (n: number) => boolean): number {
  let low = 1;
  let high = max;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A style for text of variable length: how far it may shrink, wrap and spread. */
interface FitStyle extends TextStyle {
  minSize: number;
  maxLines: number;
  width: number;
}

/**
 * Fits text to a width: shrink the size in half-point steps down to `minSize` while it is one line;
 * then wrap at `minSize` into at most `maxLines` (balanced, as the text is centred); only if it
 * is still too long, cut it and end it with "…".
 */
function fitText(doc: Doc, text: string, rule: FitStyle): TextBlock {
  const { minSize, maxLines, width, ...style } = rule;
  for (let size = style.size; size >= minSize; size -= 0.5) {
    const sized = { ...style, size };
    if (widthOf(doc, sized, text) <= width) return { style: sized, lines: [text] };
  }
  const small = { ...style, size: minSize };
  const lines = wrap(doc, small, text, width);
  if (lines.length <= maxLines) return { style: small, lines: balance(doc, small, text, width, lines) };
  const chars = Array.from(text);
  const cut = (n: number): string => `${chars.slice(0, n).join('').trimEnd()}…`;
  const keep = longestFittingPrefix(chars.length, (n) => wrap(doc, small, cut(n), width).length <= maxLines);
  return { style: small, lines: wrap(doc, small, cut(keep), width) };
}

/** The narrowest width that keeps the same number of lines, so that wrapped lines are of similar length. */
function balance(doc: Doc, style: TextStyle, text: string, width: number, lines: string[]): string[] {
  if (lines.length < 2) return lines;
  let low = width / lines.length;
  let high = width;
  while (high - low > 2) {
    const middle = (low + high) / 2;
    if (wrap(doc, style, text, middle).length === lines.length) high = middle;
    else low = middle;
  }
  return wrap(doc, style, text, high);
}

type Align = 'left' | 'center' | 'right';

/** Draws a block with its first line box at `top`; `x` is the left edge, centre or right edge per `align`. */
function drawBlock(doc: Doc, block: TextBlock, x: number, top: number, align: Align, link?: string): void {
  const { style } = block;
  block.lines.forEach((line, index) => {
    const width = widthOf(doc, style, line);
    const left = align === 'left' ? x : align === 'center' ? x - width / 2 : x - width;
    const baseline = top + index * lineHeight(style) + firstBaseline(style);
    doc.text(line, left, baseline, {
      lineBreak: false,
      baseline: 'alphabetic',
      characterSpacing: style.characterSpacing ?? 0,
      ...(link ? { link } : {}),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The default template

// A4 landscape in points.
const PAGE_WIDTH = 841.89;
const PAGE_HEIGHT = 595.28;
const CONTENT_LEFT = 64;
const CONTENT_RIGHT = PAGE_WIDTH - 64;
const CONTENT_WIDTH = CONTENT_RIGHT - CONTENT_LEFT;
const CENTER = PAGE_WIDTH / 2;
/** The common last baseline of the three footer columns (EU block, number, QR code). */
const FOOTER_BASELINE = PAGE_HEIGHT - 52;

const ACCENT = '#0b5563';
const INK = '#1d2327';
const MUTED = '#55636b';

const QR_SIZE = 96; // the whole symbol including its quiet zone
const QR_QUIET_ZONE = 4;
const EU_EMBLEM_HEIGHT = 42;

const PROJECT = {
  lv: 'Projekts „Starpkultūru komunikācijas mācības dažādu jomu profesionāļiem”',
  en: 'Project “Intercultural communication training for professionals of various fields”',
};

/** Something measured first and drawn later, so that blocks can be spaced by their real heights. */
interface Placed {
  height: number;
  draw(top: number): void;
}

/** Latvian line above, smaller English line below: the pattern of every bilingual element. */
function stack(doc: Doc, blocks: TextBlock[], x: number, align: Align, gap = 2): Placed {
  const height = blocks.reduce((sum, block) => sum + blockHeight(block), 0) + gap * (blocks.length - 1);
  return {
    height,
    draw(top) {
      let y = top;
      for (const block of blocks) {
        drawBlock(doc, block, x, y, align);
        y += blockHeight(block) + gap;
      }
    },
  };
}

function drawFrame(doc: Doc): void {
  // A thin double rule: a stronger outer line and a hairline inside it.
  doc
    .lineWidth(1.6)
    .rect(22, 22, PAGE_WIDTH - 44, PAGE_HEIGHT - 44)
    .stroke(ACCENT);
  doc
    .lineWidth(0.6)
    .rect(28, 28, PAGE_WIDTH - 56, PAGE_HEIGHT - 56)
    .stroke(ACCENT);
}

/** Project line and title; returns where the body may start. */
function drawHeader(doc: Doc): number {
  const rule = { size: 8.5, minSize: 7, maxLines: 1, width: CONTENT_WIDTH };
  const project = stack(
    doc,
    [
      fitText(doc, PROJECT.lv, { ...rule, font: 'serif', color: ACCENT }),
      fitText(doc, PROJECT.en, { ...rule, font: 'serifItalic', color: MUTED }),
    ],
    CENTER,
    'center',
    1,
  );
  project.draw(50);
  const title = stack(
    doc,
    [
      { style: { font: 'serifBold', size: 30, color: ACCENT, characterSpacing: 6 }, lines: ['APLIECĪBA'] },
      { style: { font: 'serifItalic', size: 13, color: MUTED, characterSpacing: 1 }, lines: ['CERTIFICATE'] },
    ],
    CENTER,
    'center',
  );
  title.draw(86);
  const ruleY = 86 + title.height + 10;
  doc
    .lineWidth(0.8)
    .moveTo(CENTER - 36, ruleY)
    .lineTo(CENTER + 36, ruleY)
    .stroke(ACCENT);
  return ruleY + 8;
}

const fitStyle = (
  font: FontName,
  color: string,
  [size, minSize]: [number, number],
  maxLines: number,
  width = CONTENT_WIDTH,
): FitStyle => ({ font, color, size, minSize, maxLines, width });

// The blocks of variable length: font, colour, [largest, smallest] size, line limit, width.
const NAME = fitStyle('serifBold', INK, [32, 20], 2);
const TITLE_LV = fitStyle('serifBold', ACCENT, [17, 11], 3);
const TITLE_EN = fitStyle('serifItalic', MUTED, [13, 9.5], 3);
// The statement is a paragraph: it reads better in lines shorter than the page.
const STATEMENT_LV = fitStyle('serif', INK, [10.5, 8.5], 2, 600);
const STATEMENT_EN = fitStyle('serifItalic', MUTED, [9.5, 8], 2, 600);
const DETAILS_LV = fitStyle('serif', INK, [10.5, 8.5], 1);
const DETAILS_EN = fitStyle('serifItalic', MUTED, [9.5, 8], 1);

/** Name, course, statement and details, spaced evenly in the room between header and footer. */
function drawBody(doc: Doc, record: CertificateRecord, top: number, bottom: number): void {
  const fit = (text: string, style: FitStyle): TextBlock => fitText(doc, sanitizeText(text), style);
  const centred = (blocks: TextBlock[], gap?: number): Placed => stack(doc, blocks, CENTER, 'center', gap);

  const hours = hoursText(record.hours);
  const place = sanitizeText(record.place ?? '');
  const detailsLv = [`Apjoms: ${hours.lv}`, `Pabeigšanas datums: ${LV_DATE.format(record.completedAt)}`];
  const detailsEn = [`Length: ${hours.en}`, `Date of completion: ${EN_DATE.format(record.completedAt)}`];
  if (place) {
    detailsLv.push(`Vieta: ${place}`);
    detailsEn.push(`Place: ${place}`);
  }
  const groups = [
    centred([fit(record.holderName, NAME)]),
    centred([
      { style: { font: 'serif', size: 12, color: INK }, lines: ['par mācību kursa apguvi'] },
      { style: { font: 'serifItalic', size: 10, color: MUTED }, lines: ['for completing the training course'] },
    ]),
    centred([fit(record.courseTitle.lv, TITLE_LV), fit(record.courseTitle.en, TITLE_EN)], 4),
  ];
  if (record.statement) {
    groups.push(centred([fit(record.statement.lv, STATEMENT_LV), fit(record.statement.en, STATEMENT_EN)], 3));
  }
  // Joined after sanitising, which would collapse the wide spacing around the separators.
  const details = (parts: string[], style: FitStyle): TextBlock => fitText(doc, parts.join('   ·   '), style);
  groups.push(centred([details(detailsLv, DETAILS_LV), details(detailsEn, DETAILS_EN)]));

  // Equal gaps above, between and below the groups, capped so that short content stays together.
  const used = groups.reduce((sum, group) => sum + group.height, 0);
  const gap = Math.max(4, Math.min(24, (bottom - top - used) / (groups.length + 1)));
  let y = top + Math.max(gap, (bottom - top - used - gap * (groups.length - 1)) / 2);
  for (const group of groups) {
    group.draw(y);
    y += group.height + gap;
  }
}

/** The footer's three columns share one last baseline; returns the top of the tallest (the QR code). */
function drawFooter(doc: Doc, record: CertificateRecord): number {
  const euRight = drawEuBlock(doc);
  const { left: qrLeft, top } = drawVerification(doc, record.verifyUrl);
  drawNumber(doc, record, euRight + 16, qrLeft - 16);
  return top;
}

/** EU visibility rules: the emblem with the funding statement beside it, in a plain (non-italic) font. */
function drawEuBlock(doc: Doc): number {
  const height = EU_EMBLEM_HEIGHT;
  drawEuEmblem(doc, CONTENT_LEFT, FOOTER_BASELINE - height, height);
  const x = CONTENT_LEFT + height * 1.5 + 10;
  const blocks: TextBlock[] = [
    {
      style: { font: 'serif', size: 9, color: INK },
      lines: ['Līdzfinansē Eiropas Savienība', 'Co-funded by the European Union'],
    },
    {
      style: { font: 'serif', size: 7.5, color: MUTED },
      lines: ['Patvēruma, migrācijas un integrācijas fonds', 'Asylum, Migration and Integration Fund'],
    },
  ];
  drawBottomAligned(stack(doc, blocks, x, 'left', 1), blocks);
  return x + Math.max(...blocks.map((block) => blockWidth(doc, block)));
}

/** The EU emblem (geometry in `eu-emblem.ts`, shared with the web pages). */
function drawEuEmblem(doc: Doc, x: number, y: number, height: number): void {
  doc.rect(x, y, height * 1.5, height).fill(EU_BLUE);
  for (const star of euEmblemStars(height)) {
    star.forEach(([px, py], point) => (point === 0 ? doc.moveTo(x + px, y + py) : doc.lineTo(x + px, y + py)));
    doc.closePath();
  }
  doc.fill(EU_GOLD);
}

/** QR code of the verification URL, the URL under it, right-aligned to the code's visible edge. */
function drawVerification(doc: Doc, verifyUrl: string): { left: number; top: number } {
  const { modules } = createQrCode(verifyUrl, { errorCorrectionLevel: 'M' });
  const moduleSize = QR_SIZE / (modules.size + 2 * QR_QUIET_ZONE);
  const quiet = QR_QUIET_ZONE * moduleSize;
  const right = CONTENT_RIGHT; // the visible edge of the code; its quiet zone lies in the margin

  const url = fitText(doc, sanitizeText(verifyUrl), {
    font: 'serif',
    size: 6.5,
    color: ACCENT,
    minSize: 6,
    maxLines: 3,
    width: 300,
  });
  const label: TextBlock = {
    style: { font: 'serif', size: 7, color: MUTED },
    lines: ['Pārbaudīt apliecību / Verify this certificate'],
  };
  const captionHeight = blockHeight(label) + blockHeight(url);
  const captionTop = FOOTER_BASELINE - captionHeight + lineHeight(url.style) - firstBaseline(url.style);
  drawBlock(doc, label, right, captionTop, 'right');
  drawBlock(doc, url, right, captionTop + blockHeight(label), 'right', verifyUrl);

  const qrLeft = right + quiet - QR_SIZE;
  const qrTop = captionTop - QR_SIZE; // the caption starts below the quiet zone, which must stay blank
  doc.rect(qrLeft, qrTop, QR_SIZE, QR_SIZE).fill('#ffffff');
  // Dark modules as one path, with each row's runs merged into one rectangle (smaller, fewer seams).
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      let end = col;
      while (end + 1 < modules.size && modules.get(row, end + 1)) end++;
      doc.rect(
        qrLeft + quiet + col * moduleSize,
        qrTop + quiet + row * moduleSize,
        (end - col + 1) * moduleSize,
        moduleSize,
      );
      col = end;
    }
  }
  doc.fill('#000000');
  doc.link(qrLeft + quiet, qrTop + quiet, QR_SIZE - 2 * quiet, QR_SIZE - 2 * quiet, verifyUrl);
  return { left: Math.min(qrLeft + quiet, right - blockWidth(doc, url)), top: qrTop };
}

/**
 * Certificate number and, if any, the expiry date: centred on the page like the title, unless
 * the EU block or the verification column leaves too little room there.
 */
function drawNumber(doc: Doc, record: CertificateRecord, left: number, right: number): void {
  const width = right - left;
  const label = (text: string): TextBlock =>
    fitText(doc, text, { font: 'serif', size: 7, color: MUTED, minSize: 6, maxLines: 1, width });
  const value = (text: string, style: TextStyle): TextBlock =>
    fitText(doc, sanitizeText(text), { ...style, minSize: 7, maxLines: 2, width });
  const blocks = [
    label('Apliecības Nr. / Certificate No.'),
    value(record.number, { font: 'serifBold', size: 11, color: INK }),
  ];
  if (record.expiresAt) {
    blocks.push(
      label('Derīga līdz / Valid until'),
      value(LV_DATE.format(record.expiresAt), { font: 'serif', size: 9, color: INK }),
      value(EN_DATE.format(record.expiresAt), { font: 'serifItalic', size: 8.5, color: MUTED }),
    );
  }
  const half = Math.max(...blocks.map((block) => blockWidth(doc, block))) / 2;
  const centre = Math.min(Math.max(CENTER, left + half), right - half);
  drawBottomAligned(stack(doc, blocks, centre, 'center', 2), blocks);
}

/** Draws a stack so that its last baseline is the footer baseline. */
function drawBottomAligned(placed: Placed, blocks: TextBlock[]): void {
  const last = blocks[blocks.length - 1];
  if (!last) return;
  placed.draw(FOOTER_BASELINE - placed.height + lineHeight(last.style) - firstBaseline(last.style));
}

function renderDefault(doc: Doc, record: CertificateRecord): void {
  drawFrame(doc);
  const bodyTop = drawHeader(doc);
  const footerTop = drawFooter(doc, record);
  drawBody(doc, record, bodyTop, footerTop - 8);
}

const TEMPLATES: Record<string, (doc: Doc, record: CertificateRecord) => void> = { default: renderDefault };

// ---------------------------------------------------------------------------------------------
// Document

function checkRecord(record: CertificateRecord): (doc: Doc, record: CertificateRecord) => void {
  const template = Object.hasOwn(TEMPLATES, record.template) ? TEMPLATES[record.template] : undefined;
  if (!template) throw new Error(`Unknown certificate template "${record.template}"`);
  if (!Number.isFinite(record.hours) || record.hours <= 0)
    throw new Error(`Invalid certificate hours: ${record.hours}`);
  for (const key of ['completedAt', 'issuedAt', 'expiresAt'] as const) {
    const date = record[key];
    if (date && Number.isNaN(date.getTime())) throw new Error(`Invalid certificate date: ${key}`);
  }
  return template;
}

/**
 * Renders the certificate as a PDF. Deterministic: the dates in the document information are the
 * issue date (pdfkit would use the current time), and the file identifier, which pdfkit derives
 * from the information dictionary only, is replaced by a hash of the whole file body, so two
 * different certificates never share an identifier and the same record always gives the same bytes.
 */
export async function renderCertificate(record: CertificateRecord): Promise<Buffer> {
  const template = checkRecord(record);
  if (++documentsSinceReset > LAYOUT_RESET_EVERY) {
    layoutCaches.clear();
    documentsSinceReset = 0;
  }
  const fonts = await loadFonts();
  const number = sanitizeText(record.number);
  const doc = new PDFDocument({
    // No default font: pdfkit would load and parse Helvetica's metrics for every document.
    font: '',
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    lang: 'lv',
    displayTitle: true,
    info: {
      Title: `Apliecība / Certificate ${number}`,
      Author: 'Tilts',
      Creator: 'Tilts',
      Subject: `${sanitizeText(record.holderName)} — ${sanitizeText(record.courseTitle.lv)}`,
      CreationDate: record.issuedAt,
      ModDate: record.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolvePdf, reject) => {
    doc.on('end', () => resolvePdf(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  reuseCompressedSubsets(doc);
  for (const [name, font] of Object.entries(fonts)) {
    // pdfkit accepts a parsed fontkit font, though its type declarations only list file sources.
    doc.registerFont(name, font as unknown as Buffer);
    shareFontWork(doc, name as FontName);
  }
  template(doc, record);
  doc.end();
  return withContentId(await done);
}

/**
 * The parts of pdfkit's (undocumented) embedded font that the caches below reach into. pdfkit is
 * pinned to an exact version for this; the render tests (text, fonts, QR, identical bytes)
 * would fail if an upgrade changed them.
 */
interface EmbeddedFontInternals {
  layoutCache?: Record<string, unknown>;
  scale: number;
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  font: FontkitFont;
  subset: { glyphs: number[]; includeGlyph(id: number): number; encode(): Uint8Array };
}

interface CommonGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** The glyphs of the common characters, per font, looked up once. */
const commonGlyphs = new Map<FontName, CommonGlyph[]>();

/** Every letter of Latvian and English and the signs a certificate prints, spaced (no ligatures). */
const COMMON_CHARACTERS = [
  ...'AĀBCČDEĒFGĢHIĪJKĶLĻMNŅOPRSŠTUŪVZŽQWXYaābcčdeēfgģhiījkķlļmnņoprsštuūvzžqwxy0123456789',
  ...'.,:;!?()[]/%-–—„“”"\'’…+·№&',
].join(' ');

const layoutCaches = new Map<FontName, Record<string, unknown>>();
/** Names, numbers and addresses differ on every certificate: start the shared layouts afresh now and then. */
const LAYOUT_RESET_EVERY = 1000;
let documentsSinceReset = 0;
/** Compressed bytes of the encoded subsets above (deflate is deterministic: same input, same output). */
const compressedSubsets = new WeakMap<Uint8Array, Buffer>();
const encodedSubsets = new Map<string, Uint8Array>();
const MAX_SUBSETS = 500;

/**
 * Most of a certificate's rendering time went into work that is the same for every certificate:
 * shaping the same texts and encoding nearly the same font subsets. So, per font and process:
 * the shaped texts are shared between documents (pdfkit reads but never changes them), every
 * subset starts with the same glyphs in the same order (the common characters), and an encoded
 * subset is reused when a document needs exactly the same glyphs — most do, as a name rarely
 * needs a letter outside the common set. The output is byte-for-byte what pdfkit would write.
 */
function shareFontWork(doc: PDFKit.PDFDocument, name: FontName): void {
  doc.font(name);
  const embedded = (doc as unknown as { _font: EmbeddedFontInternals })._font;
  let layouts = layoutCaches.get(name);
  if (!layouts) {
    layouts = Object.create(null) as Record<string, unknown>;
    layoutCaches.set(name, layouts);
  }
  embedded.layoutCache = layouts;
  let glyphs = commonGlyphs.get(name);
  if (!glyphs) {
    glyphs = [...COMMON_CHARACTERS.replaceAll(' ', '')].map(
      (c) => embedded.font.glyphForCodePoint(c.codePointAt(0) ?? 0) as CommonGlyph,
    );
    commonGlyphs.set(name, glyphs);
  }
  // What pdfkit's own encode() records for each glyph of a text, done for the common glyphs.
  for (const glyph of glyphs) {
    const gid = embedded.subset.includeGlyph(glyph.id);
    embedded.widths[gid] ??= glyph.advanceWidth * embedded.scale;
    embedded.unicode[gid] ??= glyph.codePoints;
  }
  const { subset } = embedded;
  const encode = subset.encode.bind(subset);
  subset.encode = () => {
    const key = `${name}:${subset.glyphs.join(',')}`;
    let bytes = encodedSubsets.get(key);
    if (!bytes) {
      bytes = encode();
      if (encodedSubsets.size >= MAX_SUBSETS) encodedSubsets.delete(encodedSubsets.keys().next().value ?? '');
      encodedSubsets.set(key, bytes);
      sharedSubsets.add(bytes);
    }
    return bytes;
  };
}

/** The parts of pdfkit's (undocumented) PDF object references that reuseCompressedSubsets uses. */
interface ReferenceInternals {
  compress: boolean;
  data: Record<string, unknown>;
  write(chunk: Uint8Array): void;
  end(chunk?: Uint8Array): void;
  finalize(): void;
}

/**
 * A font subset that an earlier document already embedded is written with its compressed bytes
 * from then, instead of being deflated again — the same bytes pdfkit would produce (same data,
 * same zlib defaults, the dictionary keys in the same order).
 */
function reuseCompressedSubsets(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as { ref(data?: Record<string, unknown>): ReferenceInternals };
  const createRef = internals.ref.bind(internals);
  internals.ref = (data) => {
    const ref = createRef(data);
    const end = ref.end.bind(ref);
    ref.end = (chunk) => {
      if (!(chunk instanceof Uint8Array) || !ref.compress || !isSharedSubset(chunk)) return end(chunk);
      let compressed = compressedSubsets.get(chunk);
      if (!compressed) {
        compressed = deflateSync(chunk);
        compressedSubsets.set(chunk, compressed);
      }
      ref.compress = false;
      ref.write(compressed); // sets /Length first, as pdfkit does …
      ref.data['Filter'] = 'FlateDecode'; // … then /Filter
      ref.finalize();
    };
    return ref;
  };
}

const sharedSubsets = new WeakSet<Uint8Array>();

function isSharedSubset(bytes: Uint8Array): boolean {
  return sharedSubsets.has(bytes);
}

/** Replaces the trailer's /ID (two equal 16-byte hex strings) with a hash of everything before it. */
function withContentId(pdf: Buffer): Buffer {
  const trailerAt = pdf.lastIndexOf('trailer');
  const trailer = pdf.toString('latin1', trailerAt);
  const match = /\/ID \[<([0-9a-f]{32})> <\1>\]/.exec(trailer);
  if (trailerAt < 0 || !match) throw new Error('Unexpected PDF trailer: cannot set a deterministic /ID');
  const id = createHash('sha256').update(pdf.subarray(0, trailerAt)).digest('hex').slice(0, 32);
  const fixed = trailer.replace(match[0], `/ID [<${id}> <${id}>]`); // same length: offsets stay valid
  return Buffer.concat([pdf.subarray(0, trailerAt), Buffer.from(fixed, 'latin1')]);
}
