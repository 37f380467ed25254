/**
 * Attendance sign-in sheet: a printable, bilingual A4 PDF that the participants of one in-person
 * session sign, kept as paper evidence for the fund's auditors.
 *
 * Pure: no database and no framework. The whole sheet is laid out first (row heights, which rows
 * go on which page, where the trainer's signature goes), then drawn page by page, so every page
 * knows the page count ("Lapa N no M / Page N of M") without buffering pages.
 */
import PDFDocument from 'pdfkit';
import { sanitizeText } from '../certificates/render.ts';
import { ASCENT, DESCENT, loadFonts, type FontName } from '../certificates/fonts.ts';
import { EU_BLUE, EU_GOLD, euEmblemStars } from '../eu-emblem.ts';

export interface SignInSheet {
  courseTitle: { lv: string; en: string };
  cohortName: string;
  sessionTitle: string | null;
  /** An instant; printed in Europe/Riga time. */
  start: Date;
  durationMinutes: number;
  /** An address, or "online". */
  venue: string | null;
  trainers: string[];
  /** Already sorted by the caller; printed in this order. */
  participants: { name: string; institution: string | null }[];
  projectName: { lv: string; en: string };
  fundName: { lv: string; en: string };
}

type Doc = PDFKit.PDFDocument;

// ---------------------------------------------------------------------------------------------
// Text

interface TextStyle {
  font: FontName;
  size: number;
  color: string;
  /** Line height as a multiple of the size. */
  leading?: number;
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
  doc.font(style.font).fontSize(style.size);
  return doc.widthOfString(text);
}

const lineHeight = (style: TextStyle): number => style.size * (style.leading ?? 1.2);
const blockHeight = (block: TextBlock): number => block.lines.length * lineHeight(block.style);
const blockWidth = (doc: Doc, block: TextBlock): number =>
  Math.max(0, ...block.lines.map((line) => widthOf(doc, block.style, line)));
/** From the top of a line box to its baseline (the leading is shared above and below). */
const firstBaseline = (style: TextStyle): number =>
  (lineHeight(style) - style.size * (ASCENT + DESCENT)) / 2 + style.size * ASCENT;

const block = (style: TextStyle, ...lines: string[]): TextBlock => ({ style, lines });

/** Greedy word wrap; a word wider than the line (a long name without spaces) is broken by characters. */
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
    while (rest.length > 1 && widthOf(doc, style, rest.join('')) > width) {
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

/** How text of variable length may shrink and wrap. */
interface FitRule extends TextStyle {
  /** Smallest size for one line; also the size it wraps at. */
  minSize: number;
  maxLines: number;
  width: number;
}

/**
 * Fits text to a width: shrink in half-point steps down to `minSize` while it is one line, then wrap
 * at `minSize` into at most `maxLines`; only beyond that cut it and end it with "…".
 */
function fitText(doc: Doc, text: string, rule: FitRule): TextBlock {
  const { minSize, maxLines, width, ...style } = rule;
  if (!text) return { style, lines: [] };
  for (let size = style.size; size >= minSize; size -= 0.5) {
    const sized = { ...style, size };
    if (widthOf(doc, sized, text) <= width) return { style: sized, lines: [text] };
  }
  const small = { ...style, size: minSize };
  const lines = wrap(doc, small, text, width);
  if (lines.length <= maxLines) return { style: small, lines };
  const chars = Array.from(text);
  const cut = (n: number): string => `${chars.slice(0, n).join('').trimEnd()}…`;
  const keep = longestFittingPrefix(chars.length, (n) => wrap(doc, small, cut(n), width).length <= maxLines);
  return { style: small, lines: wrap(doc, small, cut(keep), width) };
}

type Align = 'left' | 'center' | 'right';

/** Draws a block with its first line box at `top`; `x` is the left edge, centre or right edge per `align`. */
function drawBlock(doc: Doc, text: TextBlock, x: number, top: number, align: Align = 'left'): void {
  const { style } = text;
  text.lines.forEach((line, index) => {
    useStyle(doc, style);
    const width = align === 'left' ? 0 : doc.widthOfString(line);
    const left = align === 'left' ? x : align === 'center' ? x - width / 2 : x - width;
    doc.text(line, left, top + index * lineHeight(style) + firstBaseline(style), {
      lineBreak: false,
      baseline: 'alphabetic',
    });
  });
}

/** Something measured first and drawn later, so that blocks can be spaced by their real heights. */
interface Placed {
  height: number;
  draw(top: number): void;
}

/** Blocks stacked one under the other (Latvian first, English below). */
function stack(doc: Doc, blocks: TextBlock[], x: number, align: Align, gap = 1): Placed {
  const shown = blocks.filter((b) => b.lines.length > 0);
  const height = shown.reduce((sum, b) => sum + blockHeight(b), 0) + gap * Math.max(0, shown.length - 1);
  return {
    height,
    draw(top) {
      let y = top;
      for (const b of shown) {
        drawBlock(doc, b, x, y, align);
        y += blockHeight(b) + gap;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Dates

const RIGA = 'Europe/Riga';
const LV_DATE = new Intl.DateTimeFormat('lv-LV', { dateStyle: 'long', timeZone: RIGA });
const EN_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: RIGA });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: RIGA });

/**
 * "2026. gada 3. decembris, 10:00–13:00" and "3 December 2026, 10:00–13:00", in Riga time (so
 * summer and winter time are right); a session that ends on another day shows both dates.
 */
export function sessionTimeText(start: Date, durationMinutes: number): { lv: string; en: string } {
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const format = (dates: Intl.DateTimeFormat): string => {
    const startDate = dates.format(start);
    if (durationMinutes === 0) return `${startDate}, ${TIME.format(start)}`;
    const endDate = dates.format(end);
    return endDate === startDate
      ? `${startDate}, ${TIME.format(start)}–${TIME.format(end)}`
      : `${startDate}, ${TIME.format(start)} – ${endDate}, ${TIME.format(end)}`;
  };
  return { lv: format(LV_DATE), en: format(EN_DATE) };
}

// ---------------------------------------------------------------------------------------------
// Page geometry (A4 portrait, points)

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const LEFT = 42;
const RIGHT = PAGE_WIDTH - 42;
const CONTENT_WIDTH = RIGHT - LEFT;
const CENTER = PAGE_WIDTH / 2;
const TOP = 34;

const ACCENT = '#0b5563';
const INK = '#1d2327';
const MUTED = '#55636b';
const RULE = '#3a4a52';
const HEADER_FILL = '#e4edef';

/** EU visibility rules: the emblem at least 1 cm high. */
const EU_EMBLEM_HEIGHT = 34;
const FOOTER_BOTTOM = PAGE_HEIGHT - 30;
const FOOTER_TOP = FOOTER_BOTTOM - EU_EMBLEM_HEIGHT - 6;
/** The table and the trainer's signature end above this. */
const BODY_BOTTOM = FOOTER_TOP - 12;

/** Table columns: number, name, institution, and a wide empty one for the signature. */
const COLUMNS = { number: 28, name: 168, institution: 138 } as const;
const COLUMN_X = {
  number: LEFT,
  name: LEFT + COLUMNS.number,
  institution: LEFT + COLUMNS.number + COLUMNS.name,
  signature: LEFT + COLUMNS.number + COLUMNS.name + COLUMNS.institution,
};
/** Tall enough to sign in (about 8.5 mm); a row grows when a long name wraps onto more lines. */
const ROW_MIN_HEIGHT = 24;
const CELL_PADDING_X = 4;
const CELL_PADDING_Y = 3;
/** A cell's text never takes more lines than this (at 8 pt; two fit the minimum row height); longer text is cut with "…". */
const CELL_MAX_LINES = 8;

// ---------------------------------------------------------------------------------------------
// Layout

interface Row {
  number: TextBlock;
  name: TextBlock;
  institution: TextBlock;
  height: number;
}

/**
 * A name or institution in its cell: one line at 10 down to 8.5 pt; else 8 pt on as many lines as
 * needed (two still fit the minimum row height; more make the row taller), at most CELL_MAX_LINES.
 */
function fitCell(doc: Doc, text: string, width: number, color: string): TextBlock {
  const style = { font: 'serif', color, leading: 1.12 } as const;
  if (!text) return { style: { ...style, size: 10 }, lines: [] };
  for (let size = 10; size >= 8.5; size -= 0.5) {
    if (widthOf(doc, { ...style, size }, text) <= width) return { style: { ...style, size }, lines: [text] };
  }
  return fitText(doc, text, { ...style, size: 8, minSize: 8, maxLines: CELL_MAX_LINES, width });
}

function layoutRow(doc: Doc, index: number, participant: SignInSheet['participants'][number]): Row {
  const inner = (width: number): number => width - 2 * CELL_PADDING_X;
  const name = fitCell(doc, sanitizeText(participant.name), inner(COLUMNS.name), INK);
  const institution = fitCell(doc, sanitizeText(participant.institution ?? ''), inner(COLUMNS.institution), MUTED);
  const number = block({ font: 'serif', size: 9, color: MUTED }, `${index + 1}.`);
  const height = Math.max(
    ROW_MIN_HEIGHT,
    blockHeight(name) + 2 * CELL_PADDING_Y,
    blockHeight(institution) + 2 * CELL_PADDING_Y,
  );
  return { number, name, institution, height };
}

/** The column headings: Latvian in bold, English in italic below. */
function tableHeader(doc: Doc): Placed {
  const cells: [number, string, string][] = [
    [COLUMN_X.number, 'Nr.', 'No.'],
    [COLUMN_X.name, 'Vārds, uzvārds', 'Name'],
    [COLUMN_X.institution, 'Iestāde', 'Institution'],
    [COLUMN_X.signature, 'Paraksts', 'Signature'],
  ];
  const stacks = cells.map(([x, lv, en]) => ({
    x,
    placed: stack(
      doc,
      [
        block({ font: 'serifBold', size: 8.5, color: INK }, lv),
        block({ font: 'serifItalic', size: 7.5, color: MUTED }, en),
      ],
      x + CELL_PADDING_X,
      'left',
      0,
    ),
  }));
  const height = Math.max(...stacks.map((s) => s.placed.height)) + 2 * CELL_PADDING_Y + 1;
  return {
    height,
    draw(top) {
      doc.rect(LEFT, top, CONTENT_WIDTH, height).fill(HEADER_FILL);
      for (const s of stacks) s.placed.draw(top + (height - s.placed.height) / 2);
    },
  };
}

/** The project's name at the top of every page. */
function projectLine(doc: Doc, sheet: SignInSheet): Placed {
  const rule = { minSize: 6.5, maxLines: 2, width: CONTENT_WIDTH };
  return stack(
    doc,
    [
      fitText(doc, sanitizeText(sheet.projectName.lv), { ...rule, font: 'serif', size: 8, color: ACCENT }),
      fitText(doc, sanitizeText(sheet.projectName.en), { ...rule, font: 'serifItalic', size: 7.5, color: MUTED }),
    ],
    CENTER,
    'center',
    1,
  );
}

/** Label column of the details grid: Latvian above, English below. */
const LABEL_WIDTH = 112;
const VALUE_X = LEFT + LABEL_WIDTH;
const VALUE_WIDTH = RIGHT - VALUE_X;

function detailRow(doc: Doc, lv: string, en: string, values: TextBlock[]): Placed {
  const label = stack(
    doc,
    [
      block({ font: 'serifBold', size: 8.5, color: ACCENT }, lv),
      block({ font: 'serifItalic', size: 7.5, color: MUTED }, en),
    ],
    LEFT,
    'left',
    0,
  );
  const value = stack(doc, values, VALUE_X, 'left', 1);
  return {
    height: Math.max(label.height, value.height),
    draw(top) {
      label.draw(top);
      value.draw(top);
    },
  };
}

/** A row whose value is to be written by hand: a label and a rule. */
function blankDetailRow(doc: Doc, lv: string, en: string): Placed {
  const row = detailRow(doc, lv, en, []);
  return {
    height: row.height,
    draw(top) {
      row.draw(top);
      doc
        .lineWidth(0.5)
        .moveTo(VALUE_X, top + row.height - 2)
        .lineTo(VALUE_X + 240, top + row.height - 2)
        .stroke(MUTED);
    },
  };
}

/** First page: project, title, the session's details and the attendance statement. */
function fullHeader(doc: Doc, sheet: SignInSheet, time: { lv: string; en: string }): Placed {
  const value = (text: string, style: Omit<FitRule, 'width'>): TextBlock =>
    fitText(doc, sanitizeText(text), { ...style, width: VALUE_WIDTH });
  const lvValue = { font: 'serif', size: 10.5, minSize: 9, maxLines: 3, color: INK } as const;
  const enValue = { font: 'serifItalic', size: 9.5, minSize: 8, maxLines: 3, color: MUTED } as const;

  const parts: { placed: Placed; gapAfter: number }[] = [];
  parts.push({ placed: projectLine(doc, sheet), gapAfter: 12 });
  parts.push({
    placed: stack(
      doc,
      [
        block({ font: 'serifBold', size: 16, color: ACCENT }, 'Dalībnieku reģistrācijas lapa'),
        block({ font: 'serifItalic', size: 11, color: MUTED }, 'Attendance sheet'),
      ],
      CENTER,
      'center',
      2,
    ),
    gapAfter: 14,
  });

  const details: Placed[] = [
    detailRow(doc, 'Kurss', 'Course', [
      value(sheet.courseTitle.lv, { ...lvValue, font: 'serifBold' }),
      value(sheet.courseTitle.en, enValue),
    ]),
    detailRow(doc, 'Grupa', 'Cohort', [value(sheet.cohortName, lvValue)]),
  ];
  const session = sanitizeText(sheet.sessionTitle ?? '');
  if (session) details.push(detailRow(doc, 'Nodarbība', 'Session', [value(session, lvValue)]));
  details.push(detailRow(doc, 'Datums un laiks', 'Date and time', [value(time.lv, lvValue), value(time.en, enValue)]));
  const venue = sanitizeText(sheet.venue ?? '');
  if (!venue) details.push(blankDetailRow(doc, 'Norises vieta', 'Venue'));
  else if (venue.toLowerCase() === 'online')
    details.push(detailRow(doc, 'Norises vieta', 'Venue', [value('Tiešsaistē', lvValue), value('Online', enValue)]));
  else details.push(detailRow(doc, 'Norises vieta', 'Venue', [value(venue, lvValue)]));
  const trainers = sheet.trainers.map(sanitizeText).filter(Boolean);
  const [trainerLv, trainerEn] = trainers.length > 1 ? ['Pasniedzēji', 'Trainers'] : ['Pasniedzējs', 'Trainer'];
  if (trainers.length === 0) details.push(blankDetailRow(doc, trainerLv, trainerEn));
  else details.push(detailRow(doc, trainerLv, trainerEn, [value(trainers.join(', '), lvValue)]));
  details.forEach((placed, index) => parts.push({ placed, gapAfter: index === details.length - 1 ? 12 : 7 }));

  const statement = { minSize: 7.5, maxLines: 2, width: CONTENT_WIDTH } as const;
  parts.push({
    placed: stack(
      doc,
      [
        fitText(doc, 'Ar savu parakstu apliecinu, ka piedalījos šajā mācību nodarbībā.', {
          ...statement,
          font: 'serif',
          size: 8.5,
          color: INK,
        }),
        fitText(doc, 'By signing, I confirm that I attended this training session.', {
          ...statement,
          font: 'serifItalic',
          size: 8,
          color: MUTED,
        }),
      ],
      LEFT,
      'left',
      0,
    ),
    gapAfter: 6,
  });
  return sequence(doc, parts, true);
}

/** Later pages: project, title, and one line saying which course, cohort and date the page belongs to. */
function continuationHeader(doc: Doc, sheet: SignInSheet, time: { lv: string; en: string }): Placed {
  const context = [sheet.courseTitle.lv, sheet.cohortName, sheet.sessionTitle ?? '']
    .map(sanitizeText)
    .filter(Boolean)
    .concat(time.lv)
    .join(' · ');
  return sequence(
    doc,
    [
      { placed: projectLine(doc, sheet), gapAfter: 10 },
      {
        placed: stack(
          doc,
          [
            block({ font: 'serifBold', size: 12, color: ACCENT }, 'Dalībnieku reģistrācijas lapa / Attendance sheet'),
            fitText(doc, context, {
              font: 'serif',
              size: 8.5,
              minSize: 7.5,
              maxLines: 1,
              width: CONTENT_WIDTH,
              color: MUTED,
            }),
          ],
          CENTER,
          'center',
          3,
        ),
        gapAfter: 12,
      },
    ],
    false,
  );
}

/** Parts one under another; with `ruleAfterTitle`, a short rule under the second part (the title). */
function sequence(doc: Doc, parts: { placed: Placed; gapAfter: number }[], ruleAfterTitle: boolean): Placed {
  const height = parts.reduce((sum, part) => sum + part.placed.height + part.gapAfter, 0);
  return {
    height,
    draw(top) {
      let y = top;
      parts.forEach((part, index) => {
        part.placed.draw(y);
        y += part.placed.height + part.gapAfter;
        if (ruleAfterTitle && index === 1) {
          const ruleY = y - part.gapAfter / 2;
          doc
            .lineWidth(0.8)
            .moveTo(CENTER - 36, ruleY)
            .lineTo(CENTER + 36, ruleY)
            .stroke(ACCENT);
        }
      });
    },
  };
}

/** Last page, under the table: the counts and a signature line per trainer (one blank if none is known). */
function closingBlock(doc: Doc, sheet: SignInSheet): Placed {
  const trainers = sheet.trainers.map(sanitizeText).filter(Boolean);
  const signers = trainers.length > 0 ? trainers : [''];
  const label = block({ font: 'serif', size: 9, color: INK }, 'Pasniedzējs / Trainer:');
  const countsLeft = block(
    { font: 'serif', size: 9, color: INK },
    `Reģistrēti dalībnieki / Registered participants: ${sheet.participants.length}`,
  );
  const countsRight = block({ font: 'serif', size: 9, color: INK }, 'Klātesošie / Present:');
  const nameStyle = { font: 'serifItalic', size: 7.5, color: MUTED, minSize: 6.5, maxLines: 1, width: 220 } as const;
  const SIGN_SPACE = 22; // room above each signature line
  const countsHeight = blockHeight(countsLeft);
  const perSigner = SIGN_SPACE + lineHeight(nameStyle) + 2;
  const height = 14 + countsHeight + signers.length * perSigner;
  return {
    height,
    draw(top) {
      let y = top + 14;
      drawBlock(doc, countsLeft, LEFT, y);
      const presentX = RIGHT - 150;
      drawBlock(doc, countsRight, presentX, y);
      const baseline = y + firstBaseline(countsLeft.style);
      const presentEnd = presentX + blockWidth(doc, countsRight) + 4;
      doc
        .lineWidth(0.5)
        .moveTo(presentEnd, baseline + 1)
        .lineTo(RIGHT, baseline + 1)
        .stroke(RULE);
      y += countsHeight;
      const lineStart = LEFT + blockWidth(doc, label) + 6;
      const lineEnd = lineStart + 220;
      for (const signer of signers) {
        const labelTop = y + SIGN_SPACE - lineHeight(label.style);
        drawBlock(doc, label, LEFT, labelTop);
        const lineY = labelTop + firstBaseline(label.style) + 1;
        doc.lineWidth(0.6).moveTo(lineStart, lineY).lineTo(lineEnd, lineY).stroke(RULE);
        if (signer) drawBlock(doc, fitText(doc, signer, nameStyle), (lineStart + lineEnd) / 2, lineY + 1.5, 'center');
        y += perSigner;
      }
    },
  };
}

interface PageLayout {
  header: Placed;
  rows: Row[];
  /** Whether the trainer's block goes under this page's table (the last page only). */
  closing: boolean;
}

/**
 * Splits the rows into pages: as many as fit under each page's header; the trainer's block goes
 * under the last row, and if it does not fit there, the last row moves with it to a new page, so
 * the signatures are never on a page of their own.
 */
function paginate(
  first: Placed,
  next: Placed,
  tableHeaderHeight: number,
  rows: Row[],
  closingHeight: number,
): PageLayout[] {
  const pages: PageLayout[] = [];
  let page: PageLayout = { header: first, rows: [], closing: false };
  let y = TOP + first.height + tableHeaderHeight;
  for (const row of rows) {
    if (y + row.height > BODY_BOTTOM && page.rows.length > 0) {
      pages.push(page);
      page = { header: next, rows: [], closing: false };
      y = TOP + next.height + tableHeaderHeight;
    }
    page.rows.push(row);
    y += row.height;
  }
  if (y + closingHeight > BODY_BOTTOM) {
    const moved = page.rows.length > 1 ? page.rows.splice(-1) : [];
    pages.push(page);
    page = { header: next, rows: moved, closing: false };
  }
  page.closing = true;
  pages.push(page);
  return pages;
}

// ---------------------------------------------------------------------------------------------
// Drawing

function drawTable(doc: Doc, header: Placed, rows: Row[], top: number): number {
  header.draw(top);
  let y = top + header.height;
  for (const row of rows) {
    const middle = (b: TextBlock): number => y + (row.height - blockHeight(b)) / 2;
    drawBlock(doc, row.number, COLUMN_X.name - CELL_PADDING_X, middle(row.number), 'right');
    drawBlock(doc, row.name, COLUMN_X.name + CELL_PADDING_X, middle(row.name));
    drawBlock(doc, row.institution, COLUMN_X.institution + CELL_PADDING_X, middle(row.institution));
    y += row.height;
    doc.moveTo(LEFT, y).lineTo(RIGHT, y);
  }
  doc.lineWidth(0.5).stroke(RULE);
  // Column rules and the frame over the whole table.
  for (const x of [COLUMN_X.name, COLUMN_X.institution, COLUMN_X.signature]) doc.moveTo(x, top).lineTo(x, y);
  doc.lineWidth(0.5).stroke(RULE);
  doc
    .lineWidth(0.9)
    .rect(LEFT, top, CONTENT_WIDTH, y - top)
    .stroke(RULE);
  doc
    .lineWidth(0.9)
    .moveTo(LEFT, top + header.height)
    .lineTo(RIGHT, top + header.height)
    .stroke(RULE);
  return y;
}

/** The emblem with the funding statement and the fund beside it, and the page number on the right. */
function drawFooter(doc: Doc, sheet: SignInSheet, pageNumber: number, pageCount: number): void {
  doc.lineWidth(0.4).moveTo(LEFT, FOOTER_TOP).lineTo(RIGHT, FOOTER_TOP).stroke('#b9c4c9');
  const height = EU_EMBLEM_HEIGHT;
  const emblemTop = FOOTER_BOTTOM - height;
  doc.rect(LEFT, emblemTop, height * 1.5, height).fill(EU_BLUE);
  for (const star of euEmblemStars(height)) {
    star.forEach(([px, py], point) =>
      point === 0 ? doc.moveTo(LEFT + px, emblemTop + py) : doc.lineTo(LEFT + px, emblemTop + py),
    );
    doc.closePath();
  }
  doc.fill(EU_GOLD);

  const textX = LEFT + height * 1.5 + 8;
  const pageLabel = block(
    { font: 'serif', size: 8, color: MUTED, leading: 1.12 },
    `Lapa ${pageNumber} no ${pageCount} / Page ${pageNumber} of ${pageCount}`,
  );
  const pageLabelWidth = blockWidth(doc, pageLabel);
  const textWidth = RIGHT - pageLabelWidth - 16 - textX;
  const statement = block(
    { font: 'serif', size: 8.5, color: INK, leading: 1.12 },
    'Līdzfinansē Eiropas Savienība',
    'Co-funded by the European Union',
  );
  const fundRule = {
    font: 'serif',
    size: 7,
    minSize: 6,
    maxLines: 1,
    width: textWidth,
    color: MUTED,
    leading: 1.12,
  } as const;
  const funds = [
    fitText(doc, sanitizeText(sheet.fundName.lv), fundRule),
    fitText(doc, sanitizeText(sheet.fundName.en), fundRule),
  ];
  const blocks = [statement, ...funds].filter((b) => b.lines.length > 0);
  const placed = stack(doc, blocks, textX, 'left', 0);
  const last = blocks[blocks.length - 1] ?? statement;
  // The last line's descent ends with the emblem.
  const lastBaseline = FOOTER_BOTTOM - last.style.size * DESCENT;
  placed.draw(lastBaseline - placed.height + lineHeight(last.style) - firstBaseline(last.style));
  drawBlock(doc, pageLabel, RIGHT, lastBaseline - firstBaseline(pageLabel.style), 'right');
}

function checkSheet(sheet: SignInSheet): void {
  if (Number.isNaN(sheet.start.getTime())) throw new Error('Invalid sign-in sheet start date');
  if (!Number.isFinite(sheet.durationMinutes) || sheet.durationMinutes < 0)
    throw new Error(`Invalid sign-in sheet duration: ${sheet.durationMinutes}`);
}

/** Renders the attendance sheet of one session as a PDF (A4 portrait, as many pages as needed). */
export async function renderSignInSheet(sheet: SignInSheet): Promise<Buffer> {
  checkSheet(sheet);
  const fonts = await loadFonts();
  const time = sessionTimeText(sheet.start, sheet.durationMinutes);
  const doc = new PDFDocument({
    // No default font: pdfkit would load and parse Helvetica's metrics for every document.
    font: '',
    size: 'A4',
    margin: 0,
    lang: 'lv',
    displayTitle: true,
    info: {
      Title: `Dalībnieku reģistrācijas lapa / Attendance sheet — ${sanitizeText(sheet.cohortName)}, ${time.lv}`,
      Subject: sanitizeText(sheet.courseTitle.lv),
      Author: 'Tilts',
      Creator: 'Tilts',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolvePdf, reject) => {
    doc.on('end', () => resolvePdf(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit accepts a parsed fontkit font, though its type declarations only list file sources.
  for (const [name, font] of Object.entries(fonts)) doc.registerFont(name, font as unknown as Buffer);

  const header = tableHeader(doc);
  const rows = sheet.participants.map((participant, index) => layoutRow(doc, index, participant));
  const closing = closingBlock(doc, sheet);
  const pages = paginate(
    fullHeader(doc, sheet, time),
    continuationHeader(doc, sheet, time),
    header.height,
    rows,
    closing.height,
  );
  pages.forEach((page, index) => {
    if (index > 0) doc.addPage();
    page.header.draw(TOP);
    const tableBottom = drawTable(doc, header, page.rows, TOP + page.header.height);
    if (page.closing) closing.draw(tableBottom);
    drawFooter(doc, sheet, index + 1, pages.length);
  });
  doc.end();
  return done;
}
