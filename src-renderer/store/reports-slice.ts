import type { InputOf } from '../../src-shared/contract';
import type { TechnicianLoad } from '../../src-shared/contract/calls';
import type { ApiError } from '../../src-shared/contract/errors';
import type { MonthSummaryView, SupervisorDayView, TechnicianDayView } from '../../src-shared/contract/reports';
import type { ApiClient } from '../api/client';
import type { StoreGet, StoreSet } from './app-store';
import { latestOnly } from './latest-only';

export type AdminTaskInput = Omit<InputOf<'reports.addAdminTask'>, 'date'>;

export interface ReportsSlice {
  /** The business day shown ('yyyy-MM-dd'); the page chooses it (today at first), the store never reads the clock. */
  reportDate: string | null;
  /** The signed-in technician's own day. */
  myDay: TechnicianDayView | null;
  supervisorDay: SupervisorDayView | null;
  /** One technician's day opened from the supervisor report. */
  viewedDay: TechnicianDayView | null;
  reportTechnicians: TechnicianLoad[];
  reportsLoading: boolean;
  reportsError: ApiError | null;
  /** Show another day: reloads what the signed-in user may see of it. */
  chooseReportDate(date: string): Promise<void>;
  loadReports(): Promise<void>;
  addAdminTask(task: AdminTaskInput): Promise<ApiError | null>;
  confirmMyDay(): Promise<ApiError | null>;
  viewTechnicianDay(technicianId: number): Promise<ApiError | null>;
  closeTechnicianDay(): void;
  returnTechnicianDay(technicianId: number, comment: string): Promise<ApiError | null>;
  signSupervisorDay(): Promise<ApiError | null>;
  managerSignDay(): Promise<ApiError | null>;
  /** The month shown in the month summary ('yyyy-MM'); the panel chooses it (this month at first). */
  summaryMonth: string | null;
  monthSummary: MonthSummaryView | null;
  monthSummaryLoading: boolean;
  monthSummaryError: ApiError | null;
  chooseSummaryMonth(month: string): Promise<void>;
}

export function createReportsSlice(api: ApiClient) {
  let generation = 0;
  return (set: StoreSet, get: StoreGet): ReportsSlice => {
    // Paging through months quickly: only the month chosen last is shown.
    const loadMonthSummary = latestOnly(async (outdated) => {
      const month = get().summaryMonth;
      if (!month) return;
      set({ monthSummaryLoading: true });
      const result = await api.call('reports.monthSummary', { month });
      if (outdated()) return;
      set({ monthSummaryLoading: false, monthSummary: result.ok ? result.data : null, monthSummaryError: result.ok ? null : result.error });
    });
    const can = (permission: string) => get().me?.user.permissions.some((p) => p === permission) ?? false;
    /** A signed day changes the supervisor report, its outbox and the send state: read them again. */
    const afterSupervisorChange = async (result: { ok: true; data: SupervisorDayView } | { ok: false; error: ApiError }) => {
      if (!result.ok) return result.error;
      set({ supervisorDay: result.data });
      if (can('sync.manage')) await get().loadSyncStatus();
      return null;
    };
    return {
      reportDate: null,
      myDay: null,
      supervisorDay: null,
      viewedDay: null,
      reportTechnicians: [],
      reportsLoading: false,
      reportsError: null,
      summaryMonth: null,
      monthSummary: null,
      monthSummaryLoading: false,
      monthSummaryError: null,

      async chooseSummaryMonth(summaryMonth) {
        set({ summaryMonth });
        await loadMonthSummary();
      },
      async chooseReportDate(reportDate) {
        set({ reportDate, viewedDay: null });
        await get().loadReports();
      },
      async loadReports() {
        const date = get().reportDate;
        if (!date) return;
        const mine = ++generation;
        set({ reportsLoading: true });
        const isTechnician = can('reports.technician');
        const seesBranch = can('calls.read') && !isTechnician;
        const [myDay, supervisorDay, technicians] = await Promise.all([
          isTechnician ? api.call('reports.technicianDay', { date }) : null,
          seesBranch ? api.call('reports.supervisorDay', { date }) : null,
          seesBranch ? api.call('technicians.list', {}) : null,
          can('sync.manage') ? get().loadSyncStatus() : null,
        ]);
        if (mine !== generation) return;
        const failed = [myDay, supervisorDay, technicians].find((r) => r && !r.ok);
        set({
          reportsLoading: false,
          reportsError: failed && !failed.ok ? failed.error : null,
          myDay: myDay?.ok ? myDay.data : null,
          supervisorDay: supervisorDay?.ok ? supervisorDay.data : null,
          reportTechnicians: technicians?.ok ? technicians.data : [],
        });
      },
      async addAdminTask(task) {
        const date = get().reportDate;
        if (!date) return null;
        const result = await api.call('reports.addAdminTask', { ...task, date });
        if (!result.ok) return result.error;
        set({ myDay: result.data });
        return null;
      },
      async confirmMyDay() {
        const date = get().reportDate;
        if (!date) return null;
        const result = await api.call('reports.confirmTechnicianDay', { date });
        if (!result.ok) return result.error;
        set({ myDay: result.data });
        return null;
      },
      async viewTechnicianDay(technicianId) {
        const date = get().reportDate;
        if (!date) return null;
        const result = await api.call('reports.technicianDay', { date, technicianId });
        if (!result.ok) return result.error;
        set({ viewedDay: result.data });
        return null;
      },
      closeTechnicianDay() {
        set({ viewedDay: null });
      },
      async returnTechnicianDay(technicianId, comment) {
        const date = get().reportDate;
        if (!date) return null;
        const result = await api.call('reports.returnTechnicianDay', { technicianId, date, comment });
        if (!result.ok) return result.error;
        set({ viewedDay: result.data });
        const day = await api.call('reports.supervisorDay', { date });
        if (day.ok) set({ supervisorDay: day.data });
        return null;
      },
      async signSupervisorDay() {
        const date = get().reportDate;
        if (!date) return null;
        return afterSupervisorChange(await api.call('reports.signSupervisorDay', { date }));
      },
      async managerSignDay() {
        const date = get().reportDate;
        if (!date) return null;
        return afterSupervisorChange(await api.call('reports.managerSignDay', { date }));
      },
    };
  };
}
