import type { ReadFilter } from '../read/filters';
import type { DayCountsRow, HoursRow, ReportSummary } from '../read/queries';
import { esc, layout, link, table } from './html';

export function loginPage(failed: boolean): string {
  return layout(
    '售后通总部 Head office',
    `<h1>售后通 · 总部服务部</h1>` +
      (failed ? '<p role="alert">令牌无效 The token is not valid.</p>' : '') +
      `<form method="post" action="/login"><label>管理令牌 Admin token <input name="token" type="password" autocomplete="current-password" required></label> ` +
      `<button type="submit">登录 Sign in</button></form>` +
      `<p class="muted">Create a token on the server: <code>npm run headoffice -- token add NAME</code></p>`,
  );
}

function hours(minutes: number): string {
  return (minutes / 60).toFixed(1);
}

function query(f: ReadFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: f.from, to: f.to, ...(f.branch ? { branch: f.branch } : {}), ...(f.technician ? { technician: f.technician } : {}), ...extra });
  return params.toString();
}

export interface DashboardData {
  filter: ReadFilter;
  reports: ReportSummary[];
  hours: HoursRow[];
  days: DayCountsRow[];
}

/** The service department's page: the week's reports, hours by category, late calls, CSV links. */
export function dashboardPage(d: DashboardData): string {
  const f = d.filter;
  const filters =
    `<form class="filters" method="get" action="/">` +
    `<label>从 From <input type="date" name="from" value="${esc(f.from)}"></label>` +
    `<label>到 To <input type="date" name="to" value="${esc(f.to)}"></label>` +
    `<label>网点 Branch <input name="branch" value="${esc(f.branch)}" placeholder="BJ01" size="6"></label>` +
    `<label>技术员 Technician <input name="technician" value="${esc(f.technician)}" size="10"></label>` +
    `<button type="submit">查询 Show</button></form>`;

  const reports = table(
    ['日期 Date', '网点 Branch', '类型 Kind', '技术员 Technician', '版本 Rev.', '签字 Signed by', '签字时间 Signed at', '收到 Received'],
    d.reports.map((r) => [
      r.reportDate,
      r.branchCode,
      r.kind === 'technician' ? '技术员日报' : '服务主任日报',
      r.technicianCode ?? '—',
      link(`/api/v1/reports/${r.id}`, `r${r.revision}`),
      r.signedBy,
      r.signedAt,
      r.receivedAt,
    ]),
  );
  const hoursTable = table(
    ['网点 Branch', '技术员 Technician', '姓名 Name', 'A 有费 (h)', 'B 合同 (h)', 'C 免费 (h)', 'D 行政 (h)', '合计 Total (h)'],
    d.hours.map((h) => [h.branchCode, h.technicianCode, h.technicianName, hours(h.A), hours(h.B), hours(h.C), hours(h.D), hours(h.total)]),
    3,
  );
  const daysTable = table(
    ['日期 Date', '网点 Branch', '叫修 Received', '派工 Dispatched', '现场完成 On site', '带回 Taken in', '送回 Returned', '逾时 Late', '未结 Open'],
    d.days.map((r) => [r.reportDate, r.branchCode, r.received, r.dispatched, r.finishedOnSite, r.takenIn, r.returned, r.late, r.openAtDayEnd]),
    2,
  );
  return layout(
    '售后通总部 Head office',
    `<h1>售后通 · 总部服务部 <span class="muted">Head office service department</span></h1>` +
      `<form method="post" action="/logout"><button type="submit">退出 Sign out</button></form>` +
      filters +
      `<h2>日报 Daily reports (latest revision)</h2>${reports}<p><a href="/api/v1/export/reports.csv?${esc(query(f))}">CSV</a></p>` +
      `<h2>工时 Hours by category (manager-signed supervisor reports)</h2>${hoursTable}<p><a href="/api/v1/export/hours.csv?${esc(query(f))}">CSV</a></p>` +
      `<h2>逾时叫修 Late calls and the day's counts</h2>${daysTable}<p><a href="/api/v1/export/late-calls.csv?${esc(query(f))}">CSV</a></p>`,
  );
}
