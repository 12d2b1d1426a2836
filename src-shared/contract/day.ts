import { z } from 'zod';
import { workingCalendarSchema, type WorkingCalendar } from '../domain/working-calendar';
import { defineMethod } from './define';
import { businessDate } from './common';
import type { CallSummary } from './calls';

export interface DayCheck {
  date: string;
  /** Calls still out: dispatched or on site, not yet finished or taken in. */
  stillOut: CallSummary[];
  /** Finished or returned, but not yet closed against the signed voucher. */
  awaitingClose: CallSummary[];
  /** Not dispatched on the day: they go first tomorrow. */
  notDispatched: CallSummary[];
}

export interface CashierLine {
  callId: number;
  callNumber: string;
  customerName: string;
  technicianName: string | null;
  at: string;
  labourFeeFen: number;
  partsFeeFen: number;
  totalFen: number;
  payment: 'cash' | 'invoice';
}

export interface CashierDay {
  date: string;
  /** Collected on site, to be handed to the cashier, by technician. */
  cash: CashierLine[];
  /** To be invoiced today. */
  toInvoice: CashierLine[];
  cashTotalFen: number;
  invoiceTotalFen: number;
}

export const dayMethods = {
  /** 核对: the day's book against the vouchers that came back. */
  'day.check': defineMethod<DayCheck>()({ input: z.object({ date: businessDate }).strict(), access: 'calls.read', kind: 'query' }),
  /** Paid work of the day: cash collected on site and jobs to invoice. */
  'cashier.day': defineMethod<CashierDay>()({ input: z.object({ date: businessDate }).strict(), access: 'calls.read', kind: 'query' }),
  'settings.getCalendar': defineMethod<WorkingCalendar>()({ input: z.object({}).strict(), access: 'signedIn', kind: 'query' }),
  /** Business hours per weekday, public holidays and 调休 days of this branch. */
  'settings.setCalendar': defineMethod<WorkingCalendar>()({
    input: z.object({ calendar: workingCalendarSchema }).strict(),
    access: 'settings.manage',
    kind: 'command',
  }),
} as const;
