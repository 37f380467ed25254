import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { hoursText, renderCertificate, sanitizeText, type CertificateRecord } from './render.ts';

mkdirSync('data/test', { recursive: true });
const dir = mkdtempSync('data/test/certificates-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record: CertificateRecord = {
  number: 'LV-ICC-2026-000123',
  holderName: 'Ērika Šķēle-Žagare',
  courseTitle: { lv: 'Starpkultūru komunikācija sociālajā darbā', en: 'Intercultural communication in social work' },
  hours: 10.5,
  completedAt: new Date('2026-11-26T10:00:00Z'),
  issuedAt: new Date('2026-11-27T09:00:00Z'),
  place: 'Rīga',
  statement: {
    lv: 'Apguva starpkultūru komunikācijas pamatus un darbu ar tulku.',
    en: 'Learned the basics of intercultural communication and working with an interpreter.',
  },
  verifyUrl: 'https://tilts.example.lv/verify/q3Zk9vB2xY7mN4pLw8RtE5sA1cD6fG0h',
  expiresAt: new Date('2029-11-26T10:00:00Z'),
  template: 'default',
};

let files = 0;
/** Renders a record into the temporary folder and returns the PDF's path. */
async function renderToFile(changes: Partial<CertificateRecord> = {}): Promise<string> {
  const file = join(dir, `certificate-${++files}.pdf`);
  writeFileSync(file, await renderCertificate({ ...record, ...changes }));
  return file;
}

const run = (tool: string, ...args: string[]): string => execFileSync(tool, args, { encoding: 'utf8' });
const textOf = (file: string): string => run('pdftotext', file, '-');

interface Box {
  word: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word on the page with its bounding box, from `pdftotext -bbox`. */
function wordsOf(file: string): { page: { width: number; height: number }; words: Box[] } {
  const html = run('pdftotext', '-bbox', file, '-');
  const page = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html);
  const words = [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/g),
  ];
  return {
    page: { width: Number(page?.[1]), height: Number(page?.[2]) },
    words: words.map(([, xMin, yMin, xMax, yMax, word]) => ({
      word: word ?? '',
      xMin: Number(xMin),
      yMin: Number(yMin),
      xMax: Number(xMax),
      yMax: Number(yMax),
    })),
  };
}

const overlap = (a: Box, b: Box, tolerance = 0.5): boolean =>
  a.xMin < b.xMax - tolerance &&
  b.xMin < a.xMax - tolerance &&
  a.yMin < b.yMax - tolerance &&
  b.yMin < a.yMax - tolerance;

describe('renderCertificate', () => {
  it.each([
    ['a name with diacritics', 'Ērika Šķēle-Žagare'],
    ['every Latvian letter in both cases', 'Āā Čč Ēē Ģģ Īī Ķķ Ļļ Ņņ Šš Ūū Žž'],
  ])('writes %s, the number, the course and the EU line as selectable text', async (_case, holderName) => {
    const text = textOf(await renderToFile({ holderName }));
    for (const expected of [
      holderName,
      'LV-ICC-2026-000123',
      'Starpkultūru komunikācija sociālajā darbā',
      'Intercultural communication in social work',
      'Līdzfinansē Eiropas Savienība',
      'Co-funded by the European Union',
      'Patvēruma, migrācijas un integrācijas fonds',
      'Asylum, Migration and Integration Fund',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('keeps the text layer right across certificates that share the parsed fonts', async () => {
    // "ž" is drawn from the glyph of "z"; "ﬁ" is a ligature: both once broke later PDFs' text.
    await renderToFile({ holderName: 'Žžž Ḟfi ﬁnis', courseTitle: { lv: 'žžž', en: 'ﬁﬂ' } });
    const text = textOf(await renderToFile({ holderName: 'Zane Ozola-Fifa', courseTitle: { lv: 'Zz', en: 'Fine' } }));
    for (const expected of ['Zane Ozola-Fifa', 'Zz', 'Fine', 'Certificate No.', 'Co-funded']) {
      expect(text).toContain(expected);
    }
  });

  it('writes the bilingual details, the place, the statement and the expiry date', async () => {
    const text = textOf(await renderToFile());
    for (const expected of [
      'APLIECĪBA',
      'CERTIFICATE',
      'Apjoms: 10,5 akadēmiskās stundas',
      'Length: 10.5 academic hours',
      '2026. gada 26. novembris',
      '26 November 2026',
      'Vieta: Rīga',
      'Apguva starpkultūru komunikācijas pamatus',
      'Derīga līdz / Valid until',
      '2029. gada 26. novembris',
      'Projekts „Starpkultūru komunikācijas mācības dažādu jomu profesionāļiem”',
      record.verifyUrl,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('leaves out the place, statement and expiry date when there are none', async () => {
    const text = textOf(await renderToFile({ place: null, statement: null, expiresAt: null }));
    expect(text).not.toContain('Vieta');
    expect(text).not.toContain('Apguva');
    expect(text).not.toContain('Derīga līdz');
    expect(text).toContain('LV-ICC-2026-000123');
  });

  it('embeds every font it uses (DejaVu)', async () => {
    const rows = run('pdffonts', await renderToFile())
      .split('\n')
      .slice(2)
      .filter((line) => line.trim());
    const fonts = rows.map((line) => {
      const match = /^(\S+)\s.*\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      return { name: match?.[1] ?? line, embedded: match?.[2] };
    });
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSerif',
      'DejaVuSerif-Bold',
      'DejaVuSerif-Italic',
    ]);
    expect(fonts.filter((font) => font.embedded !== 'yes')).toEqual([]);
  });

  it('draws a QR code that decodes to the verification URL', async () => {
    const file = await renderToFile();
    const prefix = file.replace(/\.pdf$/, '');
    run('pdftoppm', '-png', '-r', '150', '-singlefile', file, prefix);
    const png = PNG.sync.read(readFileSync(`${prefix}.png`));
    const code = jsQR(
      new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
      png.width,
      png.height,
    );
    expect(code?.data).toBe(record.verifyUrl);
  });

  it('is deterministic: the same record gives the same bytes, another number other bytes', async () => {
    const first = await renderCertificate(record);
    const second = await renderCertificate({ ...record });
    const other = await renderCertificate({ ...record, number: 'LV-ICC-2026-000124' });
    expect(first.equals(second)).toBe(true);
    expect(first.equals(other)).toBe(false);
    // The file identifier is derived from the content, so it differs too.
    const id = (pdf: Buffer): string | undefined => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))?.[1];
    expect(id(first)).not.toBe(id(other));
    expect(first.toString('latin1')).toContain('(D:20261127090000Z)');
  });

  it.each([
    ['a 300-character name', { holderName: 'Anna-Marija Ērika Šķēle-Žagare Ozoliņa '.repeat(8).slice(0, 300) }],
    ['a name without spaces', { holderName: 'Ž'.repeat(300) }],
    [
      'a 500-character course title',
      {
        courseTitle: {
          lv: 'Starpkultūru komunikācija veselības aprūpē '.repeat(12).slice(0, 500),
          en: 'Intercultural communication in health care '.repeat(12).slice(0, 500),
        },
      },
    ],
    [
      'everything long at once',
      {
        holderName: 'Anna-Marija Ērika Šķēle-Žagare Ozoliņa '.repeat(8).slice(0, 300),
        courseTitle: {
          lv: 'Starpkultūru komunikācija '.repeat(20).slice(0, 500),
          en: 'Intercultural communication '.repeat(20).slice(0, 500),
        },
        statement: {
          lv: 'Apguva starpkultūru komunikāciju. '.repeat(30),
          en: 'Learned intercultural communication. '.repeat(30),
        },
        place: 'Daugavpils novada Līksnas pagasts '.repeat(10),
        verifyUrl: `https://tilts.example.lv/verify/${'x'.repeat(120)}`,
      },
    ],
  ])('keeps %s on one page without overflow or overlap', async (_case, changes: Partial<CertificateRecord>) => {
    const file = await renderToFile(changes);
    expect(run('pdfinfo', file)).toMatch(/^Pages:\s+1$/m);
    const text = textOf(file);
    expect(text).toContain('LV-ICC-2026-000123');
    expect(text).toContain('Co-funded by the European Union');
    expect(text).toContain('…');

    // Every word lies inside the inner frame (28 pt from the edges) and no two words overlap.
    const { page, words } = wordsOf(file);
    expect(words.length).toBeGreaterThan(40);
    for (const word of words) {
      expect(word.xMin, word.word).toBeGreaterThanOrEqual(28);
      expect(word.yMin, word.word).toBeGreaterThanOrEqual(28);
      expect(word.xMax, word.word).toBeLessThanOrEqual(page.width - 28);
      expect(word.yMax, word.word).toBeLessThanOrEqual(page.height - 28);
    }
    const overlapping = words.flatMap((a, i) =>
      words.slice(i + 1).flatMap((b) => (overlap(a, b) ? [`${a.word} / ${b.word}`] : [])),
    );
    expect(overlapping).toEqual([]);
  });

  it('draws markup literally and drops control characters', async () => {
    const file = await renderToFile({ holderName: '<b>Ilze</b>\u0007 Ozola' });
    const text = textOf(file);
    expect(text).toContain('<b>Ilze</b> Ozola');
    expect(text).not.toContain('\u0007');
    // The document information (shown by PDF viewers) is sanitised too.
    expect(run('pdfinfo', file)).toMatch(/^Subject:\s+<b>Ilze<\/b> Ozola — /m);
  });

  it('rejects an unknown template, naming it', async () => {
    await expect(renderCertificate({ ...record, template: 'fancy-gold' })).rejects.toThrow(/fancy-gold/);
  });

  it('reads the fonts from CERTIFICATE_FONTS_DIR when it is set', async () => {
    const previous = process.env['CERTIFICATE_FONTS_DIR'];
    try {
      process.env['CERTIFICATE_FONTS_DIR'] = join(dir, 'no-fonts-here');
      await expect(renderCertificate(record)).rejects.toThrow(/no-fonts-here/);
      process.env['CERTIFICATE_FONTS_DIR'] = 'certificates/fonts';
      expect((await renderCertificate(record)).equals(await renderCertificate(record))).toBe(true);
    } finally {
      if (previous === undefined) delete process.env['CERTIFICATE_FONTS_DIR'];
      else process.env['CERTIFICATE_FONTS_DIR'] = previous;
    }
  });
});

describe('hoursText', () => {
  it.each([
    [1, '1 akadēmiskā stunda', '1 academic hour'],
    [21, '21 akadēmiskā stunda', '21 academic hours'],
    [101, '101 akadēmiskā stunda', '101 academic hours'],
    [11, '11 akadēmiskās stundas', '11 academic hours'],
    [111, '111 akadēmiskās stundas', '111 academic hours'],
    [8, '8 akadēmiskās stundas', '8 academic hours'],
    [10.5, '10,5 akadēmiskās stundas', '10.5 academic hours'],
    [1.5, '1,5 akadēmiskās stundas', '1.5 academic hours'],
  ])('%s hours', (hours, lv, en) => {
    expect(hoursText(hours)).toEqual({ lv, en });
  });
});

describe('sanitizeText', () => {
  it.each([
    ['<b>Ilze</b>\u0007 Ozola', '<b>Ilze</b> Ozola'],
    ['  Jānis\t\n Bērziņš  ', 'Jānis Bērziņš'],
    ['Il\u0000ze\u009F', 'Ilze'],
    ['Ilze \u202Eanis', 'Ilze anis'],
    ['E\u0304rika', 'Ērika'],
    ['Certi\uFB01cate', 'Certificate'],
  ])('%j → %j', (input, output) => {
    expect(sanitizeText(input)).toBe(output);
  });
});
