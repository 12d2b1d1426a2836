import { expect, test } from '@playwright/test';
import { LoginPage } from './support/login-page';
import { SettingsPage } from './support/settings-page';
import { Shell } from './support/shell';
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
  await drawer.getByRole('button', { name: '打印收据（客户联）', exact: true }).click();
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

/** The page width of a PDF's first page, in points (A5 is 419.5 pt wide, the 80 mm roll 226.8 pt). */
function firstPageWidth(pdf: Buffer): number {
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(pdf.toString('latin1'));
  return Number(box![3]) - Number(box![1]);
}

test('the admin sets the receipt to the 80 mm roll; the clerk’s receipt then prints on the roll and saves as a PDF file', async ({ page }) => {
  await page.goto(web.url);
  await LoginPage.chinese(page).signIn('admin', 'demo-admin');
  const settings = new SettingsPage(page);
  await settings.open();
  const print = page.getByRole('form', { name: '打印' });
  await print.getByLabel('80 mm 热敏纸').check();
  await print.getByLabel('收据打印机').fill('  ');
  await print.getByLabel('修护卡打印机').fill('Workshop-A5');
  await print.getByRole('button', { name: '保存打印设置' }).click();
  await expect(print.getByText('打印设置已保存。')).toBeVisible();
  await page.screenshot({ path: 'test-output/screenshots/settings-print-zh.png', fullPage: true });
  await new Shell(page).signOut();

  await LoginPage.chinese(page).signIn('clerk', 'demo-clerk');
  // The next user starts at the call-log book, not where the admin left off.
  await expect(page.getByRole('heading', { name: '叫修登记簿' })).toBeVisible();
  await page.getByRole('table', { name: '叫修登记簿' }).last().getByRole('row', { name: /李娜/ }).click();
  const drawer = page.getByRole('dialog');
  const printed = page.waitForResponse((r) => r.url().endsWith('/api/print.form'));
  await drawer.getByRole('button', { name: '打印收据（存根联）', exact: true }).click();
  const answer = (await (await printed).json()) as { ok: boolean; data: { pdfBase64: string; printer: string | null } };
  expect(answer.ok).toBe(true);
  expect(firstPageWidth(Buffer.from(answer.data.pdfBase64, 'base64'))).toBeCloseTo(226.8, 0);
  // Blank printer names mean the system default.
  expect(answer.data.printer).toBeNull();

  const download = page.waitForEvent('download');
  await drawer.getByRole('button', { name: '另存为 PDF（打印收据（客户联））' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^receipt-BJ01-R2026-\d{6}_customer\.pdf$/);
  const saved = await file.path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
});
