import { describe, expect, it } from 'vitest';
import { en } from './messages/en.ts';
import { lv } from './messages/lv.ts';
import { formatDate, formatNumber, translator } from './translate.ts';

describe('translator', () => {
  const lvT = translator('lv');
  const enT = translator('en');

  it.each([
    // [count, expected Latvian form] — Latvian takes the singular after 1, 21, 31… but not 11.
    [1, '1 darbinieks'],
    [21, '21 darbinieks'],
    [11, '11 darbinieki'],
    [2, '2 darbinieki'],
    [0, '0 darbinieki'],
    [101, '101 darbinieks'],
  ])('chooses the Latvian plural form for %i', (count, expected) => {
    expect(lvT('institution.staff', { count })).toBe(expected);
  });

  it('chooses English plural forms by English rules', () => {
    expect(enT('institution.staff', { count: 1 })).toBe('1 staff member');
    expect(enT('institution.staff', { count: 21 })).toBe('21 staff members');
  });

  it('formats numbers in placeholders by locale (Latvian groups thousands with a space)', () => {
    expect(lvT('institution.staff', { count: 12345 })).toBe('12\u00a0345 darbinieki');
  });

  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(lvT('home.welcome', { name: 'Ērika' })).toBe('Sveicināti, Ērika!');
    expect(lvT('home.welcome')).toBe('Sveicināti, {name}!');
  });

  it('has every Latvian key in English, with the same placeholders', () => {
    const placeholders = (m: unknown) =>
      JSON.stringify(m)
        .match(/\{\w+\}/g)
        ?.sort() ?? [];
    for (const key of Object.keys(lv) as (keyof typeof lv)[]) {
      expect(en[key], key).toBeDefined();
      expect(new Set(placeholders(en[key])), key).toEqual(new Set(placeholders(lv[key])));
    }
  });
});

describe('formatting', () => {
  it('writes Latvian dates the Latvian way, in Rīga time', () => {
    // 22:30 UTC on 31 December is already 1 January in Rīga (UTC+2).
    const date = new Date('2026-12-31T22:30:00Z');
    expect(formatDate(date, 'lv')).toBe('2027. gada 1. janvāris');
    expect(formatDate(date, 'en')).toBe('1 January 2027');
  });

  it('formats numbers with the locale separators', () => {
    expect(formatNumber(1234.5, 'lv')).toBe('1234,5');
    expect(formatNumber(12345.5, 'lv')).toBe('12\u00a0345,5');
    expect(formatNumber(12345.5, 'en')).toBe('12,345.5');
  });
});
