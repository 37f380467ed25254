import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { testSco } from '../scorm-packages.ts';
import { DEMO_PASSWORD, expectNoAxeViolations, submitLogin } from './helpers.ts';
import { OwnServer } from './scorm-server.ts';

/**
 * The promise of the SCORM player: nothing a learner did is lost. An admin uploads a package that
 * behaves like Storyline or Captivate (it saves only with Commit and Finish while its page unloads)
 * and makes it a course; a teacher plays it halfway and closes the tab; the server is restarted;
 * she comes back in another browser and continues on the same page with the same notes, then
 * passes and the course is completed.
 */
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4399) + 12, 'data/e2e-scorm');
const zips = 'data/e2e-scorm-zips';

test.beforeAll(async () => {
  server.reset();
  mkdirSync(zips, { recursive: true });
  await server.start();
});
test.afterAll(async () => {
  await server.stop();
});

async function loggedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseURL, locale: 'lv-LV' });
  const page = await context.newPage();
  await page.goto('/login');
  await submitLogin(page, email, DEMO_PASSWORD);
  await expect(page.getByRole('button', { name: 'Atslēgties' })).toBeVisible();
  return page;
}

test('A package that saves while unloading: closed tab, restarted server, resumed in another browser, completed', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await loggedIn(browser, 'admin@tilts.demo');

  // A malicious upload is refused with its reason and leaves nothing.
  writeFileSync(
    `${zips}/evil.zip`,
    zipSync({ 'imsmanifest.xml': new TextEncoder().encode('<manifest/>'), '../evil.txt': new Uint8Array([1]) }),
  );
  await admin.goto('/admin/scorm');
  await expect(admin.getByRole('heading', { level: 1, name: 'SCORM pakotnes' })).toBeVisible();
  await expectNoAxeViolations(admin);
  await admin.getByLabel('SCORM pakotne (.zip)').setInputFiles(`${zips}/evil.zip`);
  await admin.getByRole('button', { name: 'Augšupielādēt un pārbaudīt' }).click();
  await expect(admin.getByRole('alert')).toContainText('../evil.txt');
  await admin.reload();
  await expect(admin.getByRole('cell', { name: /evil/ })).toHaveCount(0);

  // The real upload, with its progress bar, lands on the package's page.
  await admin.getByLabel('SCORM pakotne (.zip)').setInputFiles(testSco('unload-commit-12', zips));
  await admin.getByRole('button', { name: 'Augšupielādēt un pārbaudīt' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Test module: commits while unloading' })).toBeVisible();
  await expect(admin.getByRole('cell', { name: 'index.html' })).toBeVisible();
  await expect(admin.getByText('masteryscore 80')).toBeVisible();
  await expectNoAxeViolations(admin);
  await admin.getByLabel('Īsais nosaukums (mapes nosaukums)').fill('saruna-modulis');
  await admin.getByLabel('Nosaukums latviski').fill('Saruna ar vecākiem: interaktīvs modulis');
  await admin.getByLabel('Nosaukums angliski').fill('Talking with parents: interactive module');
  await admin.getByLabel('Īss apraksts latviski').fill('Piecas lapas par sarunu ar vecākiem.');
  await admin.getByLabel('Īss apraksts angliski').fill('Five pages on talking with parents.');
  await admin.getByRole('checkbox', { name: 'Izglītība' }).check();
  await admin.getByLabel('Statuss').selectOption('published');
  await admin.getByRole('button', { name: 'Izveidot kursu' }).click();
  await expect(admin).toHaveURL(/\/admin\/courses\/saruna-modulis$/);

  // A teacher starts the module and goes to page 3 (the SCO saves nothing until it unloads).
  const teacher = await loggedIn(browser, 'teacher@tilts.demo');
  await teacher.goto('/courses/saruna-modulis');
  await teacher.getByRole('button', { name: 'Pieteikties kursam' }).click();
  await teacher.goto('/learn/saruna-modulis/package');
  await expect(teacher.getByText('Vēl nav sākts')).toBeVisible();
  await expectNoAxeViolations(teacher);
  await teacher.getByRole('link', { name: 'Sākt moduli' }).click();
  const sco = teacher.frameLocator('#sco-frame');
  await expect(sco.getByRole('heading', { name: 'Page 1' })).toBeVisible();
  await expect(sco.getByText('Entry: ab-initio')).toBeVisible();
  await sco.getByRole('button', { name: 'Next page' }).click();
  await sco.getByRole('button', { name: 'Next page' }).click();
  await expect(sco.getByRole('heading', { name: 'Page 3' })).toBeVisible();
  await expectNoAxeViolations(teacher, '#sco-frame');
  // A reload: the old page's unload commits arrive before the new page asks for its launch.
  await teacher.reload();
  await expect(sco.getByRole('heading', { name: 'Page 3' })).toBeVisible();
  await expect(sco.getByText('Entry: resume')).toBeVisible();
  await expect(sco.getByText('Notes: p2;p3;')).toBeVisible();
  // The tab is closed: the SCO's Commit in pagehide/unload and the player's beacon must arrive.
  await teacher.close();
  await teacher.context().close();

  // The server restarts (nothing is kept in memory between the two).
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await server.stop();
  await server.start();

  const again = await loggedIn(browser, 'teacher@tilts.demo');
  await again.goto('/learn/saruna-modulis/package');
  await expect(again.getByText('Iesākts — varat turpināt no vietas, kur palikāt')).toBeVisible();
  await again.getByRole('link', { name: 'Atvērt moduli' }).click();
  const resumed = again.frameLocator('#sco-frame');
  await expect(resumed.getByRole('heading', { name: 'Page 3' })).toBeVisible();
  await expect(resumed.getByText('Entry: resume')).toBeVisible();
  await expect(resumed.getByText('Notes: p2;p3;')).toBeVisible();

  // Offline, a commit cannot reach the server: the learner is told, and it goes when the
  // connection is back.
  await again.context().setOffline(true);
  await again.evaluate(() => {
    const api = (
      window as unknown as { API: { LMSSetValue(e: string, v: string): string; LMSCommit(p: string): string } }
    ).API;
    api.LMSSetValue('cmi.core.lesson_location', '4');
    api.LMSCommit('');
  });
  await expect(again.getByRole('alert')).toContainText('Nav interneta savienojuma');
  await again.context().setOffline(false);
  await expect(again.locator('#scorm-status')).toHaveText('Progress saglabāts.');
  await expect(again.getByRole('alert')).toBeHidden();

  await resumed.getByRole('button', { name: 'Finish with score 90' }).click();
  // The module's last commit arrives; the activity page then says the module was passed.
  await expect(resumed.getByRole('heading', { name: 'Finished' })).toBeVisible();
  await expect
    .poll(async () => {
      await again.goto('/learn/saruna-modulis/package');
      return again.getByText('Nokārtots').count();
    })
    .toBe(1);
  await again.goto('/learning');
  await expect(
    again
      .getByRole('region', { name: 'Pabeigtie kursi' })
      .getByRole('heading', { name: 'Saruna ar vecākiem: interaktīvs modulis' }),
  ).toBeVisible();

  // The commit endpoint as a beacon uses it: text/plain, no custom headers. A repeat is
  // acknowledged and changes nothing; a forged token or another site's page is refused.
  await again.goto('/learn/saruna-modulis/package/play');
  const page = JSON.parse((await again.locator('#scorm-launch').textContent()) ?? '{}') as Record<string, unknown>;
  // A launch of its own, as the page's script asks for one: the session number commits carry.
  const started = await again.request.post('/api/scorm/launch', {
    data: { attempt: page['attempt'], item: page['item'], token: page['token'] },
    headers: { Origin: server.baseURL },
  });
  expect(started.status()).toBe(200);
  const launch = { ...page, ...((await started.json()) as Record<string, unknown>) };
  const body = (seq: number, token = String(launch['token'])) =>
    JSON.stringify({
      attempt: launch['attempt'],
      item: launch['item'],
      session: launch['session'],
      seq,
      token,
      // The whole state, as the player sends it (the LMS's own values in it are ignored).
      cmi: launch['cmi'],
    });
  const beacon = (data: string, headers: Record<string, string> = {}) =>
    again.request.post('/api/scorm/commit', {
      data,
      headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: server.baseURL, ...headers },
    });
  const stored = await beacon(body(1000));
  expect(stored.status()).toBe(200);
  expect(await stored.json()).toMatchObject({ ok: true, status: 'stored' });
  expect(await (await beacon(body(1000))).json()).toMatchObject({ ok: true, status: 'duplicate' });
  expect((await beacon(body(1001, 'x'.repeat(32)))).status()).toBe(403);
  expect((await beacon(body(1002), { Origin: 'https://evil.example' })).status()).toBe(403);
  expect((await beacon('{not json')).status()).toBe(400);

  // Staff see her attempt and its CMI data.
  await admin.goto('/admin/courses/saruna-modulis');
  await admin.getByRole('link', { name: 'SCORM dati' }).click();
  await expect(admin.getByRole('heading', { level: 2, name: /Test module: commits while unloading/ })).toBeVisible();
  await admin.getByText(/pages: completed \/ passed/).click();
  await expect(admin.getByRole('cell', { name: 'cmi.core.lesson_location' })).toBeVisible();
  await expect(admin.getByRole('cell', { name: 'p2;p3;' })).toBeVisible();
  await expectNoAxeViolations(admin);
});
