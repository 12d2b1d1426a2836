import { z } from 'zod';
import type { CategoryMinutes, SupervisorReportBody, TechnicianLine } from '../sync/report-envelope';
import { defineMethod } from './define';
import { businessDate, id, text } from './common';

export const ADMIN_TASK_KINDS = ['training', 'partsHandling', 'toolUpkeep', 'inspection', 'other'] as const;

export interface TechnicianDayView {
  technician: { id: number; code: string; name: string };
  date: string;
  /** open: not confirmed yet (compiled live); confirmed: frozen as confirmed; returned: sent back by the supervisor. */
  status: 'open' | 'confirmed' | 'returned';
  lines: TechnicianLine[];
  totalsByCategory: CategoryMinutes;
  confirmedAt: string | null;
  returnComment: string | null;
}

export interface SupervisorDayView {
  date: string;
  /** draft: not signed; supervisorSigned: waiting for the manager; managerSigned: final and queued for head office. */
  status: 'draft' | 'supervisorSigned' | 'managerSigned';
  revision: number;
  rows: SupervisorReportBody['minutesByTechnicianAndCategory'];
  counts: SupervisorReportBody['counts'];
  /** Technicians with work that day whose report is not confirmed yet (the supervisor cannot sign before). */
  waitingFor: Array<{ id: number; name: string; status: 'open' | 'returned' }>;
  supervisorSignedBy: string | null;
  supervisorSignedAt: string | null;
  managerSignedBy: string | null;
  managerSignedAt: string | null;
  /** Where each report of the day stands on its way to head office. */
  outbox: Array<{ reportKey: string; kind: 'technician' | 'supervisor'; revision: number; sentAt: string | null; attempts: number }>;
}

/** A month 'yyyy-MM' (1970-2099: the day arithmetic behind it counts from 1970). */
export const reportMonth = z.string({ error: 'validation.required' }).regex(/^(19[7-9]\d|20\d\d)-(0[1-9]|1[0-2])$/, { error: 'validation.month' });

/** The signing state of a day's supervisor report (its latest revision); unsigned until the supervisor signs. */
export type MonthDayReportState = 'unsigned' | 'supervisorSigned' | 'managerSigned';

/** One day of the month, counted from the books (not from the daily reports). */
export interface MonthDayRow {
  date: string;
  isWorkingDay: boolean;
  /** Calls registered in the call-log book that day. */
  registered: number;
  /** Jobs finished: on site, or the goods given back to the customer. */
  finished: number;
  takenIn: number;
  cancelled: number;
  /** Calls registered by the end of the day and neither closed nor cancelled then; null for days to come. */
  openAtDayEnd: number | null;
  /** Arrivals that day later than the promise. */
  late: number;
  /** Fees of the jobs finished that day (labour and parts, cash and invoiced), in fen. */
  feesFen: number;
  /** The part of feesFen collected in cash on site. */
  cashFen: number;
  /** Parts lines of the jobs finished that day (on-site parts and repair-card parts). */
  partsLines: number;
  report: MonthDayReportState;
  /** Head office has acknowledged the day's latest manager-signed report. */
  sent: boolean;
}

export interface MonthTechnicianRow {
  technician: { id: number; code: string; name: string };
  /** Jobs of the month: finished on site plus taken in. */
  jobs: number;
  onSite: number;
  takenIn: number;
  /** Repair-card labour and on-site work (categories A-C). */
  labourMinutes: number;
  /** Admin tasks (category D). */
  adminMinutes: number;
  late: number;
  feesFen: number;
}

export interface MonthSummaryView {
  month: string;
  /** Every working day of the month, and any other day with something in the books. */
  days: MonthDayRow[];
  /** Technicians with anything in the month, by name. */
  technicians: MonthTechnicianRow[];
  totals: {
    registered: number;
    finished: number;
    finishedByCategory: { A: number; B: number; C: number };
    onSite: number;
    takenIn: number;
    cancelled: number;
    late: number;
    feesFen: number;
    cashFen: number;
    partsLines: number;
    labourMinutes: number;
    adminMinutes: number;
    /** Open at the end of the month's last day, or of today in the current month; null for a month to come. */
    openAtEnd: number | null;
    workingDays: number;
    daysSupervisorSigned: number;
    daysManagerSigned: number;
    daysSent: number;
  };
}

export const reportMethods = {
  /** 技术员工作日报表: compiled from the day's labour lines, on-site jobs and admin tasks. A technician sees his own. */
  'reports.technicianDay': defineMethod<TechnicianDayView>()({
    input: z.object({ date: businessDate, technicianId: id.optional() }).strict(),
    access: 'calls.read',
    kind: 'query',
  }),
  /** Category D work without a customer: training, parts handling, tool upkeep, inspections. */
  'reports.addAdminTask': defineMethod<TechnicianDayView>()({
    input: z
      .object({
        date: businessDate,
        kind: z.enum(ADMIN_TASK_KINDS, { error: 'validation.adminTaskKind' }),
        minutes: z.number({ error: 'validation.required' }).int().min(1, { error: 'validation.minutes' }).max(1440, { error: 'validation.minutes' }),
        note: z.string().trim().max(300).default(''),
      })
      .strict(),
    access: 'reports.technician',
    kind: 'command',
  }),
  'reports.confirmTechnicianDay': defineMethod<TechnicianDayView>()({
    input: z.object({ date: businessDate }).strict(),
    access: 'reports.technician',
    kind: 'command',
  }),
  /** The supervisor sends a technician's day back with a comment, before the manager signs the day. */
  'reports.returnTechnicianDay': defineMethod<TechnicianDayView>()({
    input: z.object({ technicianId: id, date: businessDate, comment: text(300) }).strict(),
    access: 'reports.supervisor',
    kind: 'command',
  }),
  /** 服务主任日报表: built from the confirmed technician reports and the day's counts. */
  'reports.supervisorDay': defineMethod<SupervisorDayView>()({
    input: z.object({ date: businessDate }).strict(),
    access: 'calls.read',
    kind: 'query',
  }),
  'reports.signSupervisorDay': defineMethod<SupervisorDayView>()({
    input: z.object({ date: businessDate }).strict(),
    access: 'reports.supervisor',
    kind: 'command',
  }),
  /** The manager's signature makes the day final and queues both kinds of report for head office, in one transaction. */
  'reports.managerSignDay': defineMethod<SupervisorDayView>()({
    input: z.object({ date: businessDate }).strict(),
    access: 'reports.managerSign',
    kind: 'command',
  }),
  /**
   * 月度汇总: a month of the branch from the books in a few aggregate queries (not day by day): per day
   * calls, finished and cancelled jobs, late arrivals, fees and parts, and the day's report signing state;
   * per technician jobs, time and fees; the month's totals. Supervisor and manager (and whoever reads the
   * audit log, which already shows every operation): not clerks or technicians.
   */
  'reports.monthSummary': defineMethod<MonthSummaryView>()({
    input: z.object({ month: reportMonth }).strict(),
    access: 'reports.month',
    kind: 'query',
  }),
} as const;
