import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { aRegistration, DEMO_PASSWORD, expectNoAxeViolations, logout, register, submitLogin } from './helpers.ts';

/** The number in a table cell ("12 / 600" → 12), as the Latvian page writes it. */
function leadingNumber(text: string | null): number {
  const match = /^[\d\s\u00a0]+/.exec((text ?? '').trim());
  return Number((match?.[0] ?? '').replace(/[\s\u00a0]/g, ''));
}

async function enrolledInHealth(page: Page): Promise<number> {
  const table = page.getByRole('table', { name: 'Dalībnieki pa nozarēm (vērtība / mērķis)' });
  const row = table.getByRole('row', { name: /^Veselības aprūpe/ });
  return leadingNumber(await row.getByRole('cell').first().textContent());
}

async function loginAs(page: Page, email: string) {
  await page.goto('/login');
  await submitLogin(page, email, DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: 'Atslēgties' })).toBeVisible();
}

test('An admin follows the project against its targets; a coordinator sees only their institutions', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The admin's starting point.
  await loginAs(page, 'admin@tilts.demo');
  await page.getByRole('link', { name: 'Rādītāji' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Projekta rādītāji' })).toBeVisible();
  const before = await enrolledInHealth(page);
  await logout(page);

  // A nurse of the coordinator's hospital registers and enrols.
  await register(page, aRegistration({ name: 'Rūta Ābele' }));
  await page.goto('/courses/health');
  await page.getByRole('button', { name: 'Pieteikties kursam' }).click();
  expect((await page.request.get('/reports')).status()).toBe(403);
  await logout(page);

  // The admin sees her counted at once, with charts that have their data tables.
  await loginAs(page, 'admin@tilts.demo');
  await page.goto('/reports');
  expect(await enrolledInHealth(page)).toBeGreaterThanOrEqual(before + 1);
  const cards = page.getByRole('list', { name: 'Galvenie rādītāji pret mērķiem' });
  await expect(cards.getByRole('listitem')).toHaveCount(9);
  await expect(cards).toContainText('Reģistrējušies');
  for (const name of ['Dalībnieku ceļš', 'Uzkrātais skaits pa ceturkšņiem: Pabeiguši', 'Reģioni']) {
    const figure = page.getByRole('figure', { name });
    await expect(figure).toBeVisible();
    await figure.getByText('Rādīt datus tabulā').click();
    await expect(figure.getByRole('table')).toBeVisible();
  }
  await expectNoAxeViolations(page);

  // Filters: health only, broken down by institution.
  await page.getByLabel('Nozare').selectOption({ label: 'Veselības aprūpe' });
  await page.getByLabel('Sadalījums tabulā').selectOption({ label: 'iestāde' });
  await page.getByRole('button', { name: 'Rādīt' }).click();
  await expect(page).toHaveURL(/sector=health/);
  const byInstitution = page.getByRole('table', { name: 'Sadalījums: iestāde' });
  await expect(
    byInstitution.getByRole('row', { name: /Paula Stradiņa klīniskā universitātes slimnīca/ }),
  ).toBeVisible();

  // The XLSX export opens as a workbook with a sheet per breakdown and the participant list.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Visi sadalījumi un dalībnieku saraksts (XLSX)' }).click(),
  ]);
  const files = unzipSync(new Uint8Array(await readFile((await download.path()) ?? '')));
  const workbook = strFromU8(files['xl/workbook.xml'] ?? new Uint8Array());
  for (const sheet of ['Kopā', 'Projekta mērķi', 'nozare', 'ceturksnis', 'Dalībnieki'])
    expect(workbook).toContain(`name="${sheet}"`);
  const participants = await page.request.get(
    (await page.getByRole('link', { name: 'Dalībnieku saraksts (CSV)' }).getAttribute('href')) ?? '',
  );
  const csv = await participants.text();
  expect(csv.split('\r\n')[0]).toContain('E-pasts');
  expect(csv).toContain('Rūta Ābele');

  // A target changed by the admin is audited and shown against the figure.
  await page.getByRole('link', { name: 'Mērķi' }).click();
  await page.getByLabel('Pabeiguši, Visas nozares').fill('40');
  await page.getByRole('button', { name: 'Saglabāt mērķus' }).click();
  await expect(page.getByRole('status')).toHaveText(/Mainīts 1 mērķis|Nekas netika mainīts/);
  await expectNoAxeViolations(page);
  await page.goto('/reports');
  await expect(cards.getByRole('listitem').filter({ hasText: 'Pabeiguši' })).toContainText('no mērķa 40');
  await page.goto('/admin/audit');
  await expect(page.getByText('Mērķis mainīts').first()).toBeVisible();
  await logout(page);

  // The coordinator: the same report, limited to her hospitals, without personal data.
  await loginAs(page, 'coordinator@tilts.demo');
  await page.getByRole('link', { name: 'Rādītāji' }).click();
  await expect(page.getByText(/^Pārskats ietver tikai jūsu iestāžu darbiniekus/)).toBeVisible();
  await page.getByLabel('Sadalījums tabulā').selectOption({ label: 'iestāde' });
  await page.getByRole('button', { name: 'Rādīt' }).click();
  const rows = page.getByRole('table', { name: 'Sadalījums: iestāde' }).getByRole('row');
  await expect(rows.filter({ hasText: 'Paula Stradiņa klīniskā universitātes slimnīca' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'vidusskola' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const own = await page.request.get(
    (await page.getByRole('link', { name: 'Dalībnieku saraksts (CSV)' }).getAttribute('href')) ?? '',
  );
  const ownCsv = await own.text();
  expect(ownCsv.split('\r\n')[0]).not.toContain('E-pasts');
  expect(ownCsv).not.toContain('Rūta Ābele');
  const other = await page.request.get('/reports?institution=999999');
  expect(other.status()).toBe(403);
  const forbidden = await page.request.get('/reports/participants.csv?institution=999999');
  expect(forbidden.status()).toBe(403);
  expect(await forbidden.text()).toContain('nav pieejams');
});
