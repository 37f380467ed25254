import { expect, test, type Page } from '@playwright/test';
import { aRegistration, DEMO_PASSWORD, login, openUserAsAdmin, register, submitLogin, uniqueEmail } from './helpers.ts';

const FORBIDDEN = 'Piekļuve liegta';

/** The id of an institution, read from the choices of the (public) registration form. */
async function institutionId(page: Page, name: string): Promise<string> {
  await page.goto('/register');
  const option = page.getByLabel('Iestāde', { exact: true }).locator('option', { hasText: name });
  const id = await option.getAttribute('value');
  expect(id, `an option for "${name}"`).toMatch(/^\d+$/);
  return id ?? '';
}

test('A learner opening the admin pages is refused with 403', async ({ page }) => {
  await login(page, 'learner@tilts.demo', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Lietotāji' })).toHaveCount(0);
  for (const path of ['/admin/users', '/admin', '/institution']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: FORBIDDEN })).toBeVisible();
    await expect(page.getByText('Jums nav tiesību atvērt šo lapu.')).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
  }
});

test('An anonymous visitor to her profile is sent to log in and then back to the profile', async ({ page }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  await expect(page.getByRole('status')).toHaveText('Lai atvērtu šo lapu, lūdzu, pieslēdzieties.');
  await submitLogin(page, 'teacher@tilts.demo', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mans profils' })).toBeVisible();
  await expect(page.getByText('teacher@tilts.demo · Mācību dalībnieks')).toBeVisible();
});

test('A login link cannot send the person off to another site afterwards', async ({ page }) => {
  await page.goto('/login?next=//evil.example/phish');
  await submitLogin(page, 'teacher@tilts.demo', DEMO_PASSWORD);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
});

test('A coordinator sees the staff of her own institutions and only those', async ({ page }) => {
  const stradins = await institutionId(page, 'Paula Stradiņa klīniskā universitātes slimnīca');
  const policeLatgale = await institutionId(page, 'Valsts policijas Latgales reģiona pārvalde');

  await login(page, 'coordinator@tilts.demo', DEMO_PASSWORD);
  await page
    .getByRole('navigation', { name: 'Galvenā navigācija' })
    .getByRole('link', { name: 'Mana iestāde' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mana iestāde' })).toBeVisible();
  const headings = page.getByRole('heading', { level: 2 });
  await expect(headings).toHaveText([
    'Daugavpils reģionālā slimnīca',
    'Paula Stradiņa klīniskā universitātes slimnīca',
  ]);
  const stradinsStaff = page.getByRole('table', { name: 'Paula Stradiņa klīniskā universitātes slimnīca' });
  await expect(stradinsStaff.getByRole('row', { name: /Ērika Šķēle-Žagare/ })).toContainText('Medicīnas māsa');
  await expect(page.getByText('Ilze Ūdre')).toHaveCount(0);

  const own = await page.goto(`/institution?id=${stradins}`);
  expect(own?.status()).toBe(200);
  await expect(headings).toHaveText(['Paula Stradiņa klīniskā universitātes slimnīca']);

  const other = await page.goto(`/institution?id=${policeLatgale}`);
  expect(other?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: FORBIDDEN })).toBeVisible();
  await expect(page.getByText('Ģirts Ņikitins')).toHaveCount(0);
});

test('A form posted from another site is refused', async ({ page, baseURL }) => {
  await page.goto('/');
  const forged = await page.request.post('/locale', {
    headers: { Origin: 'http://evil.example' },
    form: { locale: 'en', return: '/' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  // The same post from the site itself is accepted (so the 403 above is the origin check).
  const genuine = await page.request.post('/locale', {
    headers: { Origin: baseURL ?? '' },
    form: { locale: 'en', return: '/' },
    maxRedirects: 0,
  });
  expect(genuine.status()).toBe(303);
});

test('An admin makes a learner a trainer and the learner’s open session ends', async ({ page, browser }) => {
  const learnerContext = await browser.newContext();
  const learnerPage = await learnerContext.newPage();
  const learner = await register(learnerPage, aRegistration({ name: 'Kārlis Zīverts', email: uniqueEmail('role') }));

  await login(page, 'admin@tilts.demo', DEMO_PASSWORD);
  await openUserAsAdmin(page, learner.email);
  await expect(page.getByRole('heading', { level: 1, name: 'Lietotājs: Kārlis Zīverts' })).toBeVisible();
  await page.getByLabel('Loma', { exact: true }).selectOption({ label: 'Pasniedzējs' });
  await page.getByRole('button', { name: 'Saglabāt lomu' }).click();
  await expect(page.getByRole('status')).toHaveText('Loma saglabāta.');
  await expect(page.getByLabel('Loma', { exact: true })).toHaveValue('trainer');
  await expect(page.getByRole('table', { name: 'Notikumi' })).toContainText('Loma mainīta');

  await learnerPage.reload();
  await expect(learnerPage).toHaveURL(/\/login\?next=%2Faccount/);
  await expect(learnerPage.getByRole('status')).toHaveText('Lai atvērtu šo lapu, lūdzu, pieslēdzieties.');
  await submitLogin(learnerPage, learner.email, learner.password);
  await expect(learnerPage.getByText(`${learner.email} · Pasniedzējs`)).toBeVisible();
  await learnerContext.close();
});

test('A coordinator role needs at least one institution', async ({ page, browser }) => {
  const other = await browser.newContext();
  const person = await register(await other.newPage(), aRegistration({ email: uniqueEmail('coord') }));
  await other.close();
  await login(page, 'admin@tilts.demo', DEMO_PASSWORD);
  await openUserAsAdmin(page, person.email);
  await page.getByLabel('Loma', { exact: true }).selectOption({ label: 'Iestādes koordinators' });
  await page.getByRole('button', { name: 'Saglabāt lomu' }).click();
  await expect(page.getByRole('alert')).toContainText('Koordinatoram jāizvēlas vismaz viena iestāde.');
  await page.reload();
  await expect(page.getByLabel('Loma', { exact: true })).toHaveValue('learner');
});

test('An admin deactivates an account and that person can no longer log in', async ({ page, browser }) => {
  const personContext = await browser.newContext();
  const personPage = await personContext.newPage();
  const person = await register(personPage, aRegistration({ name: 'Dace Āboliņa', email: uniqueEmail('deact') }));

  await login(page, 'admin@tilts.demo', DEMO_PASSWORD);
  await openUserAsAdmin(page, person.email);
  await page.getByRole('button', { name: 'Deaktivizēt kontu' }).click();
  await expect(page.getByRole('status')).toHaveText('Statuss saglabāts.');
  await expect(page.getByRole('definition').filter({ hasText: 'Deaktivizēts' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Aktivizēt kontu' })).toBeVisible();

  // Her open session has ended…
  await personPage.reload();
  await expect(personPage).toHaveURL(/\/login\?next=%2Faccount/);
  // …and her correct password no longer lets her in.
  await submitLogin(personPage, person.email, person.password);
  await expect(personPage.getByRole('alert')).toContainText(
    'Šis konts ir deaktivizēts. Sazinieties ar projekta administratoru.',
  );
  await expect(personPage).toHaveURL(/\/login/);
  await personContext.close();
});

test('An admin adds an institution, and a second one with the same registration number is refused', async ({
  page,
}) => {
  const registrationNumber = `4${String(Date.now()).slice(-10)}`;
  const name = `Ogres novada sociālais dienests ${registrationNumber.slice(-4)}`;
  await login(page, 'admin@tilts.demo', DEMO_PASSWORD);
  await page.goto('/admin/institutions');
  const addForm = page.getByRole('form', { name: 'Pievienot iestādi' });

  const addInstitution = async (institutionName: string) => {
    // An institution has a name ("Nosaukums"), not a person's "Vārds un uzvārds".
    await expect(addForm.getByLabel('Nosaukums', { exact: true })).toBeVisible();
    await addForm.getByLabel('Nosaukums', { exact: true }).fill(institutionName);
    await addForm.getByLabel('Reģistrācijas numurs').fill(registrationNumber);
    await addForm.getByLabel('Nozare').selectOption({ label: 'Valsts un pašvaldību pārvalde' });
    await addForm.getByLabel('Reģions').selectOption({ label: 'Vidzeme' });
    await addForm.getByRole('button', { name: 'Pievienot iestādi' }).click();
  };

  await addInstitution(name);
  await expect(page).toHaveURL(/\/admin\/institutions\?created=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Iestāde pievienota.' })).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
  await expect(row).toContainText(registrationNumber);
  await expect(row).toContainText('Valsts un pašvaldību pārvalde');

  await addInstitution('Ogres novada sociālā dienesta dublikāts');
  await expect(page.getByRole('alert')).toContainText('Iestāde ar šo reģistrācijas numuru jau ir sarakstā.');
  await expect(addForm.getByLabel('Reģistrācijas numurs')).toHaveAttribute('aria-invalid', 'true');
  // The refused attempt must not be announced as a success.
  await expect(page.getByText('Iestāde pievienota.')).toHaveCount(0);
  await page.goto(`/admin/institutions?q=${registrationNumber}`);
  await expect(page.getByRole('status')).toHaveText('1 iestāde');
  await expect(page.getByRole('link', { name: 'Ogres novada sociālā dienesta dublikāts' })).toHaveCount(0);
});

test('A tampered or unknown session cookie is treated as logged out and cleared', async ({
  page,
  context,
  baseURL,
}) => {
  await login(page, 'teacher@tilts.demo', DEMO_PASSWORD);
  const [session] = (await context.cookies()).filter((c) => c.name === 'tilts_session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');
  const tampered = (session?.value ?? '').replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
  await context.addCookies([{ name: 'tilts_session', value: tampered, url: baseURL ?? '' }]);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  expect((await context.cookies()).find((c) => c.name === 'tilts_session')).toBeUndefined();
});

test('A profile form with a forged user id changes only the person’s own profile', async ({ page, browser }) => {
  const victimContext = await browser.newContext();
  const victim = await register(await victimContext.newPage(), aRegistration({ position: 'Neaizskarams amats' }));
  await victimContext.close();
  await login(page, 'admin@tilts.demo', DEMO_PASSWORD);
  const victimId = String(await openUserAsAdmin(page, victim.email));

  const attacker = await browser.newContext();
  const attackerPage = await attacker.newPage();
  const me = await register(attackerPage);
  await attackerPage.goto('/account');
  await attackerPage.evaluate((id) => {
    const form = document.querySelector('main form');
    for (const name of ['id', 'userId', 'role']) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = name === 'role' ? 'admin' : id;
      form?.append(input);
    }
  }, victimId);
  await attackerPage.getByLabel('Amats').fill('Uzbrucēja amats');
  await attackerPage.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(attackerPage.getByRole('status')).toHaveText('Izmaiņas saglabātas.');
  await expect(attackerPage.getByLabel('Amats')).toHaveValue('Uzbrucēja amats');
  await expect(attackerPage.getByText(`${me.email} · Mācību dalībnieks`)).toBeVisible();
  await attacker.close();

  await page.goto(`/admin/users/${victimId}`);
  await expect(page.getByText('Neaizskarams amats')).toBeVisible();
});
