import { expect, test } from '@playwright/test';
import { aRegistration, DEMO_PASSWORD, expectNoAxeViolations, logout, register, submitLogin } from './helpers.ts';
import { completeCourse } from './quiz-helpers.ts';

test('A nurse completes a course, downloads her certificate, and anyone can verify it until an admin revokes it', async ({
  page,
  browser,
}) => {
  const nurse = await register(page, aRegistration({ name: 'Ņina Ķēniņa-Ūdre', sector: 'Veselības aprūpe' }));
  await completeCourse(page, 'health');

  const mine = page.getByRole('region', { name: 'Manas apliecības' });
  const link = mine.getByRole('link', { name: /^Lejupielādēt LV-ICC-\d{4}-\d{6} \(PDF\)$/ });
  await expect(link).toBeVisible();
  const number = /LV-ICC-\d{4}-\d{6}/.exec((await link.textContent()) ?? '')?.[0] ?? '';
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe(`${number}.pdf`);
  await expectNoAxeViolations(page);

  // Anyone, without logging in, checks the number.
  const visitor = await browser.newContext();
  const public_ = await visitor.newPage();
  await public_.goto('/verify');
  await public_.getByLabel('Apliecības numurs').fill(number);
  await public_.getByRole('button', { name: 'Pārbaudīt' }).click();
  await expect(public_.getByRole('status')).toContainText('Apliecība ir derīga.');
  await expect(public_.getByText('Ņina Ķēniņa-Ūdre')).toBeVisible();
  await expect(public_.getByText(nurse.email)).toHaveCount(0);
  await expectNoAxeViolations(public_);

  // Another learner cannot download it.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await register(otherPage);
  const refused = await otherPage.request.get(`/certificates/${number}.pdf`);
  expect(refused.status()).toBe(404);
  await other.close();

  // The hospital's coordinator sees it and downloads her staff's certificates as one ZIP.
  await logout(page);
  await page.goto('/login');
  await submitLogin(page, 'coordinator@tilts.demo', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'Apliecības' }).click();
  await expect(
    page.getByRole('table', { name: 'Apliecības' }).getByRole('row', { name: new RegExp(number) }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  const [zip] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Lejupielādēt atlasītās apliecības vienā ZIP failā' }).click(),
  ]);
  expect(zip.suggestedFilename()).toMatch(/^tilts-certificates-\d{4}-\d{2}-\d{2}\.zip$/);

  // An admin revokes it with a reason; the public check now says so, and downloads stop.
  await logout(page);
  await page.goto('/login');
  await submitLogin(page, 'admin@tilts.demo', DEMO_PASSWORD);
  await page.goto(`/admin/certificates?person=${encodeURIComponent('Ņina')}`);
  const row = page.getByRole('row', { name: new RegExp(number) });
  await row.getByLabel('Atsaukšanas iemesls').fill('Izsniegta kļūdas dēļ');
  await row.getByRole('button', { name: 'Atsaukt' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Apliecība atsaukta.' })).toBeVisible();
  await expectNoAxeViolations(page);
  const gone = await page.request.get(`/certificates/${number}.pdf`);
  expect(gone.status()).toBe(410);

  await public_.goto(`/verify?number=${number}`);
  await expect(public_.getByRole('status')).toContainText('Atsaukta');
  await visitor.close();
});

test('An unknown or malformed number or code is simply not found', async ({ page }) => {
  for (const path of [
    '/verify?number=LV-ICC-1999-000001',
    '/verify?number=%3Cscript%3E',
    '/verify/notacode',
    `/verify/${'a'.repeat(32)}`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('alert')).toHaveText('Apliecība ar šādu numuru vai kodu nav atrasta.');
  }
});
