import { expect, test, type Page } from '@playwright/test';
import { CallDetailDrawer } from './support/call-detail-drawer';
import { CallLogPage } from './support/call-log-page';
import { GoodsLedgerPage } from './support/goods-ledger-page';
import { LoginPage } from './support/login-page';
import { RepairCardsPage } from './support/repair-cards-page';
import { Shell } from './support/shell';
import { VouchersPage } from './support/vouchers-page';
import { startWeb, type RunningWeb } from './support/web-server';

let web: RunningWeb;
test.beforeAll(async () => {
  web = await startWeb(['--demo']);
});
test.afterAll(async () => {
  await web.stop();
});

/** A screenshot once drawers, tabs and dropdowns have finished moving (endless spinners aside). */
async function shot(page: Page, name: string) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
  await page.screenshot({ path: `test-output/screenshots/${name}.png`, fullPage: true });
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(web.url);
  await LoginPage.chinese(page).signIn(username, password);
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
}

test('the shop: take in, repair card filled and signed off (only by the supervisor), goods returned and the receipt voided', async ({ page }) => {
  test.setTimeout(180_000);
  const shell = new Shell(page);

  // The technician takes in the call he arrived at (王小明's air conditioner): a receipt number is issued.
  await signIn(page, 'tech1', 'demo-tech1');
  await new CallLogPage(page).open();
  const call = new CallDetailDrawer(page);
  await call.openFromBook('王小明');
  await expect(call.dialog).toContainText('已到达');
  const receipt = await call.takeIn('外壳轻微划痕', '遥控器一个');
  await expect(call.dialog.getByRole('region', { name: '处理经过' })).toContainText(receipt);
  await expect(call.dialog).toContainText('带回维修');
  await shot(page, 'call-detail-zh');
  await call.close();

  // On the repair card: a labour line, a part, the findings. No sign-off for a technician.
  await shell.openArea('修护卡');
  const cards = new RepairCardsPage(page);
  await cards.openCard(receipt);
  await cards.addLabour('更换四通阀');
  await cards.addPart({ partNo: 'SV-4', name: '四通阀', quantity: 1, priceYuan: '120' });
  await cards.recordFindings('四通阀卡滞', '阀芯磨损');
  await expect(cards.signOffButton).toHaveCount(0);
  await shot(page, 'repair-card-zh');
  await cards.close();
  await shot(page, 'repair-cards-zh');
  await shell.signOut();

  // A clerk sees no sign-off action, and calling it anyway is refused by the main process.
  await signIn(page, 'clerk', 'demo-clerk');
  await shell.openArea('修护卡');
  await cards.openCard(receipt);
  await expect(cards.card).toContainText('四通阀');
  await expect(cards.signOffButton).toHaveCount(0);
  const cardId = await page.evaluate(async (number) => {
    const response = await fetch('/api/repairCards.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ input: { state: 'open' } }) });
    const body = (await response.json()) as { data: Array<{ id: number; receiptNumber: string }> };
    return body.data.find((c) => c.receiptNumber === number)!.id;
  }, receipt);
  const refused = await page.evaluate(async (id) => {
    const response = await fetch('/api/repairCards.signOff', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ input: { cardId: id } }) });
    return (await response.json()) as { ok: boolean; error?: { code: string } };
  }, cardId);
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  await cards.close();
  await shell.signOut();

  // The supervisor inspects and signs it off (验讫).
  await signIn(page, 'supervisor', 'demo-supervisor');
  await shell.openArea('修护卡');
  await cards.openCard(receipt);
  await cards.signOff();
  await cards.close();
  await shell.signOut();

  // The clerk returns the goods against the receipt; a wrong number is refused next to the field and kept.
  await signIn(page, 'clerk', 'demo-clerk');
  await shell.openArea('客户商品进出登记簿');
  const ledger = new GoodsLedgerPage(page);
  await expect(ledger.table.getByRole('row', { name: new RegExp(receipt) })).toContainText('已验讫');
  await shot(page, 'goods-ledger-zh');
  await ledger.openReturnForm();
  // The clerk sees no lost-receipt path: that is the supervisor's.
  await expect(ledger.form.getByRole('radio', { name: '收据遗失' })).toHaveCount(0);
  await ledger.returnGoods('BJ01-R2000-999999', '王小明');
  await expect(ledger.form.getByText('找不到收据 BJ01-R2000-999999。').first()).toBeVisible();
  await expect(ledger.form.getByLabel('收据号')).toHaveValue('BJ01-R2000-999999');
  await expect(ledger.form.getByLabel('签收人姓名')).toHaveValue('王小明');
  await shot(page, 'goods-return-zh');
  await ledger.returnGoods(receipt, '王小明');
  await expect(ledger.form.getByText(`已归还，收据 ${receipt} 已作废。`)).toBeVisible();
  await ledger.close();
  await ledger.showTab('已归还');
  const returnedRow = ledger.table.getByRole('row', { name: new RegExp(receipt) });
  await expect(returnedRow).toContainText('已作废');
  await shot(page, 'goods-ledger-returned-zh');

  // The product's service voucher shows the take-in and the return, with the fee and the signer.
  await shell.openArea('服务凭证');
  const vouchers = new VouchersPage(page);
  await vouchers.findCustomer('1381234');
  await expect(vouchers.history.getByRole('row', { name: /带回维修/ })).toContainText('王小明');
  await expect(vouchers.history.getByRole('row', { name: /修复送还/ })).toContainText('四通阀');
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await shot(page, 'vouchers-zh');

  // Every screen again in English.
  await shell.chooseLanguage('English');
  await expect(page.getByRole('heading', { name: 'Service vouchers' })).toBeVisible();
  await shot(page, 'vouchers-en');
  for (const [area, file] of [
    ['Goods ledger', 'goods-ledger-en'],
    ['Repair cards', 'repair-cards-en'],
  ] as const) {
    await shell.openArea(area, 'Main navigation');
    await shot(page, file);
  }
  // antd's Segmented keeps its radio inputs hidden: click the option as the user does.
  await page.locator('label.ant-segmented-item', { hasText: 'Signed off' }).click();
  await page.getByRole('table', { name: 'Repair cards' }).last().getByRole('row', { name: new RegExp(receipt) }).click();
  await expect(page.getByRole('dialog', { name: /^Repair card · / })).toBeVisible();
  await shot(page, 'repair-card-en');
  await page.keyboard.press('Escape');
  await shell.openArea('Goods ledger', 'Main navigation');
  await page.getByRole('button', { name: 'Return goods', exact: true }).click();
  await shot(page, 'goods-return-en');
  await page.keyboard.press('Escape');
  await shell.openArea('Call-log book', 'Main navigation');
  await page.getByRole('table', { name: 'Call-log book' }).last().getByRole('row', { name: /王小明/ }).first().click();
  await expect(page.getByRole('dialog', { name: /^Call BJ01-/ })).toContainText('History');
  await shot(page, 'call-detail-en');
  await page.keyboard.press('Escape');
  await shell.chooseLanguage('中文');
  await expect(page.getByRole('heading', { name: '叫修登记簿' })).toBeVisible();
});
