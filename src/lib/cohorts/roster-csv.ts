import Papa from 'papaparse';
import { SECTORS, type Sector } from '../reference/index.ts';
import { emailSchema } from '../users/schemas.ts';
import { lv } from '../i18n/messages/lv.ts';
import { en } from '../i18n/messages/en.ts';

/**
 * The roster CSV a trainer uploads to put learners into a cohort. Pure: bytes and the known
 * institutions in, rows with their problems (or one file-level error) out; nothing is saved here.
 *
 * Latvian Excel writes "CSV (Comma delimited)" as Windows-1257 with `;` between fields,
 * "CSV UTF-8" with a byte-order mark, and "Unicode text" as tab-separated UTF-16LE; all are read.
 */

export interface InstitutionRef {
  id: number;
  name: string;
  registrationNumber: string | null;
}

export type RowProblem =
  | { code: 'name.missing' }
  | { code: 'name.tooLong' }
  | { code: 'email.missing' }
  | { code: 'email.invalid'; value: string }
  | { code: 'email.duplicate'; firstLine: number }
  | { code: 'sector.unknown'; value: string }
  | { code: 'sector.missing' }
  | { code: 'institution.unknown'; value: string }
  | { code: 'position.tooLong' };

export interface RosterRow {
  /** 1-based line of the file where the row starts (the header is line 1). */
  line: number;
  name: string;
  email: string;
  sector: Sector | null;
  institutionId: number | null;
  /** The institution cell as written (trimmed); '' when empty or there is no such column. */
  institutionText: string;
  position: string | null;
  problems: RowProblem[];
}

export type RosterFileError =
  | { code: 'file.empty' }
  | { code: 'file.tooManyRows'; max: number; found: number }
  | { code: 'file.encoding' }
  | { code: 'file.columnsMissing'; missing: ('name' | 'email' | 'sector')[] }
  | { code: 'file.tooLarge'; maxBytes: number };

export type RosterDelimiter = ';' | ',' | '\t';
export type RosterEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1257';

export type RosterParse =
  | { ok: true; rows: RosterRow[]; delimiter: RosterDelimiter; encoding: RosterEncoding }
  | { ok: false; error: RosterFileError };

export const MAX_ROSTER_ROWS = 5000;
export const MAX_ROSTER_BYTES = 2 * 1024 * 1024;
export const MAX_NAME_LENGTH = 120;
export const MAX_POSITION_LENGTH = 120;

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Lower case, without diacritics (ā → a, ķ → k), every run of non-letters/digits one space. */
function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A header cell as a key: folded, with no spaces at all ("E-pasts" → "epasts"). */
function headerKey(value: string): string {
  return fold(value).replace(/ /g, '');
}

/** Trim and make every run of whitespace (also no-break spaces, tabs, line breaks) one space. */
function squeeze(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Decoding

type Decoded = { ok: true; text: string; encoding: RosterEncoding } | { ok: false };

function decodeStrict(bytes: Uint8Array, label: 'utf-8' | 'utf-16le' | 'utf-16be'): string | null {
  try {
    // The default ignoreBOM: false drops a byte-order mark of the same encoding.
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decode(bytes: Uint8Array): Decoded {
  const [b0, b1, b2] = bytes;
  let encoding: RosterEncoding;
  let text: string | null;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    encoding = 'utf-8';
    text = decodeStrict(bytes, 'utf-8');
  } else if (b0 === 0xff && b1 === 0xfe) {
    encoding = 'utf-16le';
    text = decodeStrict(bytes, 'utf-16le');
  } else if (b0 === 0xfe && b1 === 0xff) {
    encoding = 'utf-16be';
    text = decodeStrict(bytes, 'utf-16be');
  } else if (bytes.includes(0)) {
    // No text file has NUL bytes, but UTF-16 without a byte-order mark has one in every ASCII
    // character: on the high side (LE: "N\0a\0") or the low one (BE: "\0N\0a"). Anything else
    // (a spreadsheet or other binary file) is not a CSV.
    if (b0 !== 0 && b1 === 0) {
      encoding = 'utf-16le';
      text = decodeStrict(bytes, 'utf-16le');
    } else if (b0 === 0 && b1 !== 0) {
      encoding = 'utf-16be';
      text = decodeStrict(bytes, 'utf-16be');
    } else {
      return { ok: false };
    }
  } else {
    text = decodeStrict(bytes, 'utf-8');
    encoding = 'utf-8';
    if (text === null) {
      // Not UTF-8: what Latvian Excel writes for "CSV (Comma delimited)". Never throws; the two
      // bytes the code page leaves undefined come out as U+FFFD and are caught below.
      text = new TextDecoder('windows-1257').decode(bytes);
      encoding = 'windows-1257';
    }
  }
  if (text === null || text.includes('\uFFFD') || text.includes('\u0000')) return { ok: false };
  return { ok: true, text, encoding };
}

// ---------------------------------------------------------------------------------------------
// Columns

type Field = 'name' | 'firstName' | 'lastName' | 'email' | 'sector' | 'institution' | 'position';

const HEADER_ALIASES: Record<Field, string[]> = {
  name: [
    'Vārds, uzvārds',
    'Vārds un uzvārds',
    'Uzvārds, vārds',
    'Pilns vārds',
    'Dalībnieks',
    'Name',
    'Full name',
    'Name and surname',
    'Name, surname',
  ],
  firstName: ['Vārds', 'First name', 'Given name', 'Forename'],
  lastName: ['Uzvārds', 'Last name', 'Surname', 'Family name'],
  email: [
    'E-pasts',
    'E-pasta adrese',
    'Epasts',
    'E-pasts (darba)',
    'Elektroniskais pasts',
    'Elektroniskā pasta adrese',
    'Email',
    'E-mail',
    'Email address',
    'E-mail address',
  ],
  sector: ['Nozare', 'Darba nozare', 'Joma', 'Sector'],
  institution: [
    'Iestāde',
    'Iestādes nosaukums',
    'Darbavieta',
    'Darba vieta',
    'Organizācija',
    'Institution',
    'Organisation',
    'Organization',
    'Employer',
  ],
  position: ['Amats', 'Ieņemamais amats', 'Position', 'Job title'],
};

const HEADER_FIELDS = new Map<string, Field>();
for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [Field, string[]][]) {
  for (const alias of aliases) HEADER_FIELDS.set(headerKey(alias), field);
}

type Columns = Partial<Record<Field, number>>;

/** Which column holds which field: the first column whose header names it wins. */
function mapColumns(header: string[]): Columns {
  const columns: Columns = {};
  header.forEach((cell, index) => {
    const field = HEADER_FIELDS.get(headerKey(cell));
    if (field !== undefined && columns[field] === undefined) columns[field] = index;
  });
  return columns;
}

const DELIMITERS: RosterDelimiter[] = [';', '\t', ','];

/**
 * The delimiter that makes the most of the header line into known columns; on a tie, the one
 * that splits it into the most cells; then `;` (Latvian Excel) before tab before `,`.
 */
function detectDelimiter(headerLine: string): RosterDelimiter {
  let best: RosterDelimiter = ';';
  let bestScore = [-1, -1];
  for (const delimiter of DELIMITERS) {
    const cells = Papa.parse<string[]>(headerLine, { delimiter, newline: '\n' }).data[0] ?? [];
    const known = Object.keys(mapColumns(cells)).length;
    const [bestKnown = -1, bestCells = -1] = bestScore;
    if (known > bestKnown || (known === bestKnown && cells.length > bestCells)) {
      best = delimiter;
      bestScore = [known, cells.length];
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Sectors and institutions

const SECTOR_SHORT_FORMS: Record<Sector, string[]> = {
  education: [
    'izglītība',
    'izglītības iestāde',
    'skola',
    'skolas',
    'vispārējā izglītība',
    'pirmsskola',
    'pirmsskolas izglītība',
    'bērnudārzs',
    'augstskola',
    'augstākā izglītība',
    'universitāte',
    'school',
    'schools',
    'higher education',
  ],
  police: [
    'policija',
    'valsts policija',
    'pašvaldības policija',
    'robežsardze',
    'valsts robežsardze',
    'policija un robežsardze',
    'iekšlietas',
    'police',
    'border guard',
    'police and border guard',
  ],
  health: [
    'veselība',
    'veselības aprūpe',
    'veselības nozare',
    'medicīna',
    'slimnīca',
    'health',
    'healthcare',
    'health care',
    'medicine',
  ],
  public_administration: [
    'pārvalde',
    'valsts pārvalde',
    'pašvaldība',
    'pašvaldības',
    'valsts un pašvaldību pārvalde',
    'valsts iestāde',
    'public administration',
    'administration',
    'government',
    'municipality',
    'local government',
  ],
  other: ['cits', 'cita', 'citi', 'cita joma', 'cita nozare', 'other', 'other field'],
};

const SECTOR_NAMES = new Map<string, Sector>();
for (const sector of SECTORS) {
  const names = [sector, lv[`sector.${sector}`], en[`sector.${sector}`], ...SECTOR_SHORT_FORMS[sector]];
  for (const name of names) if (typeof name === 'string') SECTOR_NAMES.set(fold(name), sector);
}

/** A sector code, or its Latvian or English name or a usual short form; null if unknown. */
function parseSector(value: string): Sector | null {
  return SECTOR_NAMES.get(fold(value)) ?? null;
}

/** An institution name as a key: quotes of every kind dropped, then folded. */
function institutionKey(value: string): string {
  return fold(value.replace(/["'«»“”„‟‘’‚‛]/g, ''));
}

/** A registration number as written ("90000000102", "LV 9000 0000 102"): its digits, else null. */
function registrationKey(value: string): string | null {
  const match = /^(?:LV)?[\s-]*(\d[\d\s-]*)$/i.exec(value.trim());
  return match?.[1] ? match[1].replace(/\D/g, '') : null;
}

function institutionMatcher(institutions: InstitutionRef[]): (value: string) => number | null {
  const byName = new Map<string, number>();
  const byNumber = new Map<string, number>();
  for (const institution of institutions) {
    const nameKey = institutionKey(institution.name);
    if (nameKey && !byName.has(nameKey)) byName.set(nameKey, institution.id);
    const number = institution.registrationNumber && registrationKey(institution.registrationNumber);
    if (number && !byNumber.has(number)) byNumber.set(number, institution.id);
  }
  return (value) => {
    const number = registrationKey(value);
    if (number !== null) {
      const id = byNumber.get(number);
      if (id !== undefined) return id;
    }
    return byName.get(institutionKey(value)) ?? null;
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing

interface RawRow {
  line: number;
  cells: string[];
}

function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Excel's optional first line naming the delimiter: `sep=;` (possibly followed by empty cells). */
const SEP_LINE = /^"?sep=([;,\t])"?[;,\t]*\n/i;

export function parseRoster(bytes: Uint8Array, institutions: InstitutionRef[]): RosterParse {
  if (bytes.length > MAX_ROSTER_BYTES)
    return { ok: false, error: { code: 'file.tooLarge', maxBytes: MAX_ROSTER_BYTES } };
  if (bytes.length === 0) return { ok: false, error: { code: 'file.empty' } };

  const decoded = decode(bytes);
  if (!decoded.ok) return { ok: false, error: { code: 'file.encoding' } };
  const { encoding } = decoded;

  // One kind of line break (a break inside a quoted cell too) keeps line counting simple.
  let text = decoded.text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { ok: false, error: { code: 'file.empty' } };

  let delimiter: RosterDelimiter;
  const sep = SEP_LINE.exec(text);
  if (sep?.[1]) {
    delimiter = sep[1] as RosterDelimiter;
    text = text.slice(sep[0].length - 1); // keep its line break: an empty line, counted but skipped
  } else {
    // The header is the first line with a letter or digit (Excel may write ";;;" lines first).
    const headerLine = /^.*[\p{L}\p{N}].*$/mu.exec(text)?.[0] ?? '';
    delimiter = detectDelimiter(headerLine);
  }

  let parsed = Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '"', skipEmptyLines: false });
  if (parsed.errors.some((error) => error.code === 'MissingQuotes')) {
    // A quote opened and never closed would swallow the rest of the file into one cell and
    // silently drop every row after it. Read quotes as plain characters instead: every row stays
    // visible, and the broken one shows its stray quote. (NUL never occurs: decode refuses it.)
    parsed = Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '\u0000', skipEmptyLines: false });
  }

  // Papa's rows, each with the line it starts on: a row takes one line plus one per line break
  // inside its quoted cells.
  let header: RawRow | null = null;
  const dataRows: RawRow[] = [];
  let line = 1;
  for (const cells of parsed.data) {
    const start = line;
    line += 1;
    for (const cell of cells) {
      for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) line += 1;
    }
    if (isBlank(cells)) continue;
    if (header === null) header = { line: start, cells };
    else dataRows.push({ line: start, cells });
  }
  if (header === null) return { ok: false, error: { code: 'file.empty' } };

  const columns = mapColumns(header.cells);
  const nameColumns = [columns.name ?? columns.firstName, columns.name === undefined ? columns.lastName : undefined];
  const missing: ('name' | 'email' | 'sector')[] = [];
  if (nameColumns[0] === undefined) missing.push('name');
  if (columns.email === undefined) missing.push('email');
  if (columns.sector === undefined) missing.push('sector');
  if (missing.length > 0) return { ok: false, error: { code: 'file.columnsMissing', missing } };

  // Rows whose known cells are all empty (e.g. a template's pre-numbered "Nr." column) are
  // not learners: skip them like empty lines.
  const known = Object.values(columns);
  const rows = dataRows.filter((row) => known.some((index) => (row.cells[index] ?? '').trim() !== ''));
  if (rows.length === 0) return { ok: false, error: { code: 'file.empty' } };
  if (rows.length > MAX_ROSTER_ROWS) {
    return { ok: false, error: { code: 'file.tooManyRows', max: MAX_ROSTER_ROWS, found: rows.length } };
  }

  const cell = (row: RawRow, index: number | undefined): string =>
    index === undefined ? '' : (row.cells[index] ?? '').trim();
  const matchInstitution = institutionMatcher(institutions);
  const firstLineOfEmail = new Map<string, number>();

  const result = rows.map((row): RosterRow => {
    const problems: RowProblem[] = [];

    const name = squeeze(nameColumns.map((index) => cell(row, index)).join(' '));
    if (name === '') problems.push({ code: 'name.missing' });
    else if (name.length > MAX_NAME_LENGTH) problems.push({ code: 'name.tooLong' });

    const emailText = cell(row, columns.email);
    let email = emailText.toLowerCase();
    if (emailText === '') {
      problems.push({ code: 'email.missing' });
    } else {
      const checked = emailSchema.safeParse(emailText);
      if (!checked.success) {
        problems.push({ code: 'email.invalid', value: emailText });
      } else {
        email = checked.data;
        const firstLine = firstLineOfEmail.get(email);
        if (firstLine === undefined) firstLineOfEmail.set(email, row.line);
        else problems.push({ code: 'email.duplicate', firstLine });
      }
    }

    const sectorText = cell(row, columns.sector);
    const sector = sectorText === '' ? null : parseSector(sectorText);
    if (sectorText === '') problems.push({ code: 'sector.missing' });
    else if (sector === null) problems.push({ code: 'sector.unknown', value: sectorText });

    const institutionText = cell(row, columns.institution);
    const institutionId = institutionText === '' ? null : matchInstitution(institutionText);
    if (institutionText !== '' && institutionId === null) {
      problems.push({ code: 'institution.unknown', value: institutionText });
    }

    const position = squeeze(cell(row, columns.position)) || null;
    if (position !== null && position.length > MAX_POSITION_LENGTH) problems.push({ code: 'position.tooLong' });

    return { line: row.line, name, email, sector, institutionId, institutionText, position, problems };
  });

  return { ok: true, rows: result, delimiter, encoding };
}
