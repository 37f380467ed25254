import { expect, test, type BrowserContext } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, loggedInContext, register } from './helpers.ts';

/** A page to check: where it is, the status it answers with, and its main heading. */
interface Checked {
  path: string;
  status: number;
  heading: string | RegExp;
}

const PUBLIC_PAGES: Checked[] = [
  { path: '/', status: 200, heading: /^Tilts — starpkultūru komunikācija/ },
  { path: '/login', status: 200, heading: 'Pieslēgties' },
  { path: '/register', status: 200, heading: 'Reģistrēties' },
  { path: '/forgot-password', status: 200, heading: 'Paroles atjaunošana' },
  { path: '/reset-password/invalidtoken', status: 400, heading: 'Jaunas paroles iestatīšana' },
  { path: '/privacy', status: 200, heading: 'Privātuma paziņojums' },
  { path: '/accessibility', status: 200, heading: 'Piekļūstamības paziņojums' },
  { path: '/no-such-page', status: 404, heading: 'Lapa nav atrasta' },
  { path: '/forbidden', status: 403, heading: 'Piekļuve liegta' },
  { path: '/courses', status: 200, heading: 'Kursi' },
  { path: '/courses/common-core', status: 200, heading: /kopējais pamatkurss/ },
  { path: '/courses/police', status: 200, heading: /policijas/ },
  { path: '/verify', status: 200, heading: 'Apliecības pārbaude' },
];

const ROLE_PAGES: { role: string; email: string; pages: Checked[] }[] = [
  {
    role: 'a learner',
    email: 'learner@tilts.demo',
    pages: [
      { path: '/', status: 200, heading: 'Sveicināti, Ērika Šķēle-Žagare!' },
      { path: '/account', status: 200, heading: 'Mans profils' },
      { path: '/account/password', status: 200, heading: 'Paroles maiņa' },
      { path: '/account/delete', status: 200, heading: 'Konta dzēšana' },
      { path: '/learning', status: 200, heading: 'Mana mācīšanās' },
    ],
  },
  {
    role: 'a coordinator',
    email: 'coordinator@tilts.demo',
    pages: [
      { path: '/institution', status: 200, heading: 'Mana iestāde' },
      { path: '/institution/certificates', status: 200, heading: 'Apliecības' },
      { path: '/institution/cohorts', status: 200, heading: 'Mācību grupas ar mūsu darbiniekiem' },
    ],
  },
  {
    role: 'an admin',
    email: 'admin@tilts.demo',
    pages: [
      { path: '/admin', status: 200, heading: 'Administrēšana' },
      { path: '/admin/users', status: 200, heading: 'Lietotāji' },
      { path: '/admin/users/1', status: 200, heading: /^Lietotājs: / },
      { path: '/admin/institutions', status: 200, heading: 'Iestādes' },
      { path: '/admin/institutions/1', status: 200, heading: /^Iestāde: / },
      { path: '/admin/audit', status: 200, heading: 'Audita žurnāls' },
      { path: '/admin/courses', status: 200, heading: 'Kursu pārvaldība' },
      { path: '/admin/certificates', status: 200, heading: 'Apliecības' },
      { path: '/admin/courses/education', status: 200, heading: 'Starpkultūru komunikācija skolā' },
      { path: '/admin/quizzes/import', status: 200, heading: 'Jautājumu imports no Moodle' },
      { path: '/surveys?course=common-core', status: 200, heading: 'Kursu aptaujas' },
    ],
  },
  {
    role: 'a trainer',
    email: 'trainer@tilts.demo',
    pages: [
      { path: '/quizzes', status: 200, heading: 'Testu rezultāti' },
      { path: '/quizzes/common-core/post-test', status: 200, heading: /^Noslēguma tests: / },
      { path: '/quizzes/health', status: 200, heading: /^Jautājumu banka: / },
      { path: '/cohorts', status: 200, heading: 'Mācību grupas' },
      { path: '/surveys', status: 200, heading: 'Kursu aptaujas' },
      { path: '/join', status: 200, heading: 'Pievienoties mācību grupai' },
      { path: '/admin', status: 403, heading: 'Piekļuve liegta' },
    ],
  },
];

async function checkPage(context: BrowserContext, { path, status, heading }: Checked): Promise<void> {
  const page = await context.newPage();
  try {
    const response = await page.goto(path);
    expect(response?.status(), `status of ${path}`).toBe(status);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectNoAxeViolations(page);
  } finally {
    await page.close();
  }
}

test.describe('Every public page passes axe (WCAG 2.1 A and AA)', () => {
  for (const checked of PUBLIC_PAGES) {
    test(`${checked.path} as a visitor`, async ({ context }) => {
      await checkPage(context, checked);
    });
  }
});

for (const { role, email, pages } of ROLE_PAGES) {
  test.describe(`Every page of ${role} passes axe`, () => {
    let context: BrowserContext;
    // One login per role: the pages are only read, so the session can be shared.
    test.beforeAll(async ({ browser }) => {
      context = await loggedInContext(browser, email, DEMO_PASSWORD);
    });
    test.afterAll(async () => {
      await context.close();
    });
    for (const checked of pages) {
      test(`${checked.path} as ${role}`, async () => {
        await checkPage(context, checked);
      });
    }
  });
}

test('The registration form with its errors shown passes axe', async ({ page }) => {
  await page.goto('/register');
  await page.getByRole('button', { name: 'Izveidot kontu' }).click();
  await expect(page.getByRole('alert')).toContainText('Lūdzu, izlabojiet kļūdas:');
  await expect(page.getByLabel('Vārds un uzvārds')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
});

test('The end-of-course survey, and the same form with its errors shown, pass axe', async ({ page }) => {
  await register(page);
  await page.goto('/courses/common-core');
  await page.getByRole('button', { name: 'Pieteikties kursam' }).click();
  await expect(page.getByRole('navigation', { name: 'Kursa saturs' })).toBeVisible();
  await page.goto('/learn/common-core/survey');
  await expect(page.getByRole('heading', { level: 1, name: 'Kursa novērtējuma aptauja' })).toBeVisible();
  await expectNoAxeViolations(page);
  const useful = page.getByRole('group', { name: /Mācības bija noderīgas manā darbā/ });
  await useful.getByLabel('4 — Piekrītu', { exact: true }).check();
  await page.getByRole('button', { name: 'Iesniegt atbildes' }).click();
  await expect(page.getByRole('alert')).toContainText('Lūdzu, izlabojiet kļūdas:');
  await expect(page.getByRole('alert')).toContainText('2. apgalvojums “Apgūto izmantošu savā darbā”');
  // What was chosen stays chosen; the statements still to answer say so.
  await expect(useful.getByLabel('4 — Piekrītu', { exact: true })).toBeChecked();
  await expect(page.getByRole('group', { name: /Apgūto izmantošu savā darbā/ })).toHaveAccessibleDescription(
    /izvēlieties vienu atbildi no 1 līdz 5/,
  );
  await expectNoAxeViolations(page);
});

test('The home page in English passes axe', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Pārslēgt uz latviešu valodu' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('The first Tab from the top of the home page reaches the skip link, which jumps to the content', async ({
  page,
}) => {
  await page.goto('/');
  const skipLink = page.getByRole('link', { name: 'Pāriet uz saturu' });
  await expect(skipLink).not.toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await expect(page.getByRole('main')).toBeFocused();
});

test('The registration form can be filled and sent with the keyboard alone', async ({ page }) => {
  await page.goto('/register');
  const name = page.getByLabel('Vārds un uzvārds');
  await name.focus();
  await page.keyboard.type('Ā');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('E-pasts')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Parole', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Nozare')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Meklēt iestādi sarakstā')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Iestāde', { exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Izveidot kontu' }).focus();
  await page.keyboard.press('Enter');
  await expect(name).toHaveAccessibleDescription('Vārdam jābūt vismaz 2 rakstzīmes garam.');
});
