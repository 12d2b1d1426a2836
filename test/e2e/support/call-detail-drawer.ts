import { expect, type Locator, type Page } from '@playwright/test';

/** The call's page (a drawer over the call-log book): its history and the technician's actions. */
export class CallDetailDrawer {
  constructor(private readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: /^叫修 BJ01-/ });
  }

  /** Open a call from the book by a row's text (click; Enter works as well). */
  async openFromBook(rowText: string): Promise<void> {
    await this.page.getByRole('table', { name: '叫修登记簿' }).last().getByRole('row', { name: new RegExp(rowText) }).first().click();
    await expect(this.dialog).toBeVisible();
  }

  /** 带回维修: condition, accessories, a drawn signature; returns the receipt number issued. */
  async takeIn(condition: string, accessories: string): Promise<string> {
    await this.dialog.getByRole('button', { name: '带回维修', exact: true }).click();
    await this.dialog.getByLabel('外观状况').fill(condition);
    await this.dialog.getByLabel('随机附件').fill(accessories);
    await expect(this.dialog.getByLabel('签收人姓名')).not.toHaveValue('');
    await drawSignature(this.page, this.dialog.getByRole('img', { name: '签名板' }));
    await this.dialog.getByRole('button', { name: /保存并开收据/ }).click();
    const notice = this.dialog.getByText(/已带回维修，收据号 BJ01-R\d{4}-\d{6}/);
    await expect(notice).toBeVisible();
    return /BJ01-R\d{4}-\d{6}/.exec((await notice.textContent()) ?? '')![0];
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toBeHidden();
  }
}

/** A short stroke across the signature pad, as a customer signs with the mouse. */
export async function drawSignature(page: Page, pad: Locator): Promise<void> {
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 60);
  await page.mouse.down();
  for (const [x, y] of [[60, 30], [100, 70], [140, 35], [180, 65], [220, 40]] as const) await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
  await page.mouse.up();
}
