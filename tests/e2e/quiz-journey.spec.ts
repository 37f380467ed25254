import { expect, test } from '@playwright/test';
import { aRegistration, DEMO_PASSWORD, expectNoAxeViolations, logout, register, submitLogin } from './helpers.ts';
import { answerShownQuestion, answerSurvey, bankOf, takeQuiz } from './quiz-helpers.ts';

/**
 * The police course's pre-test and post-test, as in courses/police: a police officer takes the
 * pre-test knowing little, resumes it after a reload, studies, passes the post-test, and a
 * trainer sees the knowledge gain. No other journey takes the police course's quizzes.
 */
test('An officer takes the pre-test, resumes after a reload, studies, passes the post-test, and the gain shows in the statistics', async ({
  page,
}) => {
  await register(page, aRegistration({ sector: 'Policija un robežsardze' }));
  await page.goto('/courses/police');
  await page.getByRole('button', { name: 'Pieteikties kursam' }).click();
  const outline = page.getByRole('navigation', { name: 'Kursa saturs' });
  await outline.getByRole('link', { name: 'Ievadtests' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Par testu' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Two questions answered (wrongly), then the tab is reloaded: the attempt resumes as it was.
  const bank = bankOf('police');
  await page.getByRole('button', { name: 'Sākt testu' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^1\. jautājums no \d+$/ })).toBeVisible();
  const total = Number(
    /no (\d+)$/.exec((await page.getByRole('heading', { level: 2 }).first().textContent()) ?? '')?.[1],
  );
  await expectNoAxeViolations(page);
  for (let i = 0; i < 2; i++) {
    await answerShownQuestion(page, bank, false);
    await page.getByRole('button', { name: 'Saglabāt un tālāk' }).click();
  }
  // Wait for the move to question 3 to finish before reloading (a reload mid-navigation is refused).
  await expect(page.getByRole('heading', { level: 2, name: `3. jautājums no ${total}` })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: `3. jautājums no ${total}` })).toBeVisible();
  await expect(page.getByText(`Atbildēti 2 no ${total} jautājumiem`)).toBeVisible();
  // Going back shows the saved answer; the question numbers say what is answered.
  await page.getByRole('button', { name: '1. jautājums, atbildēts' }).click();
  await expect(page.getByRole('heading', { level: 2, name: `1. jautājums no ${total}` })).toBeVisible();
  await expect(page.getByRole('button', { name: '3. jautājums, nav atbildēts' })).toBeVisible();
  // Finish the rest wrongly and submit.
  for (;;) {
    const next = page.getByRole('button', { name: /^Saglabāt un (tālāk|pārskatīt)$/ });
    if ((await next.count()) === 0) break;
    await answerShownQuestion(page, bank, false);
    await next.click();
  }
  await expect(page.getByRole('heading', { level: 2, name: 'Pirms iesniegšanas' })).toBeVisible();
  await page.getByRole('button', { name: 'Iesniegt testu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Testa rezultāts/ })).toBeVisible();
  // The pre-test never shows the right answers (they would give the post-test away).
  await expect(page.getByText('Šajā testā pareizās atbildes netiek rādītas')).toBeVisible();
  await expect(page.getByText('pareizā atbilde')).toHaveCount(0);
  await expectNoAxeViolations(page);
  // Latvian numbers have a decimal comma.
  const pre = Number(
    /\(([\d.,]+) %\)/.exec((await page.getByRole('status').first().textContent()) ?? '')?.[1]?.replace(',', '.'),
  );
  expect(pre).toBeLessThan(50);

  // Study: every required lesson.
  await page.goto('/learn/police');
  const lessons = outline
    .getByRole('listitem')
    .filter({ hasNotText: 'nav obligāta' })
    .filter({ hasNotText: 'tests' })
    .filter({ hasNotText: 'novērtējum' });
  const count = await lessons.count();
  for (let i = 0; i < count; i++) {
    await lessons.nth(i).getByRole('link').click();
    await page.getByRole('button', { name: 'Atzīmēt kā pabeigtu un turpināt' }).click();
  }

  // The post-test, answered right: passed, and it completes the course.
  await page.goto('/learn/police/post-test');
  expect(await takeQuiz(page, 'police', true)).toBe(100);
  await expect(page.getByRole('status').first()).toContainText('Tests nokārtots.');
  await expect(page.getByText('pareizā atbilde').first()).toBeVisible();
  await page.getByRole('link', { name: 'Atpakaļ uz testu' }).click();
  await expect(page.getByRole('status').first()).toContainText('Jūsu rezultāts: 100 %. Tests nokārtots.');
  // The survey closes the course.
  await page.goto('/learn/police/survey');
  await answerSurvey(page);
  await page.goto('/learning');
  await expect(
    page.getByRole('region', { name: 'Pabeigtie kursi' }).getByRole('heading', { name: /policij/i }),
  ).toBeVisible();

  // A trainer sees the gain for the police course.
  await logout(page);
  await page.goto('/login');
  await submitLogin(page, 'trainer@tilts.demo', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'Testu rezultāti' }).click();
  const gain = page.getByRole('table', { name: 'Zināšanu pieaugums' });
  const row = gain.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /policij/i }) });
  await expect(row.getByRole('cell').nth(1)).toHaveText('1');
  await expect(row.getByRole('cell').nth(4)).toHaveText(`${Math.round((100 - pre) * 100) / 100} p.p.`);
  await expectNoAxeViolations(page);
  await gain.page().getByRole('link', { name: 'Noslēguma tests' }).first().click();
  await expect(page.getByRole('table', { name: 'Jautājumu statistika' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Jautājumu priekšskatījums' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('A learner cannot open another learner’s attempt, and trainers’ statistics are closed to learners', async ({
  page,
  browser,
}) => {
  await register(page);
  await page.goto('/courses/public-administration');
  await page.getByRole('button', { name: 'Pieteikties kursam' }).click();
  await page.goto('/learn/public-administration/pre-test');
  await page.getByRole('button', { name: 'Sākt testu' }).click();
  await expect(page).toHaveURL(/\/quiz\/\d+$/);
  const attemptUrl = new URL(page.url()).pathname;

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await register(otherPage);
  expect((await otherPage.goto(attemptUrl))?.status()).toBe(404);
  expect((await otherPage.goto(`${attemptUrl}/review`))?.status()).toBe(404);
  const forged = await otherPage.request.post(attemptUrl, {
    form: { question: '1', go: 'submit' },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(forged.status()).toBe(404);
  expect((await otherPage.goto('/quizzes'))?.status()).toBe(403);
  await other.close();
});

test('An admin imports a Moodle GIFT file into a course: each question is imported or refused with its reason', async ({
  page,
}) => {
  await page.goto('/login');
  await submitLogin(page, 'admin@tilts.demo', DEMO_PASSWORD);
  await page.goto('/admin/quizzes/import');
  await page.getByLabel('Kurss').selectOption({ label: 'Starpkultūru komunikācija valsts un pašvaldību pārvaldē' });
  await page.getByLabel(/^Fails/).setInputFiles('tests/fixtures/quiz/sample.gift');
  await page.getByRole('button', { name: 'Importēt' }).click();
  await expect(page.getByRole('status')).toContainText(
    /Importēti \d+ no \d+ jautājumiem\. Saglabāti failā public-administration\/questions\/imported-sample\.yaml\./,
  );
  const report = page.getByRole('table', { name: 'Importa pārskats' });
  await expect(report.getByRole('row', { name: /Tulka loma/ })).toContainText('importēts');
  await expect(report.getByRole('row', { name: /Pārdomas/ })).toContainText('neimportēts');
  await expectNoAxeViolations(page);
  // The imported questions are in the course's bank, for trainers and admins to preview.
  await page.goto('/quizzes/public-administration');
  await expect(page.getByText('Kāda ir tulka galvenā loma sarunā ar klientu?')).toBeVisible();
  await page.goto('/admin/quizzes/import');

  // A file that is not a question export is refused as a whole, with the reason.
  await page.getByLabel('Kurss').selectOption({ label: 'Starpkultūru komunikācija valsts un pašvaldību pārvaldē' });
  await page
    .getByLabel(/^Fails/)
    .setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  await page.getByRole('button', { name: 'Importēt' }).click();
  await expect(page.getByRole('alert')).toContainText('Failu nevarēja importēt');
  // The course is still valid and published.
  await page.goto('/courses/public-administration');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
