import { expect, test } from '@playwright/test';
import {
  aRegistration,
  login,
  logout,
  outboxCount,
  readOutbox,
  register,
  submitLogin,
  uniqueEmail,
} from './helpers.ts';

const SENT = 'Ja šim e-pastam ir konts, uz to ir nosūtīta saite paroles atjaunošanai. Saite derīga vienu stundu.';
const INVALID_LINK = 'Šī saite nav derīga vai tai beidzies termiņš. Lūdzu, pieprasiet jaunu.';

test('A police officer resets a forgotten password through the e-mailed link', async ({ page }) => {
  const officer = await register(
    page,
    aRegistration({
      name: 'Ģirts Ņikitins-Ozols',
      email: uniqueEmail('police'),
      sector: 'Policija un robežsardze',
      institutionSearch: 'Latgales',
      institution: 'Valsts policijas Latgales reģiona pārvalde',
      region: 'Latgale',
    }),
  );
  await logout(page);
  const newPassword = 'Jauna-parole-pēc-dienesta-7';
  let link = '';

  await test.step('he asks for a reset link from the login page', async () => {
    await page.getByRole('link', { name: 'Aizmirsāt paroli?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Paroles atjaunošana' })).toBeVisible();
    await page.getByLabel('E-pasts').fill(officer.email);
    await page.getByRole('button', { name: 'Nosūtīt saiti' }).click();
    await expect(page.getByRole('status')).toHaveText(SENT);
  });

  await test.step('the e-mail holds a one-time link to this site', async () => {
    const mail = await readOutbox(officer.email);
    expect(mail.subject).toBe('Tilts: paroles atjaunošana');
    expect(mail.text).toContain('Labdien, Ģirts Ņikitins-Ozols!');
    expect(mail.links).toHaveLength(1);
    link = mail.links[0] ?? '';
    expect(new URL(link).pathname).toMatch(/^\/reset-password\/[a-z2-7]{32}$/);
  });

  await test.step('he sets a new password and is logged in', async () => {
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1, name: 'Jaunas paroles iestatīšana' })).toBeVisible();
    await page.getByLabel('Jaunā parole').fill(newPassword);
    await page.getByRole('button', { name: 'Iestatīt paroli' }).click();
    await expect(page).toHaveURL(/\/account\?reset=1$/);
    await expect(page.getByRole('status')).toHaveText('Parole nomainīta. Jaunā sesija ir atvērta.');
    await expect(page.getByText(`${officer.email} · Mācību dalībnieks`)).toBeVisible();
  });

  await test.step('the old password no longer works, the new one does', async () => {
    await logout(page);
    await submitLogin(page, officer.email, officer.password);
    await expect(page.getByRole('alert')).toContainText('Nepareizs e-pasts vai parole.');
    await login(page, officer.email, newPassword);
    await expect(page.getByRole('heading', { level: 1, name: `Sveicināti, ${officer.name}!` })).toBeVisible();
  });

  await test.step('the same link does not work a second time', async () => {
    await logout(page);
    const response = await page.goto(link);
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('alert')).toHaveText(INVALID_LINK);
    await expect(page.getByLabel('Jaunā parole')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Pieprasīt jaunu saiti' })).toHaveAttribute('href', '/forgot-password');
  });
});

test('A reset link that was never issued shows the invalid-link message', async ({ page }) => {
  const response = await page.goto('/reset-password/abcdefghijklmnopqrstuvwxyz234567');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('alert')).toHaveText(INVALID_LINK);
});

test('Asking a reset for an unknown e-mail answers exactly as for a known one and sends nothing', async ({ page }) => {
  const stranger = uniqueEmail('nobody');
  await page.goto('/forgot-password');
  await page.getByLabel('E-pasts').fill(stranger);
  await page.getByRole('button', { name: 'Nosūtīt saiti' }).click();
  await expect(page.getByRole('status')).toHaveText(SENT);
  const unknownAnswer = await page.locator('main').innerText();
  expect(await outboxCount(stranger)).toBe(0);

  const teacherMailsBefore = await outboxCount('teacher@tilts.demo');
  await page.goto('/forgot-password');
  await page.getByLabel('E-pasts').fill('teacher@tilts.demo');
  await page.getByRole('button', { name: 'Nosūtīt saiti' }).click();
  await expect(page.getByRole('status')).toHaveText(SENT);
  const knownAnswer = await page.locator('main').innerText();
  expect(await outboxCount('teacher@tilts.demo')).toBe(teacherMailsBefore + 1);

  // The page differs only in the e-mail typed into the field: the answer reveals nothing.
  expect(unknownAnswer).toBe(knownAnswer);
});
