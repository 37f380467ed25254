import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** The password of every demo account (db/seed/demo-data.ts). */
export const DEMO_PASSWORD = 'Tilts-demo-2026';

/** A strong password for the people the tests register. */
export const NEW_PASSWORD = 'Zaļā-upe-tek-lēni-42';

/** Where the e2e server writes its e-mails (OUTBOX_DIR in playwright.config.ts). */
const OUTBOX_DIR = fileURLToPath(new URL('../../data/e2e/outbox/', import.meta.url));

export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  links: string[];
}

/** A fresh address per call, so that every test registers a person nobody else touches. */
export function uniqueEmail(prefix: string): string {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `${prefix}-${stamp}@e2e.tilts.test`;
}

/** Fills the login form (Latvian or English) and submits it; the caller checks the outcome. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel(/^(E-pasts|Email)$/).fill(email);
  await page.getByLabel(/^(Parole|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Pieslēgties|Log in)$/ }).click();
}

/** Logs in through the login form and waits until the site has let the person in. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await submitLogin(page, email, password);
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: /^(Atslēgties|Log out)$/ })).toBeVisible();
}

/** Logs out with the header button. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Atslēgties' }).click();
  await expect(page.getByRole('status')).toHaveText('Sesija ir beigta.');
}

/** A second, separate browser (its own cookies), already logged in as someone. */
export async function loggedInContext(browser: Browser, email: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email, password);
  await page.close();
  return context;
}

export interface Registration {
  name: string;
  email: string;
  password: string;
  sector: string;
  institutionSearch: string;
  institution: string;
  region: string;
  position?: string;
  consent?: boolean;
}

/** A valid registration of a health-care learner; override what a test is about. */
export function aRegistration(overrides: Partial<Registration> = {}): Registration {
  return {
    name: 'Marta Liepiņa',
    email: uniqueEmail('learner'),
    password: NEW_PASSWORD,
    sector: 'Veselības aprūpe',
    institutionSearch: 'Stradiņa',
    institution: 'Paula Stradiņa klīniskā universitātes slimnīca',
    region: 'Rīgas reģions',
    consent: true,
    ...overrides,
  };
}

/** Fills the registration form at /register the way a person would (without submitting it). */
export async function fillRegistration(page: Page, data: Registration): Promise<void> {
  await page.getByLabel('Vārds un uzvārds').fill(data.name);
  await page.getByLabel('E-pasts').fill(data.email);
  await page.getByLabel('Parole', { exact: true }).fill(data.password);
  await page.getByLabel('Nozare').selectOption({ label: data.sector });
  await page.getByLabel('Meklēt iestādi sarakstā').fill(data.institutionSearch);
  await page.getByLabel('Iestāde', { exact: true }).selectOption({ label: data.institution });
  if (data.position !== undefined) await page.getByLabel('Amats').fill(data.position);
  await page.getByLabel('Reģions').selectOption({ label: data.region });
  if (data.consent !== false) await page.getByRole('checkbox', { name: /piekrītu savu datu apstrādei/ }).check();
}

/** Registers through the form and waits for the new person's profile page. */
export async function register(page: Page, data: Registration = aRegistration()): Promise<Registration> {
  await page.goto('/register');
  await fillRegistration(page, data);
  await page.getByRole('button', { name: 'Izveidot kontu' }).click();
  await expect(page).toHaveURL(/\/account\?welcome=1$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mans profils' })).toBeVisible();
  return data;
}

/** How many active people the home page says have registered (the headline count). */
export async function registeredCount(page: Page): Promise<number> {
  await page.goto('/');
  const line = page.getByText(/^Platformā reģistrē/);
  const text = (await line.textContent()) ?? '';
  const match = /(\d+)/.exec(text.replace(/\s/g, ''));
  if (!match?.[1]) throw new Error(`no count in the home page line "${text}"`);
  return Number(match[1]);
}

/** As an admin: finds a person by e-mail in /admin/users and opens their page. Returns its id. */
export async function openUserAsAdmin(page: Page, email: string): Promise<number> {
  await page.goto('/admin/users');
  await page.getByLabel('Vārds vai e-pasts').fill(email);
  await page.getByRole('button', { name: 'Meklēt' }).click();
  await expect(page.getByRole('status')).toHaveText('Atrasts 1 lietotājs');
  const row = page.getByRole('row').filter({ hasText: email });
  await row.getByRole('link').click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+$/);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

async function messagesTo(toEmail: string): Promise<(OutboxMessage & { file: string })[]> {
  let files: string[];
  try {
    files = await readdir(OUTBOX_DIR);
  } catch {
    return [];
  }
  const found: (OutboxMessage & { file: string })[] = [];
  // File names start with an ISO time stamp: sorted by name is sorted by sending time.
  for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
    const message = JSON.parse(await readFile(join(OUTBOX_DIR, file), 'utf8')) as OutboxMessage;
    if (message.to.toLowerCase() === toEmail.toLowerCase()) found.push({ ...message, file });
  }
  return found;
}

/** How many e-mails the server has written to the outbox for this address so far. */
export async function outboxCount(toEmail: string): Promise<number> {
  return (await messagesTo(toEmail)).length;
}

/** The newest e-mail to an address, waiting up to ~5 s for it to arrive in the outbox. */
export async function readOutbox(toEmail: string): Promise<OutboxMessage> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const newest = (await messagesTo(toEmail)).at(-1);
    if (newest) return newest;
    if (Date.now() > deadline) throw new Error(`no e-mail to ${toEmail} in ${OUTBOX_DIR} after 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now and expects no violations.
 * `exclude` leaves out content Tilts does not author (a third-party SCORM package's frame).
 */
export async function expectNoAxeViolations(page: Page, exclude?: string): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (exclude ? builder.exclude(exclude) : builder).analyze();
  const found = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  const report = found.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.targets.join(', ')}`).join('\n');
  expect(found, `axe violations on ${page.url()}:\n${report}`).toEqual([]);
}
