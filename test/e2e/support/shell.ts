import { expect, type Page } from '@playwright/test';

/** The frame around every screen: the side navigation, the language switch, sign-out. */
export class Shell {
  constructor(private readonly page: Page) {}

  /** Open an area by its name in the side navigation and wait for its heading. */
  async openArea(name: string, nav = '主导航'): Promise<void> {
    await this.page.getByRole('navigation', { name: nav }).getByRole('menuitem', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { name, exact: true })).toBeVisible();
  }

  async chooseLanguage(language: 'English' | '中文'): Promise<void> {
    const group = this.page.getByRole('radiogroup', { name: language === 'English' ? '语言' : 'Language' });
    await group.getByText(language, { exact: true }).click();
    await expect(this.page.getByRole('radio', { name: language })).toBeChecked();
  }

  /**
   * Sign out and wait for the login screen. Signing out reloads the page: until the new page is
   * there, a field or a navigation of the old one would be found instead.
   */
  async signOut(label = '退出登录'): Promise<void> {
    await this.page.getByRole('button', { name: label }).click();
    await expect(this.page.getByRole('navigation')).toHaveCount(0);
    await expect(this.page.locator('input[type=password]')).toHaveCount(1);
  }
}
