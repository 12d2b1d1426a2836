import { expect, type Page } from '@playwright/test';

/** The call-log book screen (叫修登记簿) in Chinese, found by role and label. */
export class CallLogPage {
  constructor(private readonly page: Page) {}

  /** The book's rows (with a fixed header, antd draws the header and the body as two tables). */
  get table() {
    return this.page.getByRole('table', { name: '叫修登记簿' }).last();
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '叫修登记簿' }).click();
    await expect(this.page.getByRole('heading', { name: '叫修登记簿' })).toBeVisible();
  }

  /** F2, type a phone fragment, Enter on the first hit, the fault, Ctrl+Enter: the clerk on the phone. */
  async registerForKnownCustomer(phoneFragment: string, fault: string): Promise<string> {
    await this.page.keyboard.press('F2');
    const lookup = this.page.getByLabel('查找客户（电话、姓名、机号）');
    await expect(lookup).toBeFocused();
    await lookup.pressSequentially(phoneFragment);
    // antd keeps an accessible (hidden) copy of the options; the visible list is what the clerk sees.
    await expect(this.page.locator('.ant-select-item-option:visible').first()).toBeVisible();
    await lookup.press('ArrowDown');
    await lookup.press('Enter');
    const faultBox = this.page.getByLabel('故障（客户所述）');
    await expect(faultBox).toBeFocused();
    await faultBox.fill(fault);
    await faultBox.press('Control+Enter');
    return this.savedNumber();
  }

  async registerForNewCustomer(c: { name: string; phone: string; address: string; model: string; serial: string; purchaseDate: string; fault: string }): Promise<string> {
    await this.page.keyboard.press('F2');
    await this.page.getByLabel('姓名', { exact: true }).fill(c.name);
    await this.page.getByLabel('电话', { exact: true }).fill(c.phone);
    await this.page.getByLabel('地址', { exact: true }).fill(c.address);
    await this.page.getByLabel('型号', { exact: true }).fill(c.model);
    await this.page.getByLabel('机号', { exact: true }).fill(c.serial);
    await this.page.getByLabel('购买日期（发票）').fill(c.purchaseDate);
    await this.page.getByLabel('故障（客户所述）').fill(c.fault);
    await this.page.getByRole('button', { name: /保存登记/ }).click();
    return this.savedNumber();
  }

  private lastSaved: string | null = null;

  /** The number in the form's confirmation, once it is a new one. */
  private async savedNumber(): Promise<string> {
    const saved = this.page.getByText(/已登记：BJ01-\d{4}-\d{6}/);
    let number = '';
    await expect(async () => {
      number = /BJ01-\d{4}-\d{6}/.exec((await saved.textContent()) ?? '')?.[0] ?? '';
      expect(number).not.toBe('');
      expect(number).not.toBe(this.lastSaved);
    }).toPass();
    this.lastSaved = number;
    return number;
  }

  /** F2 and a fragment typed into the customer lookup (its label in the UI's language), until hits show. */
  async openRegisterFormAndLookUp(lookupLabel: string, fragment: string): Promise<void> {
    await this.page.keyboard.press('F2');
    const lookup = this.page.getByLabel(lookupLabel);
    await expect(lookup).toBeFocused();
    await lookup.pressSequentially(fragment);
    await expect(this.page.locator('.ant-select-item-option:visible').first()).toBeVisible();
  }

  /** Escape closes the form; while the lookup's list is open, Escape closes the list first, so again. */
  async closeForm(): Promise<void> {
    await expect(async () => {
      await this.page.keyboard.press('Escape');
      await expect(this.page.getByRole('dialog')).toBeHidden({ timeout: 1000 });
    }).toPass();
  }
}
