import { expect, test } from '@playwright/test';
import { aRegistration, expectNoAxeViolations, logout, register, submitLogin } from './helpers.ts';
import { answerSurvey, takeQuiz } from './quiz-helpers.ts';

/**
 * The education course as it is in courses/education: the lessons are read from its
 * course.yaml through the page itself (the outline), so the test follows the real content.
 */
test('A teacher finds the education course, enrols, reads lessons, comes back to the same place and completes it', async ({
  page,
}) => {
  const teacher = await register(
    page,
    aRegistration({
      sector: 'Izglītība',
      institutionSearch: 'Daugavpils',
      institution: 'Daugavpils Valsts ģimnāzija',
      region: 'Latgale',
    }),
  );

  await page
    .getByRole('navigation', { name: 'Galvenā navigācija' })
    .getByRole('link', { name: 'Kursi', exact: true })
    .click();
  await page.getByLabel('Nozare').selectOption({ label: 'Izglītība' });
  await page.getByRole('button', { name: 'Atlasīt' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Starpkultūru komunikācija skolā' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /policijas/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Starpkultūru komunikācija skolā' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Starpkultūru komunikācija skolā' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Apliecība' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Pieteikties kursam' }).click();

  // The player opens at the first activity: the pre-test.
  const outline = page.getByRole('navigation', { name: 'Kursa saturs' });
  await expect(outline).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Ievadtests' })).toBeVisible();
  await takeQuiz(page, 'education', false);
  await page.goto('/learn/education');
  const required = outline.getByRole('listitem').filter({ hasNotText: 'nav obligāta' });
  const requiredCount = await required.count();
  expect(requiredCount).toBeGreaterThanOrEqual(7);
  const lessons = required.filter({ hasNotText: 'tests' }).filter({ hasNotText: 'novērtējum' });

  // Read the first two required lessons.
  await lessons.nth(0).getByRole('link').click();
  const firstTitle = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  await expect(page.locator('.lesson h2').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Atzīmēt kā pabeigtu un turpināt' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(firstTitle);
  const secondUrl = page.url();
  const secondTitle = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';

  // Leave, log out, come back: "continue" returns to the same lesson.
  await logout(page);
  await page.goto('/login');
  await submitLogin(page, teacher.email, teacher.password);
  await page.getByRole('link', { name: 'Mana mācīšanās' }).click();
  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Starpkultūru komunikācija skolā' }) });
  await expect(card.getByRole('progressbar')).toHaveAttribute('value', /^\d+$/);
  await expect(card).toContainText(`Pabeigtas 2 no ${requiredCount} obligātajām aktivitātēm`);
  await expectNoAxeViolations(page);
  await card.getByRole('link', { name: 'Turpināt mācības' }).click();
  await expect(page).toHaveURL(secondUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(secondTitle);

  // Finish every required lesson in the order of the outline, then pass the post-test.
  const lessonCount = await lessons.count();
  for (let i = 1; i < lessonCount; i++) {
    await lessons.nth(i).getByRole('link').click();
    await page.getByRole('button', { name: 'Atzīmēt kā pabeigtu un turpināt' }).click();
  }
  await page.goto('/learn/education/post-test');
  expect(await takeQuiz(page, 'education', true)).toBe(100);
  await page.goto('/learn/education/survey');
  await answerSurvey(page);
  await page.goto('/learning?completed=education');
  await expect(page.getByRole('status')).toContainText(
    'Apsveicam! Kurss “Starpkultūru komunikācija skolā” ir pabeigts.',
  );
  const completed = page.getByRole('region', { name: 'Pabeigtie kursi' });
  await expect(completed.getByRole('heading', { name: 'Starpkultūru komunikācija skolā' })).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Kursi, kurus apgūstu' })
      .getByRole('heading', { name: 'Starpkultūru komunikācija skolā' }),
  ).toHaveCount(0);
});

test('A forged activity id and a course one is not enrolled in are refused', async ({ page }) => {
  await register(page);
  const notEnrolled = await page.goto('/learn/police/trust-first-contact');
  expect(notEnrolled?.url()).toMatch(/\/courses\/police$/);
  await page.goto('/courses/education');
  await page.getByRole('button', { name: 'Pieteikties kursam' }).click();
  const forged = await page.goto('/learn/education/does-not-exist');
  expect(forged?.status()).toBe(404);
  const unknown = await page.goto('/courses/no-such-course');
  expect(unknown?.status()).toBe(404);
});

test('Anyone can read the catalogue and a course page; enrolling asks to log in', async ({ page }) => {
  await page.goto('/courses');
  await expect(page.getByRole('heading', { level: 2 })).toHaveCount(5);
  await page.getByRole('link', { name: /kopējais pamatkurss/ }).click();
  await page.getByRole('link', { name: 'Pieslēdzieties, lai pieteiktos kursam' }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fcourses%2Fcommon-core$/);
});

test('An admin re-syncs the courses and sees each with its status, version and learners', async ({ page }) => {
  await page.goto('/login');
  await submitLogin(page, 'admin@tilts.demo', 'Tilts-demo-2026');
  await page.goto('/admin/courses');
  await page.getByRole('button', { name: 'Sinhronizēt kursus no mapes' }).click();
  await expect(page.getByRole('status')).toHaveText('Kursi sinhronizēti.');
  const table = page.getByRole('table', { name: 'Kursu pārvaldība' });
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(table.getByRole('row', { name: /Starpkultūru komunikācija skolā/ })).toContainText('Publicēts');
  await table.getByRole('link', { name: 'Starpkultūru komunikācija skolā' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Dalībnieku progress' })).toBeVisible();
  // The teacher of the journey above is listed with her progress or completion.
  await expect(
    page
      .getByRole('table', { name: 'Dalībnieku progress' })
      .getByRole('row', { name: /Marta Liepiņa/ })
      .first(),
  ).toBeVisible();
});
