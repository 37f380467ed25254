import type { Locale } from '../reference/index.ts';
import { en } from './messages/en.ts';
import { lv, type Message, type MessageKey } from './messages/lv.ts';

const CATALOGUES: Record<Locale, Record<MessageKey, Message>> = { lv, en };
const INTL_LOCALE: Record<Locale, string> = { lv: 'lv-LV', en: 'en-GB' };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

function interpolate(template: string, params: Params, numberFormat: Intl.NumberFormat): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numberFormat.format(value) : value;
  });
}

/**
 * A translator for one locale. A message is either a string with `{name}` placeholders or a
 * set of plural forms chosen by `Intl.PluralRules` from the `count` parameter; Latvian has the
 * forms zero (0, 10–20, 30…), one (1, 21, 31…) and other.
 */
export function translator(locale: Locale): Translate {
  // Intl objects are costly to build: one translator per language for the whole process.
  let made = translators.get(locale);
  if (!made) {
    made = makeTranslator(locale);
    translators.set(locale, made);
  }
  return made;
}

const translators = new Map<Locale, Translate>();

function makeTranslator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  const plurals = new Intl.PluralRules(INTL_LOCALE[locale]);
  const numbers = new Intl.NumberFormat(INTL_LOCALE[locale]);
  return (key, params = {}) => {
    const message = catalogue[key];
    if (typeof message === 'string') return interpolate(message, params, numbers);
    const count = Number(params['count'] ?? 0);
    const category = plurals.select(count) as keyof typeof message;
    const form = message[category] ?? message.other;
    return interpolate(form, params, numbers);
  };
}

/** Date in the locale's own style, in Latvian time (Europe/Riga), e.g. "2026. gada 26. novembris". */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

/** A cached Intl formatter (they are costly to build and safe to share). */
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let found = formatters.get(key) as T | undefined;
  if (!found) {
    found = make();
    formatters.set(key, found);
  }
  return found;
}

export function formatDate(date: Date, locale: Locale, style: 'long' | 'short' = 'long'): string {
  return formatter(
    `date:${locale}:${style}`,
    () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: style, timeZone: 'Europe/Riga' }),
  ).format(date);
}

/** Date and time in Latvian time (Europe/Riga). */
export function formatDateTime(date: Date, locale: Locale): string {
  return formatter(
    `datetime:${locale}`,
    () =>
      new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Riga' }),
  ).format(date);
}

export function formatNumber(value: number, locale: Locale): string {
  return formatter(`number:${locale}`, () => new Intl.NumberFormat(INTL_LOCALE[locale])).format(value);
}
