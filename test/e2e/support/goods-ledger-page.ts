import { expect, type Locator, type Page } from '@playwright/test';

/** 客户商品进出登记簿: the ledger's tabs and the return form, in Chinese. */
export class GoodsLedgerPage {
  constructor(private readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: '客户商品进出登记簿' }).last();
  }

  get form(): Locator {
    return this.page.getByRole('dialog', { name: '归还商品' });
  }

  async showTab(name: '在修' | '逾期' | '已归还'): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click();
    await expect(this.page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
  }

  async openReturnForm(): Promise<void> {
    await this.page.getByRole('button', { name: '归还商品', exact: true }).click();
    await expect(this.form.getByLabel('收据号')).toBeFocused();
  }

  /** Type the receipt number as a scanner would (ending with Enter), the signer's name, and save. */
  async returnGoods(receiptNumber: string, signer: string): Promise<void> {
    const receipt = this.form.getByLabel('收据号');
    await receipt.fill('');
    await receipt.pressSequentially(receiptNumber);
    await receipt.press('Enter');
    const signerBox = this.form.getByLabel('签收人姓名');
    await expect(signerBox).toBeFocused();
    await signerBox.fill(signer);
    await this.form.getByRole('button', { name: /确认归还/ }).click();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.form).toBeHidden();
  }
}
