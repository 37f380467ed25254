import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { parse } from 'yaml';
import type { PartQuestion, Question } from '../../src/lib/quiz/schema.ts';

/**
 * The question bank of a real course, read from its files as a trainer would know it: the
 * journeys answer quizzes like a learner who knows (or does not know) the right answers,
 * finding each question on the page by its Latvian text.
 */
export function bankOf(slug: string): Question[] {
  const dir = join('courses', slug, 'questions');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parse(readFileSync(join(dir, f), 'utf8')) as Question[]);
}

/** Every question and scenario part of a bank, for finding one by its text. */
function partsOf(bank: Question[]): PartQuestion[] {
  return bank.flatMap((q) => (q.type === 'scenario' ? q.parts : [q]));
}

async function answerPart(fieldset: Locator, q: PartQuestion, right: boolean): Promise<void> {
  switch (q.type) {
    case 'single': {
      const option = q.options.find((o) => Boolean(o.correct) === right) ?? q.options[0];
      if (!option) return;
      await fieldset.getByLabel(option.text.lv, { exact: true }).check();
      return;
    }
    case 'multiple':
      for (const option of q.options.filter((o) => Boolean(o.correct) === right)) {
        await fieldset.getByLabel(option.text.lv, { exact: true }).check();
      }
      return;
    case 'true-false':
      await fieldset.getByLabel(q.answer === right ? 'Patiesi' : 'Aplami', { exact: true }).check();
      return;
    case 'matching':
      for (const [i, pair] of q.pairs.entries()) {
        const answer = right ? pair.answer.lv : (q.pairs[(i + 1) % q.pairs.length]?.answer.lv ?? '');
        await fieldset.getByLabel(pair.prompt.lv, { exact: true }).selectOption({ label: answer });
      }
      return;
    case 'ordering':
      for (const [i, item] of q.items.entries()) {
        const position = right ? i + 1 : q.items.length - i;
        await fieldset.getByLabel(item.text.lv, { exact: true }).selectOption(String(position));
      }
      return;
    case 'numeric':
      await fieldset.getByLabel(/^Jūsu atbilde/).fill(String(right ? q.answer : q.answer + 1000).replace('.', ','));
      return;
    case 'short':
      await fieldset.getByLabel('Jūsu atbilde').fill(right ? (q.accepted.lv[0] ?? '') : 'nezinu');
      return;
  }
}

/** Answers every question (or scenario part) shown on the current quiz page. */
export async function answerShownQuestion(page: Page, bank: Question[], right: boolean): Promise<void> {
  const fieldsets = page.locator('form#answer fieldset.quiz-question');
  const count = await fieldsets.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const fieldset = fieldsets.nth(i);
    const legend = ((await fieldset.locator('legend').textContent()) ?? '').trim();
    const question = partsOf(bank).find((q) => legend.startsWith(q.text.lv.trim()));
    if (!question) throw new Error(`no question in the bank reads "${legend}"`);
    await answerPart(fieldset, question, right);
  }
}

/**
 * Takes the quiz of the activity page the learner is on: starts (or continues) the attempt,
 * answers every question right or wrong, submits, and returns the percent on the review page.
 */
export async function takeQuiz(page: Page, slug: string, right: boolean): Promise<number> {
  const bank = bankOf(slug);
  await page.getByRole('button', { name: /^(Sākt testu|Sākt jaunu mēģinājumu)$/ }).click();
  for (;;) {
    const next = page.getByRole('button', { name: /^Saglabāt un (tālāk|pārskatīt)$/ });
    if ((await next.count()) === 0) break;
    await answerShownQuestion(page, bank, right);
    await next.click();
  }
  await page.getByRole('button', { name: 'Iesniegt testu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Testa rezultāts/ })).toBeVisible();
  const text = (await page.getByRole('status').first().textContent()) ?? '';
  return Number(/\(([\d.,]+) %\)/.exec(text)?.[1]?.replace(',', '.') ?? 'NaN');
}

/**
 * Answers the survey of the survey page the learner is on, as a person would: in every
 * statement's group the radio button labelled `answer` (e.g. "4 — Piekrītu"), an optional
 * comment, then "Iesniegt atbildes". Waits until the server has taken it: the survey page says
 * it was answered, or the course-completion page congratulates.
 */
export async function answerSurvey(page: Page, answer = '5 — Pilnīgi piekrītu', comment?: string): Promise<void> {
  const submit = page.getByRole('button', { name: 'Iesniegt atbildes' });
  const form = page.locator('form').filter({ has: submit });
  const statements = form.getByRole('group');
  const count = await statements.count();
  expect(count).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < count; i++) await statements.nth(i).getByLabel(answer, { exact: true }).check();
  if (comment !== undefined) await form.getByRole('textbox').fill(comment);
  await submit.click();
  await expect(page.getByRole('status').filter({ hasText: /^(Paldies! Aptauja aizpildīta|Apsveicam!)/ })).toBeVisible();
}

/** Enrols in a course and completes every required activity: lessons read, quizzes passed, the survey answered. */
export async function completeCourse(page: Page, slug: string): Promise<void> {
  await page.goto(`/courses/${slug}`);
  await page.getByRole('button', { name: 'Pieteikties kursam' }).click();
  const outline = page.getByRole('navigation', { name: 'Kursa saturs' });
  const required = () => outline.getByRole('listitem').filter({ hasNotText: 'nav obligāta' });
  const count = await required().count();
  for (let i = 0; i < count; i++) {
    const item = required().nth(i);
    if ((await item.textContent())?.includes('pabeigta') && !(await item.textContent())?.includes('nav pabeigta'))
      continue;
    const link = item.getByRole('link');
    const title = ((await link.textContent()) ?? '').trim();
    await link.click();
    // The activity's page is open (its heading is the link's text) before looking at its buttons.
    await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
    if (await page.getByRole('button', { name: 'Sākt testu' }).count()) {
      await takeQuiz(page, slug, true);
      await page.goto(`/learn/${slug}`);
      continue;
    }
    if (await page.getByRole('button', { name: 'Iesniegt atbildes' }).count()) {
      await answerSurvey(page, '4 — Piekrītu');
      // The last required activity leads to "My learning"; come back to the outline either way.
      await page.goto(`/learn/${slug}`);
      continue;
    }
    await page.getByRole('button', { name: 'Atzīmēt kā pabeigtu un turpināt' }).click();
  }
  await page.goto('/learning');
}
