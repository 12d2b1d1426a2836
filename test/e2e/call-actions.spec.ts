import { expect, test, type Page } from '@playwright/test';
import { CallDetailDrawer, drawSignature } from './support/call-detail-drawer';
import { CallLogPage } from './support/call-log-page';
import { LoginPage } from './support/login-page';
import { startWeb, type RunningWeb } from './support/web-server';

let web: RunningWeb;
test.beforeAll(async () => {
  web = await startWeb(['--demo']);
});
test.afterAll(async () => {
  await web.stop();
});

async function openBook(page: Page, username: string, password: string): Promise<CallLogPage> {
  await page.goto(web.url);
  await LoginPage.chinese(page).signIn(username, password);
  const book = new CallLogPage(page);
  await book.open();
  return book;
}

test('the technician finishes a call on site with the parts he fitted; a bad part line is named and nothing is saved', async ({ page }) => {
  await openBook(page, 'tech1', 'demo-tech1');
  const drawer = new CallDetailDrawer(page);
  await drawer.openFromBook('王小明');
  const dialog = drawer.dialog;
  await dialog.getByRole('button', { name: '现场完工', exact: true }).click();
  await dialog.getByLabel('服务内容').fill('更换四通阀线圈，化霜恢复正常');
  await dialog.getByRole('button', { name: '添加零件' }).click();
  const part = dialog.getByRole('group', { name: '零件 1' });
  await part.getByLabel('料号').fill('SV-4T');
  // No name yet: the router refuses and says which field; the call stays as it was.
  await dialog.getByRole('button', { name: /保存完工/ }).click();
  await expect(part.getByText('必填。')).toBeVisible();
  await expect(dialog.getByLabel('叫修概要')).toContainText('已到达');

  await part.getByLabel('零件名称').fill('四通阀线圈');
  await part.getByLabel('零件序列号').fill('SV2026-1103');
  await part.getByLabel('单价（元）').fill('45');
  await drawSignature(page, dialog.getByRole('img', { name: '签名板' }));
  await dialog.getByRole('button', { name: /保存完工/ }).click();
  await expect(dialog.getByText('已登记现场完工，客户已在服务凭证上签认。')).toBeVisible();
  await expect(dialog.getByLabel('叫修概要')).toContainText('现场完工');
  await expect(dialog.getByRole('region', { name: '处理经过' })).toContainText('现场完工');
  // A technician neither closes nor cancels calls.
  await expect(dialog.getByRole('button', { name: '注销' })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: '取消叫修' })).toHaveCount(0);
});

test('the clerk closes a call against its signed voucher and cancels another with a reason; it keeps its number', async ({ page }) => {
  const book = await openBook(page, 'clerk', 'demo-clerk');
  const drawer = new CallDetailDrawer(page);

  await drawer.openFromBook('张建华');
  await drawer.dialog.getByRole('button', { name: '注销' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '注销' }).click();
  await expect(drawer.dialog.getByText('已注销。')).toBeVisible();
  await expect(drawer.dialog.getByLabel('叫修概要')).toContainText('已注销');
  await drawer.close();

  await drawer.openFromBook('赵丽');
  const number = /BJ01-\d{4}-\d{6}/.exec((await drawer.dialog.locator('.ant-drawer-title').textContent()) ?? '')![0];
  await drawer.dialog.getByRole('button', { name: '取消叫修' }).click();
  await drawer.dialog.getByRole('button', { name: '确认取消' }).click();
  await expect(drawer.dialog.getByText('必填。')).toBeVisible();
  await drawer.dialog.getByLabel('取消原因').fill('客户已自行联系厂家上门');
  await drawer.dialog.getByRole('button', { name: '确认取消' }).click();
  await expect(drawer.dialog.getByText('叫修已取消，编号保留在登记簿中。')).toBeVisible();
  await expect(drawer.dialog.getByRole('region', { name: '处理经过' })).toContainText('客户已自行联系厂家上门');
  await drawer.close();
  await expect(book.table.getByRole('row', { name: new RegExp(number) })).toContainText('已取消');
  await page.screenshot({ path: 'test-output/screenshots/call-cancelled-zh.png', fullPage: true });
});
