import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_INSTITUTIONS } from '../../../db/seed/demo-data.ts';
import { MAX_ROSTER_ROWS, parseRoster, type InstitutionRef, type RosterParse, type RosterRow } from './roster-csv.ts';

const INSTITUTIONS: InstitutionRef[] = DEMO_INSTITUTIONS.map((institution, index) => ({
  id: index + 1,
  name: institution.name,
  registrationNumber: institution.registrationNumber,
}));
function institutionId(name: string): number {
  const found = INSTITUTIONS.find((institution) => institution.name === name);
  if (!found) throw new Error(`No demo institution ${name}`);
  return found.id;
}
const DVG = institutionId('Daugavpils Valsts ģimnāzija');
const HOSPITAL = institutionId('Daugavpils reģionālā slimnīca');
const BORDER_GUARD = institutionId('Valsts robežsardzes Daugavpils pārvalde');

// --- Byte builders ------------------------------------------------------------------------------

function utf8(text: string, bom = false): Uint8Array {
  return new TextEncoder().encode(bom ? `\uFEFF${text}` : text);
}
function utf16le(text: string, bom = true): Uint8Array {
  const units = (bom ? '\uFEFF' : '') + text;
  const bytes = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const unit = units.charCodeAt(i);
    bytes[i * 2] = unit & 0xff;
    bytes[i * 2 + 1] = unit >> 8;
  }
  return bytes;
}
function utf16be(text: string, bom = true): Uint8Array {
  const le = utf16le(text, bom);
  const be = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return be;
}
/** Windows-1257 (Baltic) bytes of the Latvian letters; ASCII is itself. */
const CP1257: Record<string, number> = {
  ā: 0xe2,
  č: 0xe8,
  ē: 0xe7,
  ģ: 0xec,
  ī: 0xee,
  ķ: 0xed,
  ļ: 0xef,
  ņ: 0xf2,
  š: 0xf0,
  ū: 0xfb,
  ž: 0xfe,
  Ā: 0xc2,
  Č: 0xc8,
  Ē: 0xc7,
  Ģ: 0xcc,
  Ī: 0xce,
  Ķ: 0xcd,
  Ļ: 0xcf,
  Ņ: 0xd2,
  Š: 0xd0,
  Ū: 0xdb,
  Ž: 0xde,
};
function cp1257(text: string): Uint8Array {
  return Uint8Array.from([...text], (char) => {
    const byte = char.charCodeAt(0) < 0x80 ? char.charCodeAt(0) : CP1257[char];
    if (byte === undefined) throw new Error(`No Windows-1257 byte for ${char}`);
    return byte;
  });
}
/** Lines joined with CRLF and a final CRLF, as Excel writes them. */
function crlf(...lines: string[]): string {
  return lines.map((line) => `${line}\r\n`).join('');
}

// --- Result helpers -----------------------------------------------------------------------------

function rowsOf(result: RosterParse): RosterRow[] {
  if (!result.ok) throw new Error(`Expected rows, got ${JSON.stringify(result.error)}`);
  return result.rows;
}
function parseText(text: string): RosterRow[] {
  return rowsOf(parseRoster(utf8(text), INSTITUTIONS));
}
function only(rows: RosterRow[]): RosterRow {
  expect(rows).toHaveLength(1);
  const [row] = rows;
  if (!row) throw new Error('no row');
  return row;
}
const LV_HEADER = 'Vārds, uzvārds;E-pasts;Nozare;Iestāde;Amats';

describe('parseRoster: encodings and delimiters', () => {
  const lines = [
    ['Vārds, uzvārds', 'E-pasts', 'Nozare', 'Iestāde', 'Amats'],
    ['Jeļena Ivanova', 'jelena.ivanova@dvg.demo', 'Izglītība', 'Daugavpils Valsts ģimnāzija', 'Skolotāja'],
    ['Ģirts Ķēniņš', 'girts.kenins@dvg.demo', 'izglītība', 'Daugavpils Valsts ģimnāzija', 'Ķīmijas skolotājs'],
  ];
  // A cell holding the delimiter is quoted, as Excel does.
  const join = (delimiter: string) =>
    lines.map((cells) => cells.map((c) => (c.includes(delimiter) ? `"${c}"` : c)).join(delimiter));

  it.each([
    ['semicolon, UTF-8 with BOM (Excel "CSV UTF-8")', utf8(crlf(...join(';')), true), ';', 'utf-8'],
    ['comma, UTF-8 without BOM', utf8(join(',').join('\n')), ',', 'utf-8'],
    ['tab, UTF-16LE with BOM (Excel "Unicode text")', utf16le(crlf(...join('\t'))), '\t', 'utf-16le'],
    ['tab, UTF-16BE with BOM', utf16be(crlf(...join('\t'))), '\t', 'utf-16be'],
    ['tab, UTF-16LE without BOM', utf16le(crlf(...join('\t')), false), '\t', 'utf-16le'],
    ['semicolon, Windows-1257 (Excel "CSV (Comma delimited)")', cp1257(crlf(...join(';'))), ';', 'windows-1257'],
    ['comma, Windows-1257', cp1257(crlf(...join(','))), ',', 'windows-1257'],
  ])('%s', (_label, bytes, delimiter, encoding) => {
    const result = parseRoster(bytes, INSTITUTIONS);
    expect(result).toMatchObject({ ok: true, delimiter, encoding });
    expect(rowsOf(result)).toEqual([
      {
        line: 2,
        name: 'Jeļena Ivanova',
        email: 'jelena.ivanova@dvg.demo',
        sector: 'education',
        institutionId: DVG,
        institutionText: 'Daugavpils Valsts ģimnāzija',
        position: 'Skolotāja',
        problems: [],
      },
      {
        line: 3,
        name: 'Ģirts Ķēniņš',
        email: 'girts.kenins@dvg.demo',
        sector: 'education',
        institutionId: DVG,
        institutionText: 'Daugavpils Valsts ģimnāzija',
        position: 'Ķīmijas skolotājs',
        problems: [],
      },
    ]);
  });

  it('decodes every Latvian letter from Windows-1257 bytes', () => {
    const letters = 'āčēģīķļņšūž';
    const result = parseRoster(
      cp1257(crlf(LV_HEADER, `Ārija ${letters} ${letters.toUpperCase()};a@b.demo;Cita joma;;`)),
      [],
    );
    expect(result).toMatchObject({ ok: true, encoding: 'windows-1257' });
    expect(only(rowsOf(result)).name).toBe(`Ārija ${letters} ${letters.toUpperCase()}`);
  });

  it('reads the Windows-1257 decoder of Node (full ICU)', () => {
    expect(new TextDecoder('windows-1257').decode(cp1257('ĀāČčŽž'))).toBe('ĀāČčŽž');
  });

  it('takes the delimiter from an Excel "sep=" line', () => {
    const result = parseRoster(utf8(crlf('sep=,', 'Name,Email,Sector', 'Anna Liepa,anna@x.demo,health')), []);
    expect(result).toMatchObject({ ok: true, delimiter: ',' });
    expect(only(rowsOf(result))).toMatchObject({ line: 3, name: 'Anna Liepa', sector: 'health' });
  });

  it('picks the delimiter that names the columns, not the one inside "Vārds, uzvārds"', () => {
    const result = parseRoster(utf8('Vārds, uzvārds;E-pasts;Nozare\nAnna Liepa;anna@x.demo;Izglītība\n'), []);
    expect(result).toMatchObject({ ok: true, delimiter: ';' });
  });

  it.each([
    [
      'a byte Windows-1257 leaves undefined',
      Uint8Array.from([...cp1257('Name;Email;Sector\nJ'), 0xa1, ...cp1257('nis;j@b.demo;other')]),
    ],
    ['a UTF-8 byte-order mark before bytes that are not UTF-8', Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0xe2, 0x3b])],
    ['UTF-16 with an odd number of bytes', Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x42])],
    ['a binary file (NUL bytes)', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00])],
    ['replacement characters already in the text', utf8('Name;Email;Sector\nJ\uFFFDnis;j@b.demo;other\n')],
  ])('refuses %s as file.encoding', (_label, bytes) => {
    expect(parseRoster(bytes, [])).toEqual({ ok: false, error: { code: 'file.encoding' } });
  });

  it('refuses a file over 2 MB before reading it', () => {
    const bytes = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x41);
    expect(parseRoster(bytes, [])).toEqual({ ok: false, error: { code: 'file.tooLarge', maxBytes: 2 * 1024 * 1024 } });
  });
});

describe('parseRoster: CSV structure', () => {
  it('keeps quoted cells with the delimiter, quotes and line breaks inside; counts file lines', () => {
    const rows = parseText(
      crlf(
        LV_HEADER,
        '"Bērziņš; Jānis";janis@x.demo;Izglītība;"Daugavpils Valsts ģimnāzija";"Skolotājs; audzinātājs"',
        '"Anna ""Ance"" Liepa";anna@x.demo;Izglītība;;"Direktora vietniece',
        'izglītības jomā"',
        'Pēteris Kalns;peteris@x.demo;Izglītība;;',
      ),
    );
    expect(rows.map((r) => [r.line, r.name, r.position])).toEqual([
      [2, 'Bērziņš; Jānis', 'Skolotājs; audzinātājs'],
      [3, 'Anna "Ance" Liepa', 'Direktora vietniece izglītības jomā'],
      [5, 'Pēteris Kalns', null],
    ]);
    expect(rows.every((r) => r.problems.length === 0)).toBe(true);
  });

  it('keeps every row visible when a quote is opened and never closed', () => {
    const rows = parseText(
      crlf(LV_HEADER, '"Anna Liepa;anna@x.demo;Izglītība;;', 'Juris Kalns;juris@x.demo;Izglītība;;'),
    );
    expect(rows.map((r) => [r.line, r.name, r.email, r.problems])).toEqual([
      [2, '"Anna Liepa', 'anna@x.demo', []],
      [3, 'Juris Kalns', 'juris@x.demo', []],
    ]);
  });

  it('reads CRLF lines without leaving carriage returns in values', () => {
    const rows = parseText('Name;Email;Sector\r\nAnna Liepa;anna@x.demo;health\r\nJuris Kalns;juris@x.demo;police\r\n');
    expect(rows.map((r) => [r.line, r.name, r.email, r.sector])).toEqual([
      [2, 'Anna Liepa', 'anna@x.demo', 'health'],
      [3, 'Juris Kalns', 'juris@x.demo', 'police'],
    ]);
  });

  it('skips empty lines and rows of empty cells, still counting them', () => {
    const rows = parseText(
      crlf(
        '',
        'Nr.;Vārds, uzvārds;E-pasts;Nozare',
        '',
        '1;Anna Liepa;anna@x.demo;other',
        ';;;',
        '2;;;',
        '3;Juris;j@x.demo;other',
        '',
        '',
      ),
    );
    expect(rows.map((r) => [r.line, r.name])).toEqual([
      [4, 'Anna Liepa'],
      [7, 'Juris'],
    ]);
  });

  it('trims cells and collapses spaces in names and positions', () => {
    const row = only(
      parseText(
        'Name;Email;Sector;Position\n  Anna \u00a0  Marija   Liepa ; ANNA@X.Demo ; health ;  Ārsta   palīdze \n',
      ),
    );
    expect(row).toMatchObject({ name: 'Anna Marija Liepa', email: 'anna@x.demo', position: 'Ārsta palīdze' });
  });

  it('ignores unknown columns and fills missing trailing cells with empty ones', () => {
    const row = only(
      parseText('Nr.;Name;Phone;Email;Sector;Notes;Position\n7;Anna Liepa;+371 20000000;anna@x.demo;health\n'),
    );
    expect(row).toMatchObject({ name: 'Anna Liepa', email: 'anna@x.demo', sector: 'health', position: null });
    expect(row.problems).toEqual([]);
  });
});

describe('parseRoster: header', () => {
  it.each([
    ['Vārds, uzvārds;E-pasts;Nozare;Iestāde;Amats'],
    ['vārds un uzvārds;e-pasta adrese;nozare;darbavieta;amats'],
    ['VĀRDS UZVĀRDS;EPASTS;NOZARE;IESTĀDE;AMATS'],
    ['Vards Uzvards;E-pasts;Nozare;Iestade;Amats'],
    ['Name;Email;Sector;Institution;Position'],
    ['Full name;E-mail;Sector;Organisation;Job title'],
    ['FULL NAME;E-Mail;sector;Organization;Job Title'],
  ])('maps %s', (header) => {
    const row = only(parseText(`${header}\nAnna Liepa;anna@x.demo;Izglītība;Daugavpils Valsts ģimnāzija;Skolotāja\n`));
    expect(row).toMatchObject({ name: 'Anna Liepa', email: 'anna@x.demo', sector: 'education', institutionId: DVG });
    expect(row.position).toBe('Skolotāja');
  });

  it.each([
    ['Vārds;Uzvārds;E-pasts;Nozare', 'Anna;Liepa;anna@x.demo;other', 'Anna Liepa'],
    ['First name,Last name,Email,Sector', 'Anna,Liepa,anna@x.demo,other', 'Anna Liepa'],
    ['Uzvārds;Vārds;E-pasts;Nozare', 'Liepa;Anna;anna@x.demo;other', 'Anna Liepa'],
    ['Vārds;Uzvārds;E-pasts;Nozare', 'Anna;;anna@x.demo;other', 'Anna'],
    ['Vārds;E-pasts;Nozare', 'Anna Liepa;anna@x.demo;other', 'Anna Liepa'],
  ])('joins separate name columns: %s', (header, line, name) => {
    expect(only(parseText(`${header}\n${line}\n`)).name).toBe(name);
  });

  it.each([
    ['Vārds, uzvārds;Nozare;Iestāde', ['email']],
    ['E-pasts;Nozare', ['name']],
    ['Name,Email', ['sector']],
    ['Uzvārds;E-pasts;Nozare', ['name']],
    ['Kolonna A;Kolonna B', ['name', 'email', 'sector']],
    ['Anna Liepa;anna@x.demo;health', ['name', 'email', 'sector']],
  ])('refuses %s as file.columnsMissing %j', (header, missing) => {
    expect(parseRoster(utf8(`${header}\nx;y;z\n`), [])).toEqual({
      ok: false,
      error: { code: 'file.columnsMissing', missing },
    });
  });
});

describe('parseRoster: rows', () => {
  const parseOne = (cells: string) => only(parseText(`${LV_HEADER}\n${cells}\n`));

  it.each([
    ['Anna Liepa;;Izglītība;;', [{ code: 'email.missing' }]],
    ['Anna Liepa;anna@x;Izglītība;;', [{ code: 'email.invalid', value: 'anna@x' }]],
    [
      'Anna Liepa; Anna Liepa <anna@x.demo> ;Izglītība;;',
      [{ code: 'email.invalid', value: 'Anna Liepa <anna@x.demo>' }],
    ],
    ['Anna Liepa;anna@@x.demo;Izglītība;;', [{ code: 'email.invalid', value: 'anna@@x.demo' }]],
    ['Anna Liepa;anna@x.demo;Kultūra;;', [{ code: 'sector.unknown', value: 'Kultūra' }]],
    ['Anna Liepa;anna@x.demo;;;', [{ code: 'sector.missing' }]],
    [';anna@x.demo;Izglītība;;', [{ code: 'name.missing' }]],
    [`${'A'.repeat(121)};anna@x.demo;Izglītība;;`, [{ code: 'name.tooLong' }]],
    ['Anna Liepa;anna@x.demo;Izglītība;;' + 'B'.repeat(121), [{ code: 'position.tooLong' }]],
    [
      'Anna Liepa;anna@x.demo;Izglītība;Daugavpils 1. vidusskola;',
      [{ code: 'institution.unknown', value: 'Daugavpils 1. vidusskola' }],
    ],
    [
      ';;Zvejniecība;Nekur;',
      [
        { code: 'name.missing' },
        { code: 'email.missing' },
        { code: 'sector.unknown', value: 'Zvejniecība' },
        { code: 'institution.unknown', value: 'Nekur' },
      ],
    ],
  ])('%s → problems %j', (cells, problems) => {
    expect(parseOne(cells).problems).toEqual(problems);
  });

  it('accepts a name and a position of exactly 120 characters', () => {
    const row = parseOne(`${'A'.repeat(120)};anna@x.demo;Izglītība;;${'B'.repeat(120)}`);
    expect(row.problems).toEqual([]);
  });

  it('flags the second and later uses of an e-mail with the first line, ignoring case', () => {
    const rows = parseText(
      crlf(
        LV_HEADER,
        'Anna Liepa;anna@x.demo;Izglītība;;',
        'Juris Kalns;juris@x.demo;Izglītība;;',
        'Anna Liepa-Kalna;ANNA@X.DEMO;Izglītība;;',
        'Ance Liepa; anna@x.demo ;Izglītība;;',
      ),
    );
    expect(rows.map((r) => [r.line, r.email, r.problems])).toEqual([
      [2, 'anna@x.demo', []],
      [3, 'juris@x.demo', []],
      [4, 'anna@x.demo', [{ code: 'email.duplicate', firstLine: 2 }]],
      [5, 'anna@x.demo', [{ code: 'email.duplicate', firstLine: 2 }]],
    ]);
  });

  it.each([
    ['education', 'education'],
    ['Izglītība', 'education'],
    ['IZGLITIBA', 'education'],
    ['skola', 'education'],
    ['Education', 'education'],
    ['police', 'police'],
    ['Policija un robežsardze', 'police'],
    ['policija', 'police'],
    ['Robežsardze', 'police'],
    ['Police and border guard', 'police'],
    ['health', 'health'],
    ['Veselības aprūpe', 'health'],
    ['veseliba', 'health'],
    ['Medicīna', 'health'],
    ['Healthcare', 'health'],
    ['public_administration', 'public_administration'],
    ['Valsts un pašvaldību pārvalde', 'public_administration'],
    ['pārvalde', 'public_administration'],
    ['Pašvaldība', 'public_administration'],
    ['Public administration', 'public_administration'],
    ['other', 'other'],
    ['Cita joma', 'other'],
    ['Other field', 'other'],
  ])('reads sector %s as %s', (value, sector) => {
    expect(parseOne(`Anna Liepa;anna@x.demo;${value};;`)).toMatchObject({ sector, problems: [] });
  });

  it.each([
    ['Daugavpils Valsts ģimnāzija', DVG],
    ['daugavpils valsts ģimnāzija', DVG],
    ['DAUGAVPILS VALSTS GIMNAZIJA', DVG],
    ['Daugavpils   Valsts  ģimnāzija', DVG],
    ['«Daugavpils Valsts ģimnāzija»', DVG],
    ['“Daugavpils Valsts ģimnāzija”', DVG],
    ['"""Daugavpils Valsts ģimnāzija"""', DVG],
    ['90000000102', DVG],
    ['LV90000000102', DVG],
    ['Daugavpils reģionālā slimnīca', HOSPITAL],
    ['Valsts robežsardzes Daugavpils pārvalde', BORDER_GUARD],
  ])('matches institution %s', (value, id) => {
    expect(parseOne(`Anna Liepa;anna@x.demo;Izglītība;${value};`)).toMatchObject({ institutionId: id, problems: [] });
  });

  it('leaves an empty institution cell (or no such column) as null without a problem', () => {
    expect(parseOne('Anna Liepa;anna@x.demo;Izglītība;;')).toMatchObject({ institutionId: null, institutionText: '' });
    expect(only(parseText('Name;Email;Sector\nAnna Liepa;anna@x.demo;other\n'))).toMatchObject({
      institutionId: null,
      institutionText: '',
      problems: [],
    });
  });

  it('keeps the institution text as written for an unknown one', () => {
    expect(parseOne('Anna Liepa;anna@x.demo;Izglītība; 99999999999 ;')).toMatchObject({
      institutionId: null,
      institutionText: '99999999999',
      problems: [{ code: 'institution.unknown', value: '99999999999' }],
    });
  });
});

describe('parseRoster: size limits and empty files', () => {
  const roster = (count: number) => {
    const lines = ['Vārds, uzvārds;E-pasts;Nozare;Iestāde;Amats'];
    for (let i = 1; i <= count; i++) {
      lines.push(`Dalībnieks Nr${i};dalibnieks.${i}@dvg.demo;Izglītība;Daugavpils Valsts ģimnāzija;Skolotājs`);
    }
    return utf8(crlf(...lines), true);
  };

  it(`parses ${MAX_ROSTER_ROWS} rows well under a second`, () => {
    const bytes = roster(MAX_ROSTER_ROWS);
    const started = performance.now();
    const result = parseRoster(bytes, INSTITUTIONS);
    const elapsed = performance.now() - started;
    const rows = rowsOf(result);
    expect(rows).toHaveLength(MAX_ROSTER_ROWS);
    expect(rows.at(-1)).toMatchObject({ line: MAX_ROSTER_ROWS + 1, institutionId: DVG, problems: [] });
    expect(rows.every((r) => r.problems.length === 0)).toBe(true);
    expect(elapsed).toBeLessThan(500);
  });

  it(`refuses ${MAX_ROSTER_ROWS + 1} rows as a whole`, () => {
    expect(parseRoster(roster(MAX_ROSTER_ROWS + 1), INSTITUTIONS)).toEqual({
      ok: false,
      error: { code: 'file.tooManyRows', max: MAX_ROSTER_ROWS, found: MAX_ROSTER_ROWS + 1 },
    });
  });

  it.each([
    ['no bytes', new Uint8Array()],
    ['a byte-order mark only', utf8('', true)],
    ['blank lines only', utf8('\r\n \r\n\t\r\n')],
    ['a header only', utf8(`${LV_HEADER}\r\n`, true)],
    ['a header and empty rows', utf8(crlf(LV_HEADER, ';;;;', '', ';;;;'))],
    ['a UTF-16 header only', utf16le(`${LV_HEADER.replace(/;/g, '\t')}\r\n`)],
  ])('refuses %s as file.empty', (_label, bytes) => {
    expect(parseRoster(bytes, INSTITUTIONS)).toEqual({ ok: false, error: { code: 'file.empty' } });
  });
});

describe('parseRoster: fixtures', () => {
  const fixture = (name: string) =>
    new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/cohorts/${name}`, import.meta.url)));

  it('reads teachers-25.csv (Excel "CSV UTF-8"): 25 good rows and 3 flagged ones', () => {
    const bytes = fixture('teachers-25.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const result = parseRoster(bytes, INSTITUTIONS);
    expect(result).toMatchObject({ ok: true, delimiter: ';', encoding: 'utf-8' });
    const rows = rowsOf(result);
    expect(rows).toHaveLength(28);
    const good = rows.filter((r) => r.problems.length === 0);
    expect(good).toHaveLength(25);
    expect(good.every((r) => r.sector === 'education' && r.institutionId === DVG && r.position !== null)).toBe(true);
    expect(rows[0]).toMatchObject({ line: 2, name: 'Jeļena Ivanova', email: 'jelena.ivanova@dvg.demo' });
    expect(rows.filter((r) => r.problems.length > 0).map((r) => [r.line, r.problems])).toEqual([
      [27, [{ code: 'email.invalid', value: 'janis.berzins@dvg' }]],
      [28, [{ code: 'sector.unknown', value: 'Kultūra' }]],
      [29, [{ code: 'email.duplicate', firstLine: 3 }]],
    ]);
  });

  it('reads teachers-1257.csv (Excel "CSV (Comma delimited)" in Windows-1257)', () => {
    const result = parseRoster(fixture('teachers-1257.csv'), INSTITUTIONS);
    expect(result).toMatchObject({ ok: true, delimiter: ';', encoding: 'windows-1257' });
    expect(rowsOf(result).map((r) => [r.name, r.sector, r.institutionId, r.position, r.problems])).toEqual([
      ['Ģirts Ķēniņš', 'education', DVG, 'Ķīmijas skolotājs', []],
      ['Žanna Čaupjonoka', 'education', DVG, 'Šaha pulciņa vadītāja', []],
      ['Ļubova Šņepste', 'health', HOSPITAL, 'Māsa', []],
      ['Ūlis Žūriņš', 'police', BORDER_GUARD, 'Inspektors', []],
    ]);
  });
});
