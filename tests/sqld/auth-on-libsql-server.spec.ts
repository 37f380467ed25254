import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const OUTBOX = join(import.meta.dirname, '../../data/sqld-test/outbox');

function resetLinkFor(email: string): string | undefined {
  if (!existsSync(OUTBOX)) return undefined;
  const files = readdirSync(OUTBOX).sort();
  const mails = files.map((f) => JSON.parse(readFileSync(join(OUTBOX, f), 'utf8')) as { to: string; links: string[] });
  return mails.filter((m) => m.to === email).at(-1)?.links[0];
}

test('the whole auth flow works against a libSQL server (sqld over HTTP)', async ({ page }) => {
  const health = await page.request.get('/healthz');
  expect(health.status()).toBe(200);

  const email = `sqld-${Date.now()}@example.lv`;
  await page.goto('/register');
  await page.getByLabel('Vārds un uzvārds').fill('Ņina Ķirse');
  await page.getByLabel('E-pasts').fill(email);
  await page.getByLabel('Parole', { exact: true }).fill('serveris-libsql-2026');
  await page.getByLabel('Nozare').selectOption('health');
  await page.getByLabel('Iestāde', { exact: true }).selectOption({ label: 'Daugavpils reģionālā slimnīca' });
  await page.getByLabel('Reģions').selectOption('latgale');
  await page.getByLabel(/privātuma paziņojumu/).check();
  await page.getByRole('button', { name: 'Izveidot kontu' }).click();
  await expect(page.getByRole('heading', { name: 'Mans profils', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Atslēgties' }).click();
  await expect(page.getByText('Sesija ir beigta.')).toBeVisible();

  await page.getByLabel('E-pasts').fill(email);
  await page.getByLabel('Parole').fill('nepareiza-parole');
  await page.getByRole('button', { name: 'Pieslēgties' }).click();
  await expect(page.getByText('Nepareizs e-pasts vai parole.')).toBeVisible();

  await page.goto('/forgot-password');
  await page.getByLabel('E-pasts').fill(email);
  await page.getByRole('button', { name: 'Nosūtīt saiti' }).click();
  await expect(page.getByRole('status')).toContainText('Ja šim e-pastam ir konts');
  await expect.poll(() => resetLinkFor(email)).toBeTruthy();
  await page.goto(resetLinkFor(email) ?? '/');
  await page.getByLabel('Jaunā parole').fill('jauna-servera-parole');
  await page.getByRole('button', { name: 'Iestatīt paroli' }).click();
  await expect(page.getByText('Parole nomainīta. Jaunā sesija ir atvērta.')).toBeVisible();

  await page.getByRole('button', { name: 'Atslēgties' }).click();
  await page.getByLabel('E-pasts').fill(email);
  await page.getByLabel('Parole').fill('jauna-servera-parole');
  await page.getByRole('button', { name: 'Pieslēgties' }).click();
  await expect(page.getByRole('heading', { name: 'Sveicināti, Ņina Ķirse!' })).toBeVisible();

  // An admin sees the new person in the user list served from sqld.
  await page.getByRole('button', { name: 'Atslēgties' }).click();
  await page.getByLabel('E-pasts').fill('admin@tilts.demo');
  await page.getByLabel('Parole').fill('Tilts-demo-2026');
  await page.getByRole('button', { name: 'Pieslēgties' }).click();
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await expect(page.getByRole('link', { name: 'Ņina Ķirse' })).toBeVisible();
});
