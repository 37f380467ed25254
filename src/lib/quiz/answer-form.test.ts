import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { isAnswered, responseFromForm } from './answer-form.ts';
import type { LayoutQuestion } from './attempt-layout.ts';
import { questionSchema } from './schema.ts';

const t = (s: string) => ({ lv: s, en: s });
const ordering: LayoutQuestion = {
  question: questionSchema.parse({
    id: 'o',
    category: 'c',
    type: 'ordering',
    text: t('Order'),
    items: [
      { id: 'first', text: t('1') },
      { id: 'second', text: t('2') },
      { id: 'third', text: t('3') },
    ],
  }),
  display: {
    items: [
      { token: 'tc', id: 'third' },
      { token: 'ta', id: 'first' },
      { token: 'tb', id: 'second' },
    ],
  },
};
const numeric: LayoutQuestion = {
  question: questionSchema.parse({ id: 'n', category: 'c', type: 'numeric', text: t('?'), answer: 1 }),
  display: {},
};
const refusal = (f: () => unknown) => {
  try {
    f();
    return 'accepted';
  } catch (error) {
    return error instanceof AppError ? error.messageKey : String(error);
  }
};

describe('reading an answer from the form', () => {
  it('reads an ordering by the places given; none is no answer, some is a partial order', () => {
    expect(responseFromForm(ordering, {})).toEqual({ type: 'ordering', order: [] });
    expect(isAnswered(responseFromForm(ordering, {}))).toBe(false);
    const full = responseFromForm(ordering, { 'position-ta': '1', 'position-tb': '2', 'position-tc': '3' });
    expect(full).toEqual({ type: 'ordering', order: ['first', 'second', 'third'] });
    const partial = responseFromForm(ordering, { 'position-tc': '3' });
    expect(partial).toEqual({ type: 'ordering', order: ['', '', 'third'] });
    expect(isAnswered(partial)).toBe(true);
    expect(refusal(() => responseFromForm(ordering, { 'position-ta': '1', 'position-tb': '1' }))).toBe(
      'error.quiz.positionTwice',
    );
    expect(refusal(() => responseFromForm(ordering, { 'position-ta': '9' }))).toBe('error.quiz.positionMissing');
  });

  it('reads numbers as Latvians and English speakers type them', () => {
    expect(responseFromForm(numeric, { answer: '10,5' })).toEqual({ type: 'numeric', value: 10.5 });
    expect(responseFromForm(numeric, { answer: ' 1 000 ' })).toEqual({ type: 'numeric', value: 1000 });
    expect(responseFromForm(numeric, { answer: '' })).toEqual({ type: 'numeric', value: null });
    expect(refusal(() => responseFromForm(numeric, { answer: 'ten' }))).toBe('error.quiz.notANumber');
  });
});
