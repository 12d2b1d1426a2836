import { expect, test, type Page } from '@playwright/test';
import { MonthSummaryPage } from './support/month-summary-page';
import { ReportsPage } from './support/reports-page';
import { screenshotBothLanguages } from './support/screenshots';
import { Shell } from './support/shell';
import { demoWebForThisFile, signInAt } from './support/demo-web';

/**
 * 月度汇总 in the browser on the demo branch, whose calls of today are known (src-main/core/demo/
 * demo-calls.ts): 8 registered; on site paid (¥80 labour + ¥25 part, cash) and under contract (a part),
 * one taken in and returned (a part), one taken in and still in the shop, one cancelled — all 张伟's.
 */
const web = demoWebForThisFile();

const signIn = (page: Page, username: string, password: string) => signInAt(page, web.url, username, password);

/** This month in the branch's zone (Shanghai, UTC+8), as the month tab opens on it. */
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const monthSummary = (page: Page) => page.request.post(`${web.url}/api/reports.monthSummary`, { data: { input: { month: thisMonth() } } });

test('the manager opens the month and sees the books’ numbers, by day and by technician, in both languages', async ({ page }) => {
  const reports = new ReportsPage(page);
  const month = new MonthSummaryPage(page);
  await signIn(page, 'manager', 'demo-manager');
  await reports.open();
  await month.open();

  await expect(month.total('登记叫修')).toHaveText('8');
  await expect(month.total('完成')).toHaveText('3（A 1 · B 1 · C 1）');
  await expect(month.total('现场完成 / 带回修理')).toHaveText('2 / 2');
  await expect(month.total('取消')).toHaveText('1');
  await expect(month.total('收费')).toHaveText('¥105.00（其中现金 ¥105.00）');
  await expect(month.total('零件行')).toHaveText('3');

  // Today's row carries the day's numbers; the technician's row his jobs and fees.
  const today = month.days.getByRole('row').filter({ hasText: '¥105.00' });
  await expect(today).toHaveCount(1);
  await expect(today.getByRole('cell')).toHaveText([/^\d+月\d+日 周.(休息日)?$/, '8', '3', '2', '1', '6', '0', '¥105.00', '¥105.00', '3', '未签字']);
  const zhang = month.technicians.getByRole('row', { name: /张伟/ });
  await expect(zhang.getByRole('cell')).toHaveText(['张伟', '4', '2', '2', /小时|分钟/, /小时|分钟/, '0', '¥105.00']);

  await screenshotBothLanguages(page, 'reports-month', { zh: '月度汇总', en: 'Month summary' });
  // The English screen said it in English, with money for that locale.
  await page.getByRole('banner').getByRole('radiogroup', { name: '语言' }).getByText('English', { exact: true }).click();
  await expect(page.getByRole('table', { name: 'Day by day' }).getByRole('row').filter({ hasText: 'CN¥105.00' })).toHaveCount(1);
  await page.getByRole('banner').getByRole('radiogroup', { name: 'Language' }).getByText('中文', { exact: true }).click();

  // Another month: nothing registered there.
  await month.chooseMonth('2026-01');
  await expect(month.total('登记叫修')).toHaveText('0');
  await expect(month.technicians).toContainText('本月没有技术员的工作记录。');
});

test('a clerk has no month tab, and the main process refuses him over HTTP', async ({ page }) => {
  await signIn(page, 'clerk', 'demo-clerk');
  await new ReportsPage(page).open();
  await expect(new MonthSummaryPage(page).tab).toHaveCount(0);
  const refused = await monthSummary(page);
  expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  await new Shell(page).signOut();

  // The supervisor may read it, through the same door.
  await signIn(page, 'supervisor', 'demo-supervisor');
  const allowed = await monthSummary(page);
  expect(await allowed.json()).toMatchObject({ ok: true, data: { totals: { registered: 8 } } });
});
