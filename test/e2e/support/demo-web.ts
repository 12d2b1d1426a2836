import { expect, test, type Page } from '@playwright/test';
import { LoginPage } from './login-page';
import { startWeb, type RunningWeb } from './web-server';

/** Browser mode on a fresh demo branch for one spec file: started before its tests, stopped after them. */
export function demoWebForThisFile(): { readonly url: string } {
  let web: RunningWeb | undefined;
  test.beforeAll(async () => {
    web = await startWeb(['--demo']);
  });
  test.afterAll(async () => {
    await web?.stop();
  });
  return {
    get url() {
      if (!web) throw new Error('browser mode is not running (used outside a test?)');
      return web.url;
    },
  };
}

/** Sign in on the Chinese login screen and wait for the main navigation. */
export async function signInAt(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await LoginPage.chinese(page).signIn(username, password);
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
}

export type ApiAnswer<T> = { ok: true; data: T } | { ok: false; error: { code: string } };

/** One operation over HTTP with the page's session cookie, as the renderer sends it. */
export async function callApi<T = unknown>(page: Page, url: string, method: string, input: unknown): Promise<ApiAnswer<T>> {
  const response = await page.request.post(`${url}/api/${method}`, { data: { input } });
  return (await response.json()) as ApiAnswer<T>;
}
