import { expect, test, type Page } from '@playwright/test';
import { aRegistration, DEMO_PASSWORD, expectNoAxeViolations, fillRegistration, login } from './helpers.ts';

// Runs in the "phone" project (Pixel 7): a small touch screen.

async function expectNoHorizontalPageScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `page is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth);
}

test('The home page fits the phone screen without sideways scrolling', async ({ page, isMobile }) => {
  expect(isMobile).toBe(true);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Izveidot kontu' })).toBeInViewport();
  await expectNoHorizontalPageScroll(page);
});

test('A nurse registers on her phone', async ({ page }) => {
  await page.goto('/register');
  await expectNoHorizontalPageScroll(page);
  const nurse = aRegistration({ name: 'Inese Krūmiņa' });
  await fillRegistration(page, nurse);
  const submit = page.getByRole('button', { name: 'Izveidot kontu' });
  await submit.scrollIntoViewIfNeeded();
  await submit.tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Mans profils' })).toBeVisible();
  await expect(page.getByText(`${nurse.email} · Mācību dalībnieks`)).toBeVisible();
  await expectNoHorizontalPageScroll(page);
});

test('The admin’s user table scrolls inside its frame, not the whole page', async ({ page }) => {
  await login(page, 'admin@tilts.demo', DEMO_PASSWORD);
  await page.goto('/admin/users');
  const table = page.getByRole('table', { name: 'Lietotāji' });
  await expect(table).toBeVisible();
  const frame = table.locator('xpath=..');
  const sizes = await frame.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(sizes.scrollWidth, 'the table is wider than the phone').toBeGreaterThan(sizes.clientWidth);
  await expectNoHorizontalPageScroll(page);
  const scrolled = await frame.evaluate((el) => {
    el.scrollLeft = 100;
    return el.scrollLeft;
  });
  expect(scrolled).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.scrollX)).toBe(0);
});

for (const path of ['/', '/register']) {
  test(`${path} passes axe on a phone`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
