import { expect, test, type Page } from '@playwright/test';
import {
  aRegistration,
  DEMO_PASSWORD,
  fillRegistration,
  login,
  logout,
  openUserAsAdmin,
  registeredCount,
  type Registration,
} from './helpers.ts';

/** Fills the form with `data`, lets `tamper` meddle with the page, and submits. */
async function submitRegistration(page: Page, data: Registration, tamper?: () => Promise<void>): Promise<void> {
  await page.goto('/register');
  await fillRegistration(page, data);
  if (tamper) await tamper();
  await page.getByRole('button', { name: 'Izveidot kontu' }).click();
  await expect(page.getByRole('alert')).toContainText('Lūdzu, izlabojiet kļūdas:');
}

test.describe('Registration with bad input gets a clear message and creates no account', () => {
  let countBefore: number;

  test.beforeEach(async ({ page }) => {
    countBefore = await registeredCount(page);
  });

  test.afterEach(async ({ page }, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) return;
    expect(await registeredCount(page), 'a refused registration must not add a person').toBe(countBefore);
  });

  test('an e-mail that already has an account is refused', async ({ page }) => {
    await submitRegistration(page, aRegistration({ email: 'learner@tilts.demo' }));
    await expect(page).toHaveURL(/\/register$/);
    const email = page.getByLabel('E-pasts');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(
      'Konts ar šo e-pastu jau eksistē. Pieslēdzieties vai atjaunojiet paroli.',
    );
    // What she typed is kept (except the password), so she only fixes the one field.
    await expect(email).toHaveValue('learner@tilts.demo');
    await expect(page.getByLabel('Vārds un uzvārds')).toHaveValue('Marta Liepiņa');
    await expect(page.getByLabel('Parole', { exact: true })).toHaveValue('');
  });

  test('a common password is refused', async ({ page }) => {
    await submitRegistration(page, aRegistration({ password: '1234567890' }));
    const password = page.getByLabel('Parole', { exact: true });
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toHaveAccessibleDescription(/Šī parole ir pārāk vienkārša vai bieži lietota\./);
    await expect(page.getByRole('alert')).toContainText('Šī parole ir pārāk vienkārša vai bieži lietota.');
  });

  test('a malformed e-mail is refused', async ({ page }) => {
    await submitRegistration(page, aRegistration({ email: 'marta.liepina@' }));
    const email = page.getByLabel('E-pasts');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription('Ievadiet derīgu e-pasta adresi, piemēram, vards@iestade.lv.');
  });

  test('registering without consenting to the privacy notice is refused', async ({ page }) => {
    await submitRegistration(page, aRegistration({ consent: false }));
    const consent = page.getByRole('checkbox', { name: /piekrītu savu datu apstrādei/ });
    await expect(consent).not.toBeChecked();
    await expect(consent).toHaveAttribute('aria-invalid', 'true');
    await expect(consent).toHaveAccessibleDescription('Lai reģistrētos, jāpiekrīt privātuma paziņojumam.');
  });

  test('a name with HTML in it is refused and never runs as a script', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await submitRegistration(page, aRegistration({ name: '<script>alert(1)</script>' }));
    const name = page.getByLabel('Vārds un uzvārds');
    await expect(name).toHaveAccessibleDescription(
      'Vārdā drīkst būt tikai burti, atstarpes, punkti, defises un apostrofi.',
    );
    // The text comes back as the field's value, as text, not as markup.
    await expect(name).toHaveValue('<script>alert(1)</script>');
    await expect(page.locator('script', { hasText: 'alert(1)' })).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test('an institution that is not in the list is refused', async ({ page }) => {
    await submitRegistration(page, aRegistration(), async () => {
      await page.getByLabel('Iestāde', { exact: true }).evaluate((select: HTMLSelectElement) => {
        select.add(new Option('Neesoša iestāde', '99999'));
        select.value = '99999';
      });
    });
    const institution = page.getByLabel('Iestāde', { exact: true });
    await expect(institution).toHaveAttribute('aria-invalid', 'true');
    await expect(institution).toHaveAccessibleDescription(
      'Šāda iestāde nav atrodama. Izvēlieties iestādi no saraksta.',
    );
  });
});

test('A forged role field in the registration form still creates a learner', async ({ page }) => {
  const forger = aRegistration({ name: 'Viltus Administrators' });
  const countBefore = await registeredCount(page);
  await page.goto('/register');
  await fillRegistration(page, forger);
  await page.locator('form', { has: page.getByRole('button', { name: 'Izveidot kontu' }) }).evaluate((form) => {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'role';
    input.value = 'admin';
    form.append(input);
  });
  await page.getByRole('button', { name: 'Izveidot kontu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mans profils' })).toBeVisible();
  await expect(page.getByText(`${forger.email} · Mācību dalībnieks`)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Administrēšana' })).toHaveCount(0);
  expect((await page.goto('/admin'))?.status()).toBe(403);
  expect(await registeredCount(page), 'the registration adds one person').toBe(countBefore + 1);

  await page.goto('/account');
  await logout(page);
  await login(page, 'admin@tilts.demo', DEMO_PASSWORD);
  await page.goto(`/admin/users?q=${encodeURIComponent(forger.email)}`);
  const row = page.getByRole('row').filter({ hasText: forger.email });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').nth(2)).toHaveText('Mācību dalībnieks');
  await openUserAsAdmin(page, forger.email);
  await expect(page.getByLabel('Loma', { exact: true })).toHaveValue('learner');
});
