import { expect, test } from '@playwright/test';
import { LoginPage } from './support/login-page';
import { ReportsPage } from './support/reports-page';
import { startWeb, type RunningWeb } from './support/web-server';

let web: RunningWeb;
test.beforeAll(async () => {
  web = await startWeb(['--demo']);
});
test.afterAll(async () => {
  await web.stop();
});

const shots = 'test-output/screenshots';

test('day’s end: the clerk checks the book and takes 张伟’s cash; a short count needs a note', async ({ page }) => {
  await page.goto(web.url);
  await LoginPage.chinese(page).signIn('clerk', 'demo-clerk');
  await new ReportsPage(page).open();
  const dayEnd = page.getByRole('region', { name: '日终核对与交款' });

  // 核对: the demo book has a call never dispatched (周静) and calls still out (刘洋's dispatch).
  await expect(dayEnd.getByRole('region', { name: '当日未派工（明日优先）' })).toContainText('周静');
  await expect(dayEnd.getByRole('region', { name: '尚在外（已派工、已到达）' })).toContainText('赵丽');

  // 张伟 collected 80 yuan labour and 25 yuan parts from 陈志强 on site.
  const handover = dayEnd.getByRole('group', { name: '张伟 交款' });
  await expect(handover).toContainText('张伟：应交 105.00 元（1 单）');
  await handover.getByLabel('实收（元）').fill('100');
  await handover.getByRole('button', { name: '张伟 交款入账' }).click();
  await expect(handover.getByText('实收与应收不符，请注明原因。')).toBeVisible();
  await handover.getByLabel('备注').fill('少交 5 元，明日补齐');
  await handover.getByRole('button', { name: '张伟 交款入账' }).click();

  const records = dayEnd.getByRole('table', { name: '交款记录' });
  await expect(records.getByRole('row', { name: /张伟/ })).toContainText('-5.00');
  await expect(records.getByRole('row', { name: /张伟/ })).toContainText('少交 5 元，明日补齐');
  await expect(dayEnd.getByText('技术员手中没有待交的现金。')).toBeVisible();
  await dayEnd.screenshot({ path: `${shots}/day-end-zh.png` });
  await page.getByRole('banner').getByRole('radiogroup').getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: "Day's end: check and cash" })).toBeVisible();
  await page.getByRole('region', { name: "Day's end: check and cash" }).screenshot({ path: `${shots}/day-end-en.png` });
});
