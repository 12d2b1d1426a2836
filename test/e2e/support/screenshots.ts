import { expect, type Locator, type Page } from '@playwright/test';

const SHOTS = 'test-output/screenshots';

/** What shows that a screen is drawn in each language: a heading's name, or any locator. */
export type Ready = { zh: string | Locator; en: string | Locator };

const readyIn = (page: Page, ready: string | Locator): Locator => (typeof ready === 'string' ? page.getByRole('heading', { name: ready, exact: true }) : ready);

/** A full-page screenshot at test-output/screenshots/<name>.png once drawers and dropdowns have stopped moving. */
export async function shot(page: Page, name: string): Promise<void> {
  // Endless animations (spinners) aside, nothing may still be sliding in.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/**
 * Switch the UI language with the 中文 / English switch (in the header once signed in, on the login card
 * before) and wait until the screen shows `ready` in that language.
 */
export async function switchLanguage(page: Page, language: 'zh' | 'en', ready: Ready): Promise<void> {
  // Once signed in, the header's switch: a settings screen may hold other language choices.
  const banner = page.getByRole('banner');
  const scope = (await banner.count()) > 0 ? banner : page;
  const group = scope.getByRole('radiogroup', { name: language === 'en' ? '语言' : 'Language', exact: true });
  await group.getByText(language === 'en' ? 'English' : '中文', { exact: true }).click();
  await expect(readyIn(page, ready[language])).toBeVisible();
}

/** The screen as it is (Chinese) saved as <name>-zh, then in English as <name>-en, then back to Chinese. */
export async function screenshotBothLanguages(page: Page, name: string, ready: Ready): Promise<void> {
  await shot(page, `${name}-zh`);
  await screenshotInEnglish(page, name, ready);
}

/** The screen again in English, saved as <name>-en, then back to Chinese for the next steps. */
export async function screenshotInEnglish(page: Page, name: string, ready: Ready): Promise<void> {
  await switchLanguage(page, 'en', ready);
  await shot(page, `${name}-en`);
  await switchLanguage(page, 'zh', ready);
}
