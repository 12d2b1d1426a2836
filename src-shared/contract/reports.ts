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
} as const;
