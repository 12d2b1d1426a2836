import { expect, test } from '@playwright/test';
import { LoginPage } from './support/login-page';
import { screenshotBothLanguages } from './support/screenshots';
import { Shell } from './support/shell';
import { startWeb, type RunningWeb } from './support/web-server';

let web: RunningWeb;
test.beforeAll(async () => {
  web = await startWeb(['--demo']);
});
test.afterAll(async () => {
  await web.stop();
});

test('the demo clerk signs in to the Chinese UI, switches to English and signs out', async ({ page }) => {
  expect(web.output()).toContain('clerk');
  await page.goto(web.url);
  await expect(page.getByRole('heading', { name: /登录/ }).or(page.getByText('售后通 Aftercare · 登录'))).toBeVisible();
  await screenshotBothLanguages(page, 'login', { zh: page.getByRole('button', { name: '登录', exact: true }), en: page.getByRole('button', { name: 'Sign in', exact: true }) });

  await LoginPage.chinese(page).signIn('clerk', 'demo-clerk');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('menuitem', { name: '叫修登记簿' })).toBeVisible();
  await expect(page.getByText('当前用户：李秀英（业务员）')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
  await expect(page.getByRole('radio', { name: 'English' })).toBeChecked();
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('menuitem', { name: 'Call-log book' })).toBeVisible();
  await expect(page.getByText('Signed in: 李秀英 (Clerk)')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.screenshot({ path: 'test-output/screenshots/foundation-english-shell.png', fullPage: true });

  await new Shell(page).signOut('Sign out');
  await expect(page.getByLabel('User name')).toBeVisible();
  // The language choice is the user's own: signing in again comes back in English.
  await new LoginPage(page, { username: 'User name', password: 'Password', submit: 'Sign in' }).signIn('clerk', 'demo-clerk');
  await expect(page.getByText('Signed in: 李秀英 (Clerk)')).toBeVisible();
});

test('a wrong password gets a clear message and the form keeps what was typed', async ({ page }) => {
  await page.goto(web.url);
  await LoginPage.chinese(page).signIn('clerk', 'wrong-password');
  await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
  await expect(page.getByLabel('用户名')).toHaveValue('clerk');
});

test('empty fields are marked next to the field, in Chinese', async ({ page }) => {
  await page.goto(web.url);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('必填。').first()).toBeVisible();
});
