import { expect, test, type Page } from '@playwright/test';
import { LoginPage } from './support/login-page';
import { Shell } from './support/shell';
import { ReportsPage } from './support/reports-page';
import { screenshotBothLanguages } from './support/screenshots';
import { SettingsPage } from './support/settings-page';
import { startWeb, type RunningWeb } from './support/web-server';

let web: RunningWeb;
test.beforeAll(async () => {
  web = await startWeb(['--demo']);
});
test.afterAll(async () => {
  await web.stop();
});

const shots = 'test-output/screenshots';

async function signIn(page: Page, username: string, password: string) {
  await page.goto(web.url);
  await LoginPage.chinese(page).signIn(username, password);
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
}

async function signOut(page: Page) {
  await new Shell(page).signOut();
}

const REPORTS = { zh: '日报表', en: 'Daily reports' };

test('the evening: the technician confirms his day, the supervisor sends it back once then signs, the manager signs, the reports wait for head office', async ({ page }) => {
  const reports = new ReportsPage(page);

  // 张伟 had labour and an on-site job today; he adds half an hour of training and confirms.
  await signIn(page, 'tech1', 'demo-tech1');
  await reports.open();
  await expect(reports.myDay.getByRole('heading', { name: '张伟 的工作日报表' })).toBeVisible();
  const lines = reports.myDay.getByRole('table', { name: '工作明细' });
  await expect(lines.getByRole('row').nth(1)).toBeVisible();
  await expect(lines).toContainText(/BJ01-\d{4}-\d{6}/);
  // No send-state for a technician: he has no 'sync.manage'.
  await expect(reports.sendState).toHaveCount(0);

  // A refused admin task keeps what was typed and says what is wrong next to the field.
  const taskForm = page.getByRole('form', { name: '添加行政工作（D 类）' });
  await taskForm.getByLabel('说明').fill('新机型培训');
  await taskForm.getByRole('button', { name: '添加', exact: true }).click();
  await expect(taskForm.getByText('请选择工作类型。')).toBeVisible();
  await expect(taskForm.getByLabel('说明')).toHaveValue('新机型培训');

  await reports.addAdminTask('培训', 30, '新机型培训');
  await expect(reports.totals(reports.myDay)).toContainText('30 分钟');
  await reports.confirmMyDay();
  await expect(reports.totals(reports.myDay)).toContainText('D 一般行政工作');
  await signOut(page);

  // The supervisor: the day's counts, nobody left to confirm (刘洋 has a call but no work), 张伟's day, sign.
  await signIn(page, 'supervisor', 'demo-supervisor');
  await reports.open();
  const counts = reports.supervisorReport.getByRole('region', { name: '当日统计' });
  for (const label of ['受理叫修', '已派工', '现场完成', '带回维修', '已归还', '迟到', '日终未结']) await expect(counts).toContainText(label);
  await expect(reports.supervisorReport.getByText('有工作的技术员均已确认日报表。')).toBeVisible();
  await expect(reports.supervisorReport.getByRole('table', { name: '按技术员与类别的工时' })).toContainText('张伟');
  // He sends 张伟's day back with a comment; the day cannot be signed until 张伟 confirms again.
  const drawer = await reports.viewDayOf('张伟');
  await expect(drawer.getByRole('table', { name: '工作明细' })).toContainText('新机型培训');
  await drawer.getByLabel('退回意见').fill('培训请写明是哪个机型');
  await drawer.getByRole('button', { name: '退回', exact: true }).click();
  await expect(drawer.getByText('已退回', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(reports.supervisorReport.getByText('尚待确认日报表：张伟（已退回）')).toBeVisible();
  await reports.supervisorReport.getByRole('button', { name: '服务主任签字' }).click();
  await expect(reports.supervisorReport.getByText('以下技术员尚未确认日报表：张伟。')).toBeVisible();
  await signOut(page);

  // 张伟 reads the comment and confirms again.
  await signIn(page, 'tech1', 'demo-tech1');
  await reports.open();
  await expect(reports.myDay.getByText('服务主任退回了日报表：培训请写明是哪个机型')).toBeVisible();
  await expect(reports.myDay.getByText('已退回', { exact: true })).toBeVisible();
  await screenshotBothLanguages(page, 'reports-technician', REPORTS);
  await reports.confirmMyDay();
  await signOut(page);

  await signIn(page, 'supervisor', 'demo-supervisor');
  await reports.open();
  await expect(reports.supervisorReport.getByText('有工作的技术员均已确认日报表。')).toBeVisible();
  await reports.signAsSupervisor();
  await expect(reports.supervisorReport.getByRole('button', { name: '经理签字' })).toHaveCount(0);
  await screenshotBothLanguages(page, 'reports-supervisor', REPORTS);
  await signOut(page);

  // The manager signs: both kinds of report are queued for head office, which is not configured here.
  await signIn(page, 'manager', 'demo-manager');
  await reports.open();
  await expect(reports.supervisorReport.getByRole('button', { name: '服务主任签字' })).toHaveCount(0);
  await reports.signAsManager();
  await expect(reports.outbox.getByRole('row', { name: /服务主任日报表/ })).toContainText('排队中');
  await expect(reports.outbox.getByRole('row', { name: /技术员日报表/ })).toContainText('排队中');
  await expect(reports.sendState.getByText(/尚未设置总部连接/)).toBeVisible();
  const syncStatus = reports.sendState.getByRole('region', { name: '发送状态' });
  await expect(syncStatus).toContainText('排队报表');
  await expect(syncStatus).toContainText(/排队报表\s*2/);
  await reports.sendState.getByRole('button', { name: '立即发送' }).click();
  await expect(reports.sendState.getByText(/尚未设置总部连接/)).toBeVisible();
  await screenshotBothLanguages(page, 'reports-manager', REPORTS);
  await signOut(page);
});

test('the admin unlocks and creates users and changes the business hours, holidays and 调休 days; they stay after a reload', async ({ page }) => {
  const settings = new SettingsPage(page);
  // 陈磊 mistypes his password once; the admin sees it and clears the count.
  await page.goto(web.url);
  await LoginPage.chinese(page).signIn('tech3', 'not-his-password');
  await expect(page.getByText('用户名或密码不正确。')).toBeVisible();
  await signIn(page, 'admin', 'demo-admin');
  await settings.open();
  await expect(settings.users.getByRole('row', { name: /tech1/ })).toContainText('张伟');
  await expect(settings.users.getByRole('row', { name: /tech3/ })).toContainText('密码错误 1 次');
  await settings.users.getByRole('button', { name: '解锁 陈磊' }).click();
  await expect(settings.users.getByRole('row', { name: /tech3/ })).not.toContainText('密码错误');

  // A too-short password is refused next to its field; everything typed stays.
  await settings.createUser({ username: 'clerk2', name: '赵敏', role: '业务员', password: 'short' });
  const form = page.getByRole('form', { name: '新建用户' });
  await expect(form.getByText('密码至少 8 个字符。')).toBeVisible();
  await expect(form.getByLabel('用户名')).toHaveValue('clerk2');
  await expect(form.getByLabel('姓名')).toHaveValue('赵敏');
  await form.getByLabel('初始密码').fill('clerk2-password');
  await form.getByRole('button', { name: '创建用户' }).click();
  await expect(form.getByText('已创建用户 clerk2。')).toBeVisible();
  await expect(settings.users.getByRole('row', { name: /clerk2/ })).toContainText('业务员');

  // Saturday mornings open; a wrong time is refused next to it and the typing is kept.
  await settings.calendar.getByRole('button', { name: '周六 添加时段' }).click();
  await settings.calendar.getByLabel('周六 第 1 段 开始').fill('9点');
  await settings.calendar.getByLabel('周六 第 1 段 结束').fill('12:00');
  await settings.calendar.getByRole('button', { name: '保存营业时间' }).click();
  await expect(settings.calendar.getByRole('group', { name: '周六' }).getByText('格式不正确。')).toBeVisible();
  await expect(settings.calendar.getByLabel('周六 第 1 段 开始')).toHaveValue('9点');
  // National Day off, the Sunday before it worked (调休); a mistyped date is named next to the list.
  await settings.calendar.getByLabel('节假日（休息）').fill('2026-10-01\n2026-13-02');
  await settings.calendar.getByLabel('调休上班日').fill('2026-09-27');
  await settings.calendar.getByRole('button', { name: '保存营业时间' }).click();
  await expect(settings.calendar.getByText('请输入日期（年-月-日）。（2026-13-02）')).toBeVisible();
  await settings.calendar.getByLabel('节假日（休息）').fill('2026-10-01\n2026-10-02');
  await settings.setHours('周六', '09:00', '12:00');
  await page.screenshot({ path: `${shots}/settings-zh.png`, fullPage: true });

  // Head office over plain HTTP to another machine is refused next to the URL, in plain words; nothing typed is lost.
  const headOffice = page.getByRole('form', { name: '总部连接' });
  await headOffice.getByLabel('总部地址').fill('http://hq.example.com/');
  await headOffice.getByLabel('分公司密钥').fill('a-branch-secret-of-some-length');
  await headOffice.getByRole('button', { name: '保存连接' }).click();
  await expect(headOffice.getByText(/总部地址 http:\/\/hq\.example\.com\/? 不安全/)).toBeVisible();
  await expect(headOffice.getByLabel('分公司密钥')).toHaveValue('a-branch-secret-of-some-length');

  await page.reload();
  await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible();
  await settings.expectHours('周六', '09:00', '12:00');
  await settings.expectHours('周一', '08:30', '12:00');
  await expect(settings.calendar.getByLabel('节假日（休息）')).toHaveValue('2026-10-01\n2026-10-02');
  await expect(settings.calendar.getByLabel('调休上班日')).toHaveValue('2026-09-27');
  await expect(page.getByRole('region', { name: '总部连接' })).toContainText('尚未设置总部连接');
  await screenshotBothLanguages(page, 'settings', { zh: '设置', en: 'Settings' });
});
