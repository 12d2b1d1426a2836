import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { LoginPage } from '../e2e/support/login-page';
import { startWeb, type RunningWeb } from '../e2e/support/web-server';
import { BENCH_PASSWORD } from '../bench/generate/bench-credentials';

/**
 * Browser mode on the benchmark's generated branch (`AFTERCARE_LARGE_SCALE`, default full: ten years,
 * two million calls, 200,000 customers): a clerk types into the call-log search and a supervisor opens
 * the dispatch board; how long the results take to appear is recorded (never asserted: the machine is
 * shared) in test-output/e2e-large.json and printed.
 */
const scale = process.env.AFTERCARE_LARGE_SCALE ?? 'full';
let web: RunningWeb;
let workDir: string;
const needles: { kind: string; text: string }[] = [];
const figures: Record<string, number[]> = {};

test.beforeAll(async () => {
  test.setTimeout(3 * 60 * 60 * 1000);
  const generated = spawnSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', 'test/bench/generate/cli.ts', '--scale', scale], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (generated.status !== 0) throw new Error(`the generator failed (${generated.status})`);
  const { file } = JSON.parse(generated.stdout.slice(generated.stdout.indexOf('{'))) as { file: string };
  // A copy: the server may write (sessions, audit) and the cached branch stays as generated.
  workDir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-large-'));
  copyFileSync(file, path.join(workDir, 'branch.sqlite'));

  // Real fragments of real records: a phone, a two-character name, a serial.
  const sqlite = new Database(path.join(workDir, 'branch.sqlite'), { readonly: true });
  const sample = sqlite
    .prepare(
      `SELECT customers.name, (SELECT digits FROM customer_phones WHERE customer_id = customers.id LIMIT 1) AS phone, products.serial
       FROM calls JOIN customers ON customers.id = calls.customer_id JOIN products ON products.id = calls.product_id
       WHERE calls.id = (SELECT max(id) / 3 FROM calls)`,
    )
    .get() as { name: string; phone: string; serial: string };
  sqlite.close();
  const phone = sample.phone;
  needles.push({ kind: 'phone fragment', text: phone.slice(-7) }, { kind: 'name fragment', text: sample.name.slice(0, 2) }, { kind: 'serial fragment', text: sample.serial.slice(2, 9) });
  web = await startWeb([], { dataDir: workDir, startTimeoutMs: 10 * 60 * 1000 });
});

test.afterAll(async () => {
  await web?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  const summary = Object.fromEntries(Object.entries(figures).map(([what, ms]) => [what, { runs: ms, medianMs: [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)] }]));
  mkdirSync('test-output', { recursive: true });
  writeFileSync('test-output/e2e-large.json', JSON.stringify({ scale, at: new Date().toISOString(), cpus: os.cpus().length, figures: summary }, null, 2));
  console.log(JSON.stringify(summary, null, 2));
});

const record = (what: string, ms: number) => (figures[what] ??= []).push(ms);

/** Type the fragment; the time from its last keystroke until the book shows that query's answer. */
async function timeSearch(page: Page, text: string): Promise<number> {
  const box = page.getByLabel('搜索叫修');
  const answerTo = (query: string) => page.waitForResponse((r) => r.url().endsWith('/api/calls.list') && (r.request().postData() ?? '').includes(JSON.stringify(query)));
  await box.fill('');
  const head = text.slice(0, -1);
  const headAnswered = answerTo(head);
  await box.pressSequentially(head);
  await headAnswered;
  const answered = answerTo(text);
  const started = Date.now();
  await box.pressSequentially(text.slice(-1));
  await answered;
  // The answer is on screen at the next frame after React rendered it.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return Date.now() - started;
}

test('the clerk searches the call-log book of a decade as she types', async ({ page }) => {
  await page.goto(web.url);
  await LoginPage.chinese(page).signIn('clerk1', BENCH_PASSWORD);
  await expect(page.getByRole('heading', { name: '叫修登记簿' })).toBeVisible();
  const book = page.getByRole('table', { name: '叫修登记簿' }).last();
  for (const needle of needles) {
    for (let run = 0; run < 5; run++) record(`search: ${needle.kind}, last keystroke to results`, await timeSearch(page, needle.text));
    await expect(book.getByRole('row').first()).toBeVisible();
  }
  await page.screenshot({ path: 'test-output/screenshots/large-call-log-search.png', fullPage: false });
});

test('the supervisor opens the dispatch board of a large branch', async ({ page }) => {
  await page.goto(web.url);
  await LoginPage.chinese(page).signIn('supervisor1', BENCH_PASSWORD);
  for (let run = 0; run < 5; run++) {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '叫修登记簿' }).click();
    const board = page.waitForResponse((r) => r.url().endsWith('/api/calls.dispatchBoard'));
    const started = Date.now();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '派工' }).click();
    await board;
    await expect(page.getByRole('table').first().getByRole('row').nth(1)).toBeVisible();
    record('dispatch board: open to first rows', Date.now() - started);
  }
  await page.screenshot({ path: 'test-output/screenshots/large-dispatch-board.png', fullPage: false });
});
