import { z } from 'zod';
import { workingCalendarSchema, type WorkingCalendar } from '../domain/working-calendar';
import { defineMethod } from './define';
import { businessDate, id, moneyFen, optionalText } from './common';
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
  technicianId: number | null;
  technicianName: string | null;
  at: string;
  labourFeeFen: number;
  partsFeeFen: number;
  totalFen: number;
  payment: 'cash' | 'invoice';
  /** Cash only: the handover that carried this job's money to the cashier, once it has. */
  handoverId: number | null;
}

/** 交款: what a technician handed to the cashier, against what his jobs of the day collected. */
export interface CashHandoverView {
  id: number;
  date: string;
  technicianId: number;
  technicianName: string;
  expectedFen: number;
  receivedFen: number;
  /** received − expected: negative when money is short. */
  differenceFen: number;
  note: string | null;
  receivedByName: string;
  receivedAt: string;
  jobs: { callId: number; callNumber: string; amountFen: number }[];
}

/** A technician's cash of the day not yet handed over. */
export interface CashOutstanding {
  technicianId: number;
  technicianName: string;
  amountFen: number;
  jobs: number;
}

export interface CashierDay {
  date: string;
  /** Collected on site, to be handed to the cashier, by technician. */
  cash: CashierLine[];
  /** To be invoiced today. */
  toInvoice: CashierLine[];
  cashTotalFen: number;
  invoiceTotalFen: number;
  /** Cash still with the technicians, by technician. */
  outstanding: CashOutstanding[];
  handovers: CashHandoverView[];
}

export const dayMethods = {
  /** 核对: the day's book against the vouchers that came back. */
  'day.check': defineMethod<DayCheck>()({ input: z.object({ date: businessDate }).strict(), access: 'calls.read', kind: 'query' }),
  /** Paid work of the day: cash collected on site and jobs to invoice. */
  'cashier.day': defineMethod<CashierDay>()({ input: z.object({ date: businessDate }).strict(), access: 'calls.read', kind: 'query' }),
  /**
   * The cashier receives a technician's cash of the day: every job of his not yet handed over goes
   * into one record with the amount counted. A difference needs a note.
   */
  'cashier.recordHandover': defineMethod<CashHandoverView>()({
    input: z
      .object({ date: businessDate, technicianId: id, receivedFen: moneyFen, note: optionalText(300) })
      .strict(),
    access: 'cashier.receive',
    kind: 'command',
  }),
  'settings.getCalendar': defineMethod<WorkingCalendar>()({ input: z.object({}).strict(), access: 'signedIn', kind: 'query' }),
  /** Business hours per weekday, public holidays and 调休 days of this branch. */
  'settings.setCalendar': defineMethod<WorkingCalendar>()({
    input: z.object({ calendar: workingCalendarSchema }).strict(),
    access: 'settings.manage',
    kind: 'command',
  }),
} as const;
