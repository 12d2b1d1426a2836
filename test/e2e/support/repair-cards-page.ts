import { expect, type Locator, type Page } from '@playwright/test';

/** 修护卡: the list of cards and one card's drawer, in Chinese. */
export class RepairCardsPage {
  constructor(private readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: '修护卡' }).last();
  }

  get card(): Locator {
    return this.page.getByRole('dialog', { name: /^修护卡 · / });
  }

  /** Open the card of a customer (or receipt number) from the list: Enter on the row, as from the keyboard. */
  async openCard(rowText: string): Promise<void> {
    const row = this.table.getByRole('row', { name: new RegExp(rowText) }).first();
    await row.focus();
    await row.press('Enter');
    await expect(this.card).toBeVisible();
  }

  async addLabour(note: string): Promise<void> {
    const form = this.card.getByRole('form', { name: '添加工时' });
    await form.getByLabel('工作内容').fill(note);
    await form.getByRole('button', { name: '保存工时' }).click();
    await expect(this.card.getByRole('table', { name: '维修工时' })).toContainText(note);
  }

  async addPart(part: { partNo: string; name: string; quantity: number; priceYuan: string }): Promise<void> {
    const form = this.card.getByRole('form', { name: '添加零件' });
    await form.getByLabel('料号').fill(part.partNo);
    await form.getByLabel('零件名称').fill(part.name);
    await form.getByLabel('数量').fill(String(part.quantity));
    await form.getByLabel('单价（元）').fill(part.priceYuan);
    await form.getByRole('button', { name: '保存零件' }).click();
    await expect(this.card.getByRole('table', { name: '更换零件' })).toContainText(part.name);
  }

  async recordFindings(findings: string, cause: string): Promise<void> {
    const form = this.card.getByRole('form', { name: '检修结果与原因' });
    await form.getByLabel('检修结果').fill(findings);
    await form.getByLabel('故障原因').fill(cause);
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await expect(this.card.getByRole('form', { name: '检修结果与原因' }).getByRole('alert')).toHaveCount(0);
    await expect(this.card).toContainText(findings);
  }

  get signOffButton(): Locator {
    return this.card.getByRole('button', { name: '验讫', exact: true });
  }

  async signOff(): Promise<void> {
    await this.signOffButton.click();
    await expect(this.card.getByText(/于 .* 验讫/)).toBeVisible();
    await expect(this.signOffButton).toHaveCount(0);
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.card).toBeHidden();
  }
}
