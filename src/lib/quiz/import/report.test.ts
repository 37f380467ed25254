import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError, importQuestions } from './report.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../../tests/fixtures/quiz/${name}`, import.meta.url));

const gift = '::A::{mlang lv}Vai?{mlang}{mlang en}Is it?{mlang}{T}';
const xml =
  '<quiz><question type="truefalse"><name><text>A</text></name><questiontext><text>{mlang lv}Vai?{mlang}{mlang en}Is it?{mlang}</text></questiontext>' +
  '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>';

function message(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
  throw new Error('no error thrown');
}

describe('importQuestions', () => {
  it.each([
    ['jautajumi.gift', gift, 'gift'],
    ['JAUTAJUMI.TXT', gift, 'gift'],
    ['export.xml', xml, 'moodle-xml'],
    ['Export.XML', new TextEncoder().encode(xml), 'moodle-xml'],
    ['ar-bom.gift', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(gift)]), 'gift'],
  ])('%s is read as %s', (name, content, format) => {
    const report = importQuestions(name, content);
    expect(report.format).toBe(format);
    expect(report.questions).toEqual([
      {
        id: 'a',
        category: 'imported',
        type: 'true-false',
        points: 1,
        answer: true,
        text: { lv: 'Vai?', en: 'Is it?' },
      },
    ]);
  });

  it('imports the sample files', () => {
    expect(importQuestions('sample.gift', fixture('sample.gift')).questions).toHaveLength(13);
    expect(importQuestions('sample.xml', fixture('sample.xml')).questions).toHaveLength(7);
  });

  it.each([
    ['questions.docx', gift, '"questions.docx" is neither a GIFT file (.gift, .txt) nor a Moodle XML file (.xml)'],
    ['questions', gift, '"questions" is neither a GIFT file'],
    ['latin.gift', new Uint8Array([0x3a, 0x3a, 0xe2, 0x3a, 0x3a]), '"latin.gift" is not UTF-8 text'],
    ['binary.txt', new Uint8Array([0x41, 0x00, 0x42]), '"binary.txt" is not a text file'],
    ['big.gift', 'x'.repeat(5 * 1024 * 1024 + 1), 'question files may be at most 5 MB'],
  ])('refuses %s', (name, content, expected) => {
    expect(message(() => importQuestions(name, content))).toContain(expected);
  });

  it.each([['xxe.xml'], ['billion-laughs.xml']])('refuses %s with the DOCTYPE message', (name) => {
    expect(message(() => importQuestions(name, fixture(name)))).toBe(
      'the file declares a DOCTYPE or entities, which Tilts never processes (XXE / entity expansion)',
    );
  });
});
