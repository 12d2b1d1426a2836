import { expect, test } from '@playwright/test';
import { LoginPage } from './support/login-page';
import { startWeb, type RunningWeb } from './support/web-server';

let web: RunningWeb;
test.beforeAll(async () => {
  web = await startWeb(['--demo']);
});
test.afterAll(async () => {
  await web.stop();
});

test('the clerk prints the goods receipt of a call taken in: the PDF opens in a new tab', async ({ page, context }) => {
  await page.goto(web.url);
  await LoginPage.chinese(page).signIn('clerk', 'demo-clerk');
  const book = page.getByRole('table', { name: '叫修登记簿' }).last();
  await book.getByRole('row', { name: /李娜/ }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText('BJ01-R2026-');
  const opened = context.waitForEvent('page');
  await drawer.getByRole('button', { name: '打印收据（A5）' }).click();
  const pdfTab = await opened;
  expect(pdfTab.url()).toMatch(/^blob:/);
  // The print is logged: printing again is a reprint (checked through the API the tab came from).
  const again = await page.evaluate(async () => {
    const response = await fetch('/api/print.form', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ input: { form: 'receipt', receiptNumber: document.body.innerText.match(/BJ01-R2026-\d{6}/)![0], paper: 'A5', copy: 'customer' } }),
    });
    return (await response.json()) as { ok: boolean; data: { reprintOf: string | null } };
  });
  expect(again.ok).toBe(true);
  expect(again.data.reprintOf).not.toBeNull();
});
