import { expect, type Page } from '@playwright/test';

/** The login screen, found by role and label as a person would find it. */
export class LoginPage {
  constructor(
    private readonly page: Page,
    private readonly labels: { username: string; password: string; submit: string },
  ) {}

  static chinese(page: Page) {
    return new LoginPage(page, { username: '用户名', password: '密码', submit: '登录' });
  }

  async signIn(username: string, password: string): Promise<void> {
    // After signing out the page reloads: wait for the login screen, not a field of the page before.
    await expect(this.page.getByRole('button', { name: this.labels.submit, exact: true })).toBeVisible();
    await this.page.getByLabel(this.labels.username).fill(username);
    await this.page.getByLabel(this.labels.password).fill(password);
    await this.page.getByRole('button', { name: this.labels.submit, exact: true }).click();
  }
}
