import { expect, type Locator, type Page } from '@playwright/test';

/** 月度汇总: the month tab of the reports page (supervisor and manager). */
export class MonthSummaryPage {
  constructor(private readonly page: Page) {}

  get tab(): Locator {
    return this.page.getByRole('tab', { name: '月度汇总' });
  }

  get panel(): Locator {
    return this.page.getByRole('region', { name: '月度汇总' });
  }

  get totals(): Locator {
    return this.panel.getByRole('region', { name: '本月合计' });
  }

  get days(): Locator {
    return this.panel.getByRole('table', { name: '每日汇总' });
  }

  get technicians(): Locator {
    return this.panel.getByRole('table', { name: '技术员汇总' });
  }

  /** From the reports page: the month tab, on this month. */
  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.panel.getByRole('heading', { name: '月度汇总' })).toBeVisible();
    await expect(this.totals).toBeVisible();
  }

  /** The value next to a label in the totals. */
  total(label: string): Locator {
    const exactly = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
    return this.totals.locator('th', { hasText: exactly }).locator('xpath=following-sibling::td[1]');
  }

  /** Another month with the month picker, typed as 'yyyy-MM'. */
  async chooseMonth(month: string): Promise<void> {
    const picker = this.panel.getByLabel('月份');
    await picker.click();
    await picker.fill(month);
    await picker.press('Enter');
  }
}
