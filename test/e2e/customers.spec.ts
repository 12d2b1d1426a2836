import { expect, test, type Page } from '@playwright/test';
import { screenshotBothLanguages } from './support/screenshots';
import { callApi, demoWebForThisFile, signInAt } from './support/demo-web';

/**
 * 客户与产品: the clerk finds a customer as she types and sees his phones, address and products; takes
 * down a new customer (a refused save keeps what was typed and says why next to the field), adds her
 * product, changes her details when she moves, and the search finds her by the serial. A technician may
 * look but not add.
 */
const web = demoWebForThisFile();

async function openCustomers(page: Page, username: string, password: string) {
  await signInAt(page, web.url, username, password);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '客户与产品' }).click();
  await expect(page.getByRole('heading', { name: '客户与产品', exact: true })).toBeVisible();
}

const searchBox = (page: Page) => page.getByLabel('查找客户（电话、姓名、拼音首字母、机号）');
const found = (page: Page) => page.getByRole('table', { name: '找到的客户' });

test('the clerk finds a customer, takes down a new one and adds his product', async ({ page }) => {
  await openCustomers(page, 'clerk', 'demo-clerk');
  await searchBox(page).fill('1381234');
  await found(page).getByRole('row', { name: /王小明/ }).click();
  const wang = page.getByRole('region', { name: '客户 王小明' });
  await expect(wang).toContainText('13812345678');
  await expect(wang).toContainText('北京市海淀区学院路35号院3号楼502');
  await expect(wang.getByRole('table', { name: '产品' }).getByRole('row', { name: /GR35A2409117/ })).toContainText('2029-04-12');
  await screenshotBothLanguages(page, 'customers', { zh: '客户与产品', en: 'Customers and products' });

  // F2: a new customer. Without a phone the save is refused, the message stands by the phone, nothing typed is lost.
  await page.keyboard.press('F2');
  const form = page.getByRole('dialog', { name: '新客户' });
  await form.getByLabel('姓名').fill('欧阳娜娜');
  await form.getByLabel('地址', { exact: true }).fill('北京市昌平区回龙观东大街8号');
  await form.getByText('郊区').click();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toContainText('至少填写一个电话。');
  await expect(form.getByLabel('姓名')).toHaveValue('欧阳娜娜');
  await form.getByLabel('电话', { exact: true }).fill('139-0101-7788');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  const nana = page.getByRole('region', { name: '客户 欧阳娜娜' });
  await expect(nana).toContainText('139-0101-7788');
  await expect(nana).toContainText('郊区');

  await nana.getByRole('button', { name: '添加产品' }).click();
  const productForm = page.getByRole('dialog', { name: '为 欧阳娜娜 添加产品' });
  await productForm.getByLabel('型号').fill('BCD-470 冰箱');
  await productForm.getByLabel('机号').fill('bx470k0099');
  await productForm.getByLabel('购买日期').fill('2026-10-01');
  await productForm.getByRole('button', { name: '保存' }).click();
  await expect(productForm).toBeHidden();
  // Serials are kept upper-case; the warranty runs twelve months by default.
  await expect(nana.getByRole('table', { name: '产品' }).getByRole('row', { name: /BX470K0099/ })).toContainText('2027-10-01');

  // The serial was misread: corrected, and the purchase date from the invoice moves the warranty.
  await nana.getByRole('button', { name: '修改产品 BX470K0099' }).click();
  const productEdit = page.getByRole('dialog', { name: '修改产品 BX470K0099' });
  await expect(productEdit.getByLabel('型号')).toHaveValue('BCD-470 冰箱');
  await productEdit.getByLabel('机号').fill('BX470K0098');
  await productEdit.getByLabel('购买日期').fill('2026-09-15');
  await productEdit.getByRole('button', { name: '保存' }).click();
  await expect(productEdit).toBeHidden();
  await expect(nana.getByRole('table', { name: '产品' }).getByRole('row', { name: /BX470K0098/ })).toContainText('2027-09-15');

  // She moved: her new address and a second phone; the old address is gone from the screen.
  await nana.getByRole('button', { name: '修改资料' }).click();
  const editForm = page.getByRole('dialog', { name: '修改客户资料：欧阳娜娜' });
  await expect(editForm.getByLabel('电话', { exact: true })).toHaveValue('139-0101-7788');
  await editForm.getByLabel('地址', { exact: true }).fill('北京市海淀区中关村大街27号');
  await editForm.getByLabel('其他电话（可不填）').fill('010-6288-1234');
  await editForm.getByText('市区').click();
  await editForm.getByRole('button', { name: '保存' }).click();
  await expect(editForm).toBeHidden();
  // Both numbers (kept in the order of their digits: the phones table has no position of its own).
  await expect(nana).toContainText('010-6288-1234 / 139-0101-7788');
  await expect(nana).toContainText('北京市海淀区中关村大街27号');
  await expect(nana).toContainText('市区');
  await expect(nana).not.toContainText('回龙观');

  // The search finds her by the serial's fragment and by her pinyin initials.
  await searchBox(page).fill('470K0098');
  await expect(found(page).getByRole('row', { name: /欧阳娜娜/ })).toBeVisible();
  await searchBox(page).fill('oynn');
  await expect(found(page).getByRole('row', { name: /欧阳娜娜/ })).toBeVisible();
});

test('a technician looks customers up but cannot add one, and the main process refuses it anyway', async ({ page }) => {
  await openCustomers(page, 'tech1', 'demo-tech1');
  await searchBox(page).fill('王小明');
  await found(page).getByRole('row', { name: /王小明/ }).click();
  await expect(page.getByRole('region', { name: '客户 王小明' })).toContainText('GR35A2409117');
  await expect(page.getByRole('button', { name: /新客户|修改|添加产品/ })).toHaveCount(0);
  const refused = await callApi(page, web.url, 'customers.create', { name: '测试', phones: ['13900000000'], address: '北京', district: 'city' });
  expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
});
