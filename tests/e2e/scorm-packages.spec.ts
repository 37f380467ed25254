import { expect, test, type Page } from '@playwright/test';
import { SCORM_FIXTURES } from '../scorm-packages.ts';
import { DEMO_PASSWORD, expectNoAxeViolations, loggedInContext, login } from './helpers.ts';

// Axe checks the player page; the packages' own content (third-party golf samples) is left out.

/**
 * Every package in the fixtures, uploaded by an admin: the broken ones are refused with their
 * reason, the valid ones are imported with their version and parts, made into courses and
 * played by a teacher in Chromium — a single SCO, 1.2 multi-SCO navigation along the outline,
 * and the SCORM 2004 simple-remediation package following its sequencing rules.
 */
const VALID = [
  { file: 'golf12-runtime-basic.zip', slug: 'golf-basic', version: 'SCORM 1.2', parts: 1 },
  { file: 'golf12-multisco-runtime-minimum.zip', slug: 'golf-multi', version: 'SCORM 1.2', parts: 18 },
  { file: 'golf2004-2nd-singlesco.zip', slug: 'golf-2nd', version: 'SCORM 2004, 2. izdevums', parts: 1 },
  { file: 'golf2004-3rd-runtime-advanced.zip', slug: 'golf-advanced', version: 'SCORM 2004, 3. izdevums', parts: 1 },
  {
    file: 'golf2004-3rd-multisco-runtime-minimum.zip',
    slug: 'golf-multi-2004',
    version: 'SCORM 2004, 3. izdevums',
    parts: 18,
  },
  {
    file: 'golf2004-3rd-seq-simple-remediation.zip',
    slug: 'golf-remediation',
    version: 'SCORM 2004, 3. izdevums',
    parts: 8,
  },
];
const BROKEN = [
  { file: 'broken-no-manifest.zip', message: 'Pakotnes saknē nav faila imsmanifest.xml' },
  { file: 'broken-parser-malformed-xml-12.zip', message: 'nav pareizi veidots XML' },
  { file: 'broken-parser-dangling-identifierref-12.zip', message: 'atsaucas uz resursu non_existent_resource' },
];

async function upload(page: Page, file: string): Promise<void> {
  await page.goto('/admin/scorm');
  await page.getByLabel('SCORM pakotne (.zip)').setInputFiles(`${SCORM_FIXTURES}/${file}`);
  await page.getByRole('button', { name: 'Augšupielādēt un pārbaudīt' }).click();
}

async function makeCourse(page: Page, slug: string): Promise<void> {
  await page.getByLabel('Īsais nosaukums (mapes nosaukums)').fill(slug);
  await page.getByLabel('Īss apraksts latviski').fill('Golfa paraugpakotne testiem.');
  await page.getByLabel('Īss apraksts angliski').fill('A golf sample package for tests.');
  await page.getByRole('checkbox', { name: 'Izglītība' }).check();
  await page.getByLabel('Statuss').selectOption('published');
  await page.getByRole('button', { name: 'Izveidot kursu' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/courses/${slug}$`));
}

async function play(page: Page, slug: string): Promise<void> {
  await page.goto(`/courses/${slug}`);
  await page.getByRole('button', { name: 'Pieteikties kursam' }).click();
  await page.goto(`/learn/${slug}/package/play`);
  await expect(page.locator('#sco-frame')).toHaveAttribute('src', /\/scorm\/files\/pkg-/);
}

/** Waits until the SCO has found the player's API and initialised it. */
async function initialised(page: Page, api: 'API' | 'API_1484_11'): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(
        (name) =>
          (window as unknown as Record<string, { isInitialized(): boolean } | undefined>)[name]?.isInitialized() ??
          false,
        api,
      ),
    )
    .toBe(true);
}

test('An admin uploads every fixture: broken ones refused with their reason, valid ones imported and playable', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await login(page, 'admin@tilts.demo', DEMO_PASSWORD);
  for (const broken of BROKEN) {
    await upload(page, broken.file);
    await expect(page.getByRole('alert')).toContainText(broken.message);
  }
  for (const pkg of VALID) {
    await upload(page, pkg.file);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Golf Explained');
    await expect(page.getByText(pkg.version, { exact: true })).toBeVisible();
    await expect(page.locator('tbody tr td:nth-child(2)', { hasText: /^(sco|asset)$/ })).toHaveCount(pkg.parts);
    await makeCourse(page, pkg.slug);
  }
  await page.goto('/admin/scorm');
  await expectNoAxeViolations(page);

  const teacher = await (await loggedInContext(browser, 'teacher@tilts.demo', DEMO_PASSWORD)).newPage();

  // A single SCORM 1.2 SCO finds window.API; a 2004 one finds window.API_1484_11.
  await play(teacher, 'golf-basic');
  await initialised(teacher, 'API');
  await expectNoAxeViolations(teacher, '#sco-frame');
  await play(teacher, 'golf-advanced');
  await initialised(teacher, 'API_1484_11');
  // The 2nd edition single SCO makes no API calls: it is still launched.
  await play(teacher, 'golf-2nd');
  await expect(teacher.frameLocator('#sco-frame').locator('body')).not.toBeEmpty();

  // SCORM 1.2 multi-SCO: an outline of 18 parts, previous/next and choice along it.
  await play(teacher, 'golf-multi');
  const outline = teacher.getByRole('navigation', { name: 'Moduļa saturs' });
  await expect(outline.getByRole('link')).toHaveCount(18);
  const first = await outline.locator('a[aria-current="page"]').textContent();
  await teacher.getByRole('link', { name: 'Nākamā daļa' }).click();
  await expect(outline.locator('a[aria-current="page"]')).not.toHaveText(first ?? '');
  const second = await outline.locator('a[aria-current="page"]').textContent();
  await teacher.getByRole('link', { name: 'Iepriekšējā daļa' }).click();
  await expect(outline.locator('a[aria-current="page"]')).toHaveText(first ?? '');
  await outline.getByRole('link').nth(5).click();
  await expect(outline.locator('a[aria-current="page"]')).not.toHaveText(second ?? '');
  await initialised(teacher, 'API');
  await expectNoAxeViolations(teacher, '#sco-frame');

  // SCORM 2004 without sequencing rules: played like 1.2, along the outline.
  await play(teacher, 'golf-multi-2004');
  await expect(teacher.getByRole('navigation', { name: 'Moduļa saturs' }).getByRole('link')).toHaveCount(18);
  await teacher.getByRole('link', { name: 'Nākamā daļa' }).click();
  await initialised(teacher, 'API_1484_11');

  // SCORM 2004 simple remediation: flow only, as its sequencing says — start delivers the first
  // content activity, Continue the next, and a choice in the outline is refused.
  await play(teacher, 'golf-remediation');
  await expect(teacher.getByRole('heading', { level: 1, name: 'Playing the Game' })).toBeVisible();
  await initialised(teacher, 'API_1484_11');
  await teacher.getByRole('button', { name: 'Nākamā daļa' }).click();
  await expect(teacher.getByRole('heading', { level: 1, name: 'Etiquette' })).toBeVisible();
  await initialised(teacher, 'API_1484_11');
  await teacher
    .getByRole('navigation', { name: 'Moduļa saturs' })
    .getByRole('link', { name: 'Having Fun', exact: true })
    .click();
  await expect(teacher.getByRole('alert')).toHaveText('Modulis šobrīd neļauj pāriet uz to daļu.');
  await expect(teacher.getByRole('heading', { level: 1, name: 'Etiquette' })).toBeVisible();
  await teacher.getByRole('button', { name: 'Nākamā daļa' }).click();
  await expect(teacher.getByRole('heading', { level: 1, name: 'Handicapping' })).toBeVisible();
  await initialised(teacher, 'API_1484_11');
  await expectNoAxeViolations(teacher, '#sco-frame');
  // Suspend All keeps the place: back on the activity page, and reopening resumes at Handicapping.
  await teacher.getByRole('button', { name: 'Saglabāt un iziet' }).click();
  await expect(teacher).toHaveURL(/\/learn\/golf-remediation\/package$/);
  await teacher.getByRole('link', { name: 'Atvērt moduli' }).click();
  await expect(teacher.getByRole('heading', { level: 1, name: 'Handicapping' })).toBeVisible();
  await initialised(teacher, 'API_1484_11');
  await teacher.getByRole('button', { name: 'Nākamā daļa' }).click();
  await expect(teacher.getByRole('heading', { level: 1, name: 'Having Fun' })).toBeVisible();
});
