import { expect, type Locator, type Page } from '@playwright/test';

/** 日报表: the technician's own day, the supervisor report with its signatures, the send state to head office. */
export class ReportsPage {
  constructor(private readonly page: Page) {}

  get myDay(): Locator {
    return this.page.getByRole('region', { name: /的工作日报表$/ });
  }

  get supervisorReport(): Locator {
    return this.page.getByRole('region', { name: '服务主任日报表' });
  }

  get sendState(): Locator {
    return this.page.getByRole('region', { name: '上报总部' });
  }

  get outbox(): Locator {
    return this.page.getByRole('table', { name: '待上报的报表' });
  }

  totals(scope: Locator): Locator {
    return scope.getByRole('region', { name: '按类别合计' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '日报表', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: '日报表', exact: true })).toBeVisible();
  }

  /** Category D work: choose the kind, type the minutes and a note, add. */
  async addAdminTask(kind: string, minutes: number, note: string): Promise<void> {
    const form = this.page.getByRole('form', { name: '添加行政工作（D 类）' });
    await form.getByLabel('工作类型').click();
    await this.page.locator('.ant-select-item-option:visible', { hasText: kind }).click();
    await form.getByLabel('用时（分钟）').fill(String(minutes));
    await form.getByLabel('说明').fill(note);
    await form.getByRole('button', { name: '添加', exact: true }).click();
    await expect(this.myDay.getByRole('table', { name: '工作明细' })).toContainText(note);
  }

  async confirmMyDay(): Promise<void> {
    await this.myDay.getByRole('button', { name: '确认日报表' }).click();
    await expect(this.myDay.getByText('已确认', { exact: true })).toBeVisible();
    await expect(this.myDay.getByRole('button', { name: '确认日报表' })).toHaveCount(0);
  }

  /** Open a technician's day from the supervisor report, in a drawer. */
  async viewDayOf(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `查看 ${name} 的日报表` }).click();
    const drawer = this.page.getByRole('dialog', { name: new RegExp(`^${name} 的日报表`) });
    await expect(drawer).toBeVisible();
    return drawer;
  }

  async signAsSupervisor(): Promise<void> {
    await this.supervisorReport.getByRole('button', { name: '服务主任签字' }).click();
    await expect(this.supervisorReport.getByText('服务主任已签，待经理签字')).toBeVisible();
  }

  async signAsManager(): Promise<void> {
    await this.supervisorReport.getByRole('button', { name: '经理签字' }).click();
    await expect(this.supervisorReport.getByText('经理已签，已上报')).toBeVisible();
  }
}
