import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  aRegistration,
  DEMO_PASSWORD,
  expectNoAxeViolations,
  fillRegistration,
  logout,
  NEW_PASSWORD,
  readOutbox,
  register,
  submitLogin,
} from './helpers.ts';
import { answerSurvey, takeQuiz } from './quiz-helpers.ts';

const COHORT = 'Daugavpils skolotāji, 2026. gada rudens';

async function asTrainer(page: Page): Promise<void> {
  await page.goto('/login');
  await submitLogin(page, 'trainer@tilts.demo', DEMO_PASSWORD);
}

/** The learner studies the education course online: pre-test, every required lesson, post-test, survey. */
async function studyOnline(page: Page): Promise<void> {
  await page.goto('/learn/education/pre-test');
  await takeQuiz(page, 'education', false);
  await page.goto('/learn/education');
  const outline = page.getByRole('navigation', { name: 'Kursa saturs' });
  const lessons = outline
    .getByRole('listitem')
    .filter({ hasNotText: 'nav obligāta' })
    .filter({ hasNotText: 'tests' })
    .filter({ hasNot: page.getByRole('link', { name: 'Kursa novērtējums', exact: true }) });
  const count = await lessons.count();
  for (let i = 0; i < count; i++) {
    await lessons.nth(i).getByRole('link').click();
    await page.getByRole('button', { name: 'Atzīmēt kā pabeigtu un turpināt' }).click();
  }
  await page.goto('/learn/education/post-test');
  expect(await takeQuiz(page, 'education', true)).toBe(100);
  await page.goto('/learn/education/survey');
  await answerSurvey(page);
}

test('A trainer runs a blended cohort in Daugavpils: imports 25 teachers, schedules sessions, marks attendance, and a teacher who met every rule is certified', async ({
  page,
  browser,
}) => {
  await asTrainer(page);
  await page
    .getByRole('navigation', { name: 'Galvenā navigācija' })
    .getByRole('link', { name: 'Mācību grupas' })
    .click();
  await expectNoAxeViolations(page);
  await page.getByLabel('Kurss').selectOption({ label: 'Starpkultūru komunikācija skolā' });
  await page.getByLabel('Grupas nosaukums').fill(COHORT);
  await page.getByLabel('Norises veids').selectOption({ label: 'jaukts (tiešsaistē un klātienē)' });
  await page.getByLabel('Reģions').selectOption({ label: 'Latgale' });
  await page.getByLabel('Norises vieta').fill('Daugavpils Valsts ģimnāzija, Cietokšņa iela 33');
  await page.getByLabel('Sākuma datums').fill('2026-10-01');
  await page.getByLabel('Beigu datums').fill('2026-12-15');
  await page.getByLabel('Vietu skaits').fill('30');
  await page.getByRole('button', { name: 'Izveidot grupu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: COHORT })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Mācību grupa izveidota.');
  await expect(page.getByRole('img').or(page.locator('figure.qr svg')).first()).toBeVisible();
  await expectNoAxeViolations(page);
  const cohortUrl = new URL(page.url()).pathname;

  // Import 25 teachers from the semicolon CSV: the preview names the three bad rows first.
  await page.getByRole('link', { name: 'Importēt dalībniekus no CSV faila' }).click();
  await page.getByLabel('CSV fails').setInputFiles('tests/fixtures/cohorts/teachers-25.csv');
  await page.getByRole('button', { name: 'Priekšskatīt' }).click();
  await expect(page.getByRole('status')).toHaveText('Importējamas 25 no 28 rindām; rindas ar problēmām: 3.');
  await expect(page.getByRole('row', { name: /nederīgs e-pasts/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /nezināma nozare “Kultūra”/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /e-pasts atkārtojas/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Importēt 25 dalībniekus' }).click();
  await expect(page.getByRole('status')).toContainText('izveidoti 25 konti');
  await expect(page.getByRole('table', { name: 'Grupas dalībnieki' }).getByRole('row')).toHaveCount(26);

  // Two in-person sessions, in Latvian time.
  for (const [date, title] of [
    ['2026-10-20', 'Ievadnodarbība'],
    ['2026-11-17', 'Noslēguma darbnīca'],
  ] as const) {
    await page.getByLabel('Nosaukums (nav obligāts)').fill(title);
    await page.getByLabel('Datums').fill(date);
    await page.getByLabel('Sākuma laiks').fill('10:00');
    await page.getByLabel('Ilgums minūtēs').fill('180');
    await page.getByRole('button', { name: 'Ieplānot', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('Nodarbība ieplānota.');
  }
  // The same time again is a double booking.
  await page.getByLabel('Datums').fill('2026-10-20');
  await page.getByLabel('Sākuma laiks').fill('11:00');
  await page.getByRole('button', { name: 'Ieplānot', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Šajā laikā jau ir cita nodarbība');

  // A teacher from the import sets her password from the invitation and studies online.
  const invitation = await readOutbox('jelena.ivanova@dvg.demo');
  const link = invitation.links.find((l) => l.includes('/reset-password/')) ?? '';
  const teacher = await browser.newContext();
  const learner = await teacher.newPage();
  await learner.goto(link);
  await learner.getByLabel('Jaunā parole').fill(NEW_PASSWORD);
  await learner.getByRole('button', { name: 'Iestatīt paroli' }).click();
  // Setting the password opens a session.
  await expect(learner.getByRole('status')).toHaveText('Parole nomainīta. Jaunā sesija ir atvērta.');
  await learner.goto('/learning');
  await expect(learner.getByRole('heading', { level: 2, name: 'Manas klātienes nodarbības' })).toBeVisible();
  await expect(learner.getByText('Ievadnodarbība')).toBeVisible();
  // Her personal calendar feed holds both sessions (the address is its own credential).
  await learner.getByRole('button', { name: 'Izveidot kalendāra adresi' }).click();
  const feedUrl = (await learner.getByRole('status').locator('code').textContent()) ?? '';
  const anonymous = await browser.newContext();
  const feed = await (await anonymous.request.get(new URL(feedUrl).pathname)).text();
  await anonymous.close();
  expect(feed.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  expect(feed).toContain('Ievadnodarbība');
  await studyOnline(learner);
  await learner.goto('/learning');
  // Online done, attendance not yet: the course is not complete.
  await expect(
    learner
      .getByRole('region', { name: 'Pabeigtie kursi' })
      .getByRole('heading', { name: 'Starpkultūru komunikācija skolā' }),
  ).toHaveCount(0);

  // The trainer marks attendance at both sessions, from the session page.
  for (const title of ['Ievadnodarbība', 'Noslēguma darbnīca']) {
    await page.goto(cohortUrl);
    await page.getByRole('link', { name: new RegExp(`^${title}`) }).click();
    await expectNoAxeViolations(page);
    if (title === 'Ievadnodarbība') {
      await page.getByRole('button', { name: 'Atzīmēt visus kā klātesošus' }).click();
    } else {
      await page.getByRole('group', { name: 'Jeļena Ivanova' }).getByLabel('nokavēja').check();
      await page.getByRole('button', { name: 'Saglabāt apmeklējumu' }).click();
    }
    await expect(page.getByRole('status')).toHaveText('Apmeklējums saglabāts.');
  }

  // The sign-in sheet PDF of the first session lists the teachers.
  const sheet = await page.request.get(
    `${new URL(page.url()).pathname.replace(/\/sessions\/\d+$/, '')}/sessions/${await firstSessionId(page, cohortUrl)}/sheet.pdf`,
  );
  expect(sheet.status()).toBe(200);
  const dir = mkdtempSync(join(tmpdir(), 'tilts-sheet-'));
  try {
    const file = join(dir, 'sheet.pdf');
    writeFileSync(file, await sheet.body());
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const name of ['Jeļena Ivanova', 'Inese Kalniņa', 'Andris Rubīns']) expect(text).toContain(name);
    expect(text).toContain('Līdzfinansē Eiropas Savienība');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Online work and ≥ 80 % attendance: the teacher's course is complete and certified.
  await learner.goto('/learning');
  await expect(
    learner
      .getByRole('region', { name: 'Pabeigtie kursi' })
      .getByRole('heading', { name: 'Starpkultūru komunikācija skolā' }),
  ).toBeVisible();
  await expect(
    learner.getByRole('region', { name: 'Manas apliecības' }).getByRole('link', { name: /^Lejupielādēt LV-ICC-/ }),
  ).toBeVisible();
  await teacher.close();

  // The progress matrix shows her course completed.
  await page.goto(cohortUrl);
  await expect(
    page.getByRole('table', { name: 'Dalībnieki × aktivitātes' }).getByRole('row', { name: /Jeļena Ivanova/ }),
  ).toContainText('2 no 2');
  await expect(
    page.getByRole('table', { name: 'Dalībnieki × aktivitātes' }).getByRole('row', { name: /Jeļena Ivanova/ }),
  ).toContainText('100 %');
});

async function firstSessionId(page: Page, cohortUrl: string): Promise<string> {
  await page.goto(cohortUrl);
  const href = (await page.getByRole('link', { name: /^Ievadnodarbība/ }).getAttribute('href')) ?? '';
  return /\/sessions\/(\d+)$/.exec(href)?.[1] ?? '';
}

test('Cohorts are for their trainers: other roles are refused, and a learner joins only with a valid code', async ({
  page,
  browser,
}) => {
  await asTrainer(page);
  await page.goto('/cohorts');
  await page.getByLabel('Kurss').selectOption({ label: 'Starpkultūru komunikācija skolā' });
  await page.getByLabel('Grupas nosaukums').fill('Tiešsaistes grupa');
  await page.getByLabel('Norises veids').selectOption({ label: 'tiešsaistē' });
  await page.getByLabel('Sākuma datums').fill('2026-12-01');
  await page.getByLabel('Beigu datums').fill('2026-11-01');
  await page.getByLabel('Vietu skaits').fill('1');
  await page.getByRole('button', { name: 'Izveidot grupu' }).click();
  await expect(page.getByRole('alert')).toContainText('Beigu datums nevar būt pirms sākuma datuma.');
  await page.getByLabel('Beigu datums').fill('2026-12-20');
  await page.getByRole('button', { name: 'Izveidot grupu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tiešsaistes grupa' })).toBeVisible();
  const cohortUrl = new URL(page.url()).pathname;
  const code = (await page.locator('strong.code').textContent()) ?? '';

  // A learner and a coordinator cannot open trainers' pages; another trainer sees "not found".
  const learnerContext = await browser.newContext();
  const learnerPage = await learnerContext.newPage();
  await register(learnerPage);
  expect((await learnerPage.goto('/cohorts'))?.status()).toBe(403);
  expect((await learnerPage.goto(cohortUrl))?.status()).toBe(403);
  // Joining: a wrong code is refused, the right one puts her in the one place.
  await learnerPage.goto('/join');
  await learnerPage.getByLabel('Ielūguma kods').fill('aaaaaaaaaa');
  await learnerPage.getByRole('button', { name: 'Turpināt' }).click();
  await expect(learnerPage.getByRole('alert')).toContainText('Šāds ielūguma kods nav atrasts');
  await learnerPage.getByLabel('Ielūguma kods').fill(code.toUpperCase());
  await learnerPage.getByRole('button', { name: 'Turpināt' }).click();
  await expectNoAxeViolations(learnerPage);
  await learnerPage.getByRole('button', { name: 'Pievienoties grupai' }).click();
  await expect(learnerPage).toHaveURL(/\/courses\/education\?joined=1$/);
  // A second person opens the invite link without an account: log in → register → back to the
  // invitation; the group is full, so she goes onto the waiting list.
  const secondContext = await browser.newContext();
  const second = await secondContext.newPage();
  await second.goto(`/join/${code}`);
  await expect(second).toHaveURL(/\/login\?next=/);
  await second.getByRole('main').getByRole('link', { name: 'Reģistrēties' }).click();
  await fillRegistration(second, aRegistration());
  await second.getByRole('button', { name: 'Izveidot kontu' }).click();
  await expect(second).toHaveURL(new RegExp(`/join/${code}$`));
  await second.getByRole('button', { name: 'Pievienoties grupai' }).click();
  await expect(second.getByRole('status')).toContainText('Grupa ir pilna — jūs esat rindā.');
  await secondContext.close();
  await learnerContext.close();

  await logout(page);
  await page.goto('/login');
  await submitLogin(page, 'coordinator@tilts.demo', DEMO_PASSWORD);
  expect((await page.goto('/cohorts'))?.status()).toBe(403);
  await logout(page);
  await page.goto('/login');
  await submitLogin(page, 'admin@tilts.demo', DEMO_PASSWORD);
  expect((await page.goto(cohortUrl))?.status()).toBe(200);
});
