import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { aRegistration, logout, register, submitLogin } from './helpers.ts';

test('A teacher registers, logs out, logs in, edits her profile, switches language and deletes her account', async ({
  page,
}) => {
  const teacher = aRegistration({
    name: 'Līga Ērgļu-Šķērste',
    sector: 'Izglītība',
    institutionSearch: 'daugavpils',
    institution: 'Daugavpils Valsts ģimnāzija',
    region: 'Latgale',
  });

  await test.step('she registers and lands on her profile', async () => {
    await page.goto('/register');
    // The search box narrows the list of institutions as she types (without diacritics too).
    await page.getByLabel('Meklēt iestādi sarakstā').fill('daugavpils');
    await expect(page.locator('option', { hasText: 'Rīgas 64. vidusskola' })).toBeDisabled();
    await expect(page.locator('option', { hasText: 'Daugavpils Valsts ģimnāzija' })).toBeEnabled();
    await register(page, teacher);
    await expect(page.getByText(`${teacher.email} · Mācību dalībnieks`)).toBeVisible();
    await expect(page.getByLabel('Vārds un uzvārds')).toHaveValue('Līga Ērgļu-Šķērste');
    await expect(page.getByLabel('Iestāde', { exact: true })).toHaveValue(/^\d+$/);
    await expect(page.getByRole('contentinfo')).toContainText('Lietotājs: Līga Ērgļu-Šķērste');
  });

  await test.step('she logs out and logs in again', async () => {
    await logout(page);
    await expect(page).toHaveURL(/\/login\?loggedOut=1$/);
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
    await submitLogin(page, teacher.email, teacher.password);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Mans profils' })).toBeVisible();
  });

  await test.step('she adds her position and saves', async () => {
    await page.getByLabel('Amats').fill('Latviešu valodas skolotāja');
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await expect(page.getByRole('status')).toHaveText('Izmaiņas saglabātas.');
    await page.reload();
    await expect(page.getByLabel('Amats')).toHaveValue('Latviešu valodas skolotāja');
  });

  await test.step('she switches the site to English', async () => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'lv');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'My profile' })).toBeVisible();
    await expect(page.getByLabel('Position')).toHaveValue('Latviešu valodas skolotāja');
  });

  await test.step('she downloads her data', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download my data (JSON)' }).click();
    const download = await downloading;
    const data = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      profile: { email: string; name: string; position: string; locale: string };
    };
    expect(data.profile).toMatchObject({
      email: teacher.email,
      name: 'Līga Ērgļu-Šķērste',
      position: 'Latviešu valodas skolotāja',
      locale: 'en',
    });
  });

  await test.step('she deletes her account with her password', async () => {
    await page.getByRole('link', { name: 'Delete my account' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Delete account' })).toBeVisible();
    await page.getByLabel('Enter your password to confirm').fill(teacher.password);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page).toHaveURL(/\/login\?deleted=1$/);
    await expect(page.getByRole('status')).toHaveText('Your account has been deleted. Thank you for learning with us.');
  });

  await test.step('her old e-mail and password no longer let anyone in', async () => {
    await submitLogin(page, teacher.email, teacher.password);
    await expect(page.getByRole('alert')).toContainText('Incorrect email address or password.');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);
  });
});

test('Deleting an account needs the right password', async ({ page }) => {
  const person = await register(page);
  await page.goto('/account/delete');
  await page.getByLabel('Lai apstiprinātu, ievadiet savu paroli').fill('nav-mana-parole-123');
  await page.getByRole('button', { name: 'Dzēst manu kontu' }).click();
  await expect(page.getByRole('alert')).toContainText('Parole nav pareiza.');
  await page.goto('/account');
  await expect(page.getByText(`${person.email} · Mācību dalībnieks`)).toBeVisible();
});

test('A profile change that is refused is not reported as saved', async ({ page }) => {
  await register(page);
  await page.getByLabel('Amats').fill('Māsa');
  await page.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(page.getByRole('status')).toHaveText('Izmaiņas saglabātas.');

  await page.getByLabel('Amats').fill('<b>Vecākā māsa</b>');
  await page.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(page.getByLabel('Amats')).toHaveAccessibleDescription(
    'Amatā nedrīkst būt rakstzīmes < un > vai vadības rakstzīmes.',
  );
  await expect(page.getByText('Izmaiņas saglabātas.')).toHaveCount(0);
  await page.goto('/account');
  await expect(page.getByLabel('Amats')).toHaveValue('Māsa');
});
