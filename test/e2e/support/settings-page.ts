import { expect, type Locator, type Page } from '@playwright/test';

/** 设置: users and roles, business hours with holidays and 调休 days, head-office connection, language. */
export class SettingsPage {
  constructor(private readonly page: Page) {}

  get users(): Locator {
    return this.page.getByRole('table', { name: '用户与角色' });
  }

  get calendar(): Locator {
    return this.page.getByRole('form', { name: '营业时间、节假日与调休' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '设置', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: '设置', exact: true })).toBeVisible();
  }

  async createUser(u: { username: string; name: string; role: string; password: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: '新建用户' });
    await form.getByLabel('用户名').fill(u.username);
    await form.getByLabel('姓名').fill(u.name);
    await form.getByLabel('角色').click();
    await this.page.locator('.ant-select-item-option:visible', { hasText: u.role }).click();
    await form.getByLabel('初始密码').fill(u.password);
    await form.getByRole('button', { name: '创建用户' }).click();
  }

  /** A weekday's business hours as one range, e.g. ('周六', '09:00', '12:00'), then save. */
  async setHours(day: string, start: string, end: string): Promise<void> {
    const startBox = this.calendar.getByLabel(`${day} 第 1 段 开始`);
    if ((await startBox.count()) === 0) await this.calendar.getByRole('button', { name: `${day} 添加时段` }).click();
    await startBox.fill(start);
    await this.calendar.getByLabel(`${day} 第 1 段 结束`).fill(end);
    await this.calendar.getByRole('button', { name: '保存营业时间' }).click();
    await expect(this.calendar.getByText('营业时间已保存')).toBeVisible();
  }

  async expectHours(day: string, start: string, end: string): Promise<void> {
    await expect(this.calendar.getByLabel(`${day} 第 1 段 开始`)).toHaveValue(start);
    await expect(this.calendar.getByLabel(`${day} 第 1 段 结束`)).toHaveValue(end);
  }
}
