import { describe, expect, it } from 'vitest';
import { splitLanguages } from './multilang.ts';
import { decodeEntities, letterId, slugify, spansToMlang, tidy, toPlain } from './text.ts';

describe('slugify', () => {
  it.each([
    ['Tulka loma', 'tulka-loma'],
    ['Ģimenes ārsts: ķēde, ļaudis, ņirgāšanās, čūska, žēl, īss', 'gimenes-arsts-kede-laudis-nirgasanas-cuska-zel-iss'],
    ['ĀČĒĢĪĶĻŅŠŪŽ', 'acegiklnsuz'],
    ['  --Café über 100%--  ', 'cafe-uber-100'],
    ['Q&A: “quotes”', 'q-a-quotes'],
    ['日本語', ''],
    ['a'.repeat(70), 'a'.repeat(60)],
    [`${'a'.repeat(59)} b`, 'a'.repeat(59)],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe('letterId', () => {
  it.each([
    [0, 'a'],
    [11, 'l'],
    [25, 'z'],
    [26, 'aa'],
    [27, 'ab'],
  ])('%d → %s', (i, id) => expect(letterId(i)).toBe(id));
});

describe('decodeEntities', () => {
  it.each([
    ['A &amp; B', 'A & B'],
    ['&lt;p&gt;', '<p>'],
    ['&amp;lt;', '&lt;'],
    ['&#257;&#x161;&scaron;&amacr;', 'āššā'],
    ['&nbsp;', '\u00a0'],
    ['&unknown; &#0; &#xD800;', '&unknown; &#0; &#xD800;'],
  ])('%s → %s', (s, decoded) => expect(decodeEntities(s)).toBe(decoded));
});

describe('spansToMlang and toPlain', () => {
  it('rewrites multilang spans, nested spans included, and leaves other spans alone', () => {
    expect(
      spansToMlang(
        '<span class="multilang" lang="lv">A <span style="x">B</span></span><span lang="en" class="multilang">C</span><span lang="en">D</span>',
      ),
    ).toBe('{mlang lv}A <span style="x">B</span>{mlang}{mlang en}C{mlang}<span lang="en">D</span>');
  });

  it.each([
    ['html', '<p>Viens\n divi</p><p>trīs<br>četri &amp; <b>pieci</b></p>', 'Viens divi\n\ntrīs\nčetri & pieci'],
    ['moodle', 'Viens\ndivi <i>trīs</i>', 'Viens\ndivi trīs'],
    ['plain', 'a <b> &amp; c', 'a <b> &amp; c'],
    [
      'markdown',
      '# Virsraksts\n\n**Treknraksts** un [saite](https://example.org)',
      'Virsraksts\n\nTreknraksts un saite',
    ],
    ['html', '<ul><li>a</li><li>b</li></ul>', '- a\n- b'],
    ['html', 'x < 5 un y>3', 'x < 5 un y>3'],
  ] as const)('%s: %j → %j', (format, raw, plain) => {
    expect(tidy(toPlain(raw, format))).toBe(plain);
  });

  it('recognises spans escaped once more than usual', () => {
    expect(toPlain('&lt;span lang="lv" class="multilang"&gt;Jā&lt;/span&gt;', 'html')).toBe('{mlang lv}Jā{mlang}');
  });
});

describe('splitLanguages', () => {
  it.each([
    ['{mlang lv}Sveiki{mlang}{mlang en}Hello{mlang}', { marked: true, lv: 'Sveiki', en: 'Hello', missing: [] }],
    ['{mlang en}Hello{mlang} {mlang lv}Sveiki{mlang}!', { marked: true, lv: 'Sveiki!', en: 'Hello!', missing: [] }],
    [
      'Kopīgs {mlang lv}a{mlang}{mlang en}b{mlang} teksts',
      { marked: true, lv: 'Kopīgs a teksts', en: 'Kopīgs b teksts', missing: [] },
    ],
    [
      '{mlang lv}a{mlang}{mlang en}b{mlang} {mlang lv}c{mlang}{mlang en}d{mlang}',
      { marked: true, lv: 'a c', en: 'b d', missing: [] },
    ],
    ['{mlang lv_lv}a{mlang}{mlang en_us}b{mlang}', { marked: true, lv: 'a', en: 'b', missing: [] }],
    ['{mlang lv}a{mlang}{mlang ru}б{mlang}', { marked: true, lv: 'a', en: '', missing: ['en'] }],
    ['{mlang lv}a{mlang}{mlang en}b{mlang} {mlang lv}c{mlang}', { marked: true, lv: 'a c', en: 'b ', missing: ['en'] }],
    ['Bez valodām', { marked: false, text: 'Bez valodām' }],
    ['{mlang lv}a', { error: '{mlang lv} is not closed with {mlang}' }],
    ['a{mlang}', { error: '{mlang} closes a language that was never opened' }],
  ])('%j', (s, split) => {
    expect(splitLanguages(s)).toEqual(split);
  });
});
