import { expect, type Locator, type Page } from '@playwright/test';

/** 服务凭证: find the customer as you type, read the product's history. */
export class VouchersPage {
  constructor(private readonly page: Page) {}

  get history(): Locator {
    return this.page.getByRole('table', { name: '服务记录' }).last();
  }

  async findCustomer(fragment: string): Promise<void> {
    const lookup = this.page.getByLabel('查找客户（电话、姓名、机号）');
    await lookup.pressSequentially(fragment);
    await expect(this.page.locator('.ant-select-item-option:visible').first()).toBeVisible();
    await lookup.press('ArrowDown');
    await lookup.press('Enter');
    await expect(this.page.getByLabel('产品')).toBeVisible();
  }
}
