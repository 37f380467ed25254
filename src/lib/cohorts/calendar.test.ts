import { describe, expect, it } from 'vitest';
import { type CalendarEvent, calendarFile, escapeText, foldLine, formatUtc, sequenceFor } from './calendar.ts';
import { rigaToUtc } from './riga-time.ts';

// --- A small reader for what we write: unfold, split into content lines, unescape TEXT values. ---

interface Property {
  name: string;
  value: string;
}

function unfold(ics: string): string {
  return ics.replace(/\r\n[ \t]/g, '');
}

function contentLines(ics: string): Property[] {
  const unfolded = unfold(ics);
  expect(unfolded.endsWith('\r\n')).toBe(true);
  return unfolded
    .slice(0, -2)
    .split('\r\n')
    .map((line) => {
      // No parameters are written, so the first colon ends the name.
      const colon = line.indexOf(':');
      expect(colon).toBeGreaterThan(0);
      return { name: line.slice(0, colon), value: line.slice(colon + 1) };
    });
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

/** VEVENTs as name → raw value maps (each property appears at most once in what we write). */
function parseEvents(ics: string): Map<string, string>[] {
  const events: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  for (const { name, value } of contentLines(ics)) {
    if (name === 'BEGIN' && value === 'VEVENT') {
      current = new Map();
    } else if (name === 'END' && value === 'VEVENT') {
      if (current === undefined) throw new Error('END:VEVENT without BEGIN');
      events.push(current);
      current = undefined;
    } else if (current !== undefined) {
      expect(current.has(name), `${name} repeated`).toBe(false);
      current.set(name, value);
    }
  }
  return events;
}

function calendarProperties(ics: string): Property[] {
  const properties: Property[] = [];
  let depth = 0;
  for (const property of contentLines(ics)) {
    if (property.name === 'BEGIN') depth++;
    if (depth === 1 && property.name !== 'BEGIN' && property.name !== 'END') properties.push(property);
    if (property.name === 'END') depth--;
  }
  return properties;
}

function physicalLines(ics: string): string[] {
  return ics.slice(0, -2).split('\r\n');
}

const octets = (line: string): number => Buffer.byteLength(line, 'utf8');

// --- Fixtures ---

const session: CalendarEvent = {
  uid: 'session-42',
  start: rigaToUtc('2026-04-15', '10:00'),
  end: rigaToUtc('2026-04-15', '13:30'),
  summary: 'Datu aizsardzība: ievads',
  location: 'Rīga, Brīvības iela 1; 2. stāvs',
  description: 'Līdziet klēpjdatoru.\nKafijas pauze 11:30.',
  url: 'https://tilts.example.lv/kohortas/7/sesijas/42',
  updated: new Date('2026-03-01T12:00:00Z'),
};

const longLatvianSummary =
  'Ēnu ķēniņš čīkstošā ģērbtuvē ļauj žņaudzīt šķūņa ūdeni: ' +
  'sabiedrības veselības aizsardzības pamatprincipi, ārkārtas situāciju pārvaldība ' +
  'un pašvaldību sadarbība ar nevalstiskajām organizācijām Latgalē, Kurzemē, Vidzemē un Zemgalē';

describe('calendarFile', () => {
  it('writes the calendar properties, in order, and wraps everything in VCALENDAR', () => {
    const ics = calendarFile('Kohorta 7 — sesijas', [session]);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(calendarProperties(ics)).toEqual([
      { name: 'VERSION', value: '2.0' },
      { name: 'PRODID', value: '-//Tilts//Cohort sessions//LV' },
      { name: 'CALSCALE', value: 'GREGORIAN' },
      { name: 'METHOD', value: 'PUBLISH' },
      { name: 'X-WR-CALNAME', value: 'Kohorta 7 — sesijas' },
    ]);
  });

  it('writes every field of an event, with times in UTC', () => {
    const [event, ...rest] = parseEvents(calendarFile('Kohorta 7', [session]));
    expect(rest).toEqual([]);
    expect(Object.fromEntries(event ?? [])).toEqual({
      UID: 'session-42@tilts',
      DTSTAMP: '20260301T120000Z',
      SEQUENCE: String(sequenceFor(session.updated)),
      // 10:00 and 13:30 in Riga on 15 April are summer time, UTC+3.
      DTSTART: '20260415T070000Z',
      DTEND: '20260415T103000Z',
      SUMMARY: 'Datu aizsardzība: ievads',
      LOCATION: 'Rīga\\, Brīvības iela 1\\; 2. stāvs',
      DESCRIPTION: 'Līdziet klēpjdatoru.\\nKafijas pauze 11:30.',
      URL: 'https://tilts.example.lv/kohortas/7/sesijas/42',
      STATUS: 'CONFIRMED',
    });
  });

  it('writes winter sessions in UTC too (no VTIMEZONE, no TZID)', () => {
    const winter = { ...session, start: rigaToUtc('2026-01-20', '09:00'), end: rigaToUtc('2026-01-20', '17:00') };
    const ics = calendarFile('K', [winter]);
    const [event] = parseEvents(ics);
    expect(event?.get('DTSTART')).toBe('20260120T070000Z');
    expect(event?.get('DTEND')).toBe('20260120T150000Z');
    expect(ics).not.toContain('VTIMEZONE');
    expect(ics).not.toContain('TZID');
    for (const line of contentLines(ics).filter((p) => /^(DTSTART|DTEND|DTSTAMP)$/.test(p.name))) {
      expect(line.value).toMatch(/^\d{8}T\d{6}Z$/);
    }
  });

  it('leaves out optional fields that are missing or empty', () => {
    const minimal: CalendarEvent = {
      uid: 'm',
      start: session.start,
      end: session.end,
      summary: '',
      location: '',
      updated: session.updated,
    };
    const [event] = parseEvents(calendarFile('K', [minimal]));
    expect([...(event ?? new Map<string, string>()).keys()]).toEqual([
      'UID',
      'DTSTAMP',
      'SEQUENCE',
      'DTSTART',
      'DTEND',
      'SUMMARY',
      'STATUS',
    ]);
    expect(event?.get('SUMMARY')).toBe('');
  });

  it('marks a cancelled session STATUS:CANCELLED', () => {
    const ics = calendarFile('K', [session, { ...session, uid: 'session-43', cancelled: true }]);
    const events = parseEvents(ics);
    expect(events.map((e) => [e.get('UID'), e.get('STATUS')])).toEqual([
      ['session-42@tilts', 'CONFIRMED'],
      ['session-43@tilts', 'CANCELLED'],
    ]);
    expect(ics.split('\r\n').filter((line) => line === 'STATUS:CANCELLED')).toHaveLength(1);
  });

  it('derives SEQUENCE from `updated`, so a later edit has a higher sequence', () => {
    const first = parseEvents(calendarFile('K', [session]))[0]?.get('SEQUENCE');
    const edited = { ...session, updated: new Date(session.updated.getTime() + 1000), cancelled: true };
    const second = parseEvents(calendarFile('K', [edited]))[0]?.get('SEQUENCE');
    expect(Number(second)).toBe(Number(first) + 1);
  });

  it('uses CRLF line endings only', () => {
    const ics = calendarFile('Kohorta\nar jaunu rindu', [
      { ...session, summary: longLatvianSummary, description: 'a\r\nb\rc\nd' },
    ]);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('escapes text and unescaping restores it exactly', () => {
    const tricky = 'Back\\slash; semi, comma\nnew line\r\nCRLF: colon "quotes" \\n literal';
    const ics = calendarFile(tricky, [{ ...session, summary: tricky, location: tricky, description: tricky }]);
    const [event] = parseEvents(ics);
    for (const name of ['SUMMARY', 'LOCATION', 'DESCRIPTION']) {
      const raw = event?.get(name) ?? '';
      expect(raw).toBe('Back\\\\slash\\; semi\\, comma\\nnew line\\nCRLF: colon "quotes" \\\\n literal');
      expect(unescapeText(raw)).toBe(tricky.replace(/\r\n/g, '\n'));
    }
    const calname = calendarProperties(ics).find((p) => p.name === 'X-WR-CALNAME');
    expect(unescapeText(calname?.value ?? '')).toBe(tricky.replace(/\r\n/g, '\n'));
  });

  it('folds a long Latvian summary at 75 octets without splitting characters, and unfolding restores it', () => {
    const ics = calendarFile('K', [{ ...session, summary: longLatvianSummary }]);
    const lines = physicalLines(ics);
    for (const line of lines) {
      expect(octets(line), line).toBeLessThanOrEqual(75);
      // A split multi-byte character would show up as U+FFFD when the line is decoded on its own.
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    }
    const summaryStart = lines.findIndex((line) => line.startsWith('SUMMARY:'));
    const continuation: string[] = [];
    for (const line of lines.slice(summaryStart + 1)) {
      if (!line.startsWith(' ')) break;
      continuation.push(line);
    }
    expect(continuation.length).toBeGreaterThanOrEqual(3);
    // Lines are filled: a fold happens only when the next character would not fit.
    for (const line of [lines[summaryStart] ?? '', ...continuation.slice(0, -1)]) {
      expect(octets(line)).toBeGreaterThanOrEqual(74);
    }
    expect(parseEvents(ics)[0]?.get('SUMMARY')).toBe(escapeText(longLatvianSummary));
    expect(unescapeText(parseEvents(ics)[0]?.get('SUMMARY') ?? '')).toBe(longLatvianSummary);
  });

  it('folds a long URL too', () => {
    const url = `https://tilts.example.lv/kohortas/7/sesijas/42?${'x'.repeat(200)}`;
    const ics = calendarFile('K', [{ ...session, url }]);
    expect(physicalLines(ics).every((line) => octets(line) <= 75)).toBe(true);
    expect(parseEvents(ics)[0]?.get('URL')).toBe(url);
  });

  it('writes an empty calendar when there are no sessions', () => {
    const ics = calendarFile('K', []);
    expect(parseEvents(ics)).toEqual([]);
    expect(ics).toBe(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tilts//Cohort sessions//LV\r\nCALSCALE:GREGORIAN\r\n' +
        'METHOD:PUBLISH\r\nX-WR-CALNAME:K\r\nEND:VCALENDAR\r\n',
    );
  });

  it.each([
    ['an end before the start', { end: new Date(session.start.getTime() - 1000) }],
    ['an end equal to the start', { end: session.start }],
    ['an invalid start', { start: new Date('nope') }],
    ['an invalid updated date', { updated: new Date('nope') }],
    ['an empty uid', { uid: ' ' }],
    ['a relative URL', { url: '/kohortas/7' }],
  ])('rejects %s', (_what, change: Partial<CalendarEvent>) => {
    expect(() => calendarFile('K', [{ ...session, ...change }])).toThrow(RangeError);
  });
});

describe('escapeText', () => {
  it.each([
    ['plain', 'plain'],
    ['a\\b', 'a\\\\b'],
    ['a;b', 'a\\;b'],
    ['a,b', 'a\\,b'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\nb'],
    ['a\rb', 'a\\nb'],
    ['a:b "c"', 'a:b "c"'],
    ['tab\tkept', 'tab\tkept'],
    ['bell\u0007 and null\u0000 dropped', 'bell and null dropped'],
    ['āčēģīķļņšūž', 'āčēģīķļņšūž'],
  ])('%j → %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });
});

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets alone', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
  });

  it('folds the 76th octet onto a continuation line starting with a space', () => {
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('gives continuation lines 74 octets after the space', () => {
    expect(foldLine('x'.repeat(75 + 74 + 1))).toBe(`${'x'.repeat(75)}\r\n ${'x'.repeat(74)}\r\n x`);
  });

  it('moves a 2-byte character that would straddle the limit to the next line', () => {
    // 74 ASCII octets + 'ā' (2 octets) = 76: 'ā' goes to the next line whole.
    expect(foldLine(`${'x'.repeat(74)}ā`)).toBe(`${'x'.repeat(74)}\r\n ā`);
  });

  it.each([
    ['ā', 2],
    ['€', 3],
    ['😀', 4],
  ])('never splits %s (%i octets) in a long run of it', (char, size) => {
    const line = char.repeat(200);
    const folded = foldLine(line);
    const pieces = folded.split('\r\n');
    for (const [i, physical] of pieces.entries()) {
      expect(octets(physical)).toBeLessThanOrEqual(75);
      // Every line but the last is as full as the character size allows.
      if (i < pieces.length - 1) expect(octets(physical)).toBeGreaterThan(75 - size);
      expect([...physical.replace(/^ /, '')].every((c) => c === char)).toBe(true);
    }
    expect(unfold(folded)).toBe(line);
  });
});

describe('formatUtc and sequenceFor', () => {
  it('formats instants in UTC and drops milliseconds', () => {
    expect(formatUtc(new Date('2026-10-25T00:30:59.999Z'))).toBe('20261025T003059Z');
    expect(formatUtc(new Date('0999-01-02T03:04:05Z'))).toBe('09990102T030405Z');
  });

  it('rejects invalid dates and years beyond 9999', () => {
    expect(() => formatUtc(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => formatUtc(new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
  });

  it('counts seconds since 2025-01-01 UTC, clamped to a 32-bit INTEGER', () => {
    expect(sequenceFor(new Date('2025-01-01T00:00:00Z'))).toBe(0);
    expect(sequenceFor(new Date('2025-01-01T00:01:01.900Z'))).toBe(61);
    expect(sequenceFor(new Date('2020-01-01T00:00:00Z'))).toBe(0);
    expect(sequenceFor(new Date('2200-01-01T00:00:00Z'))).toBe(2_147_483_647);
    expect(sequenceFor(new Date('2038-01-20T00:00:00Z'))).toBeLessThan(2_147_483_647);
  });
});
