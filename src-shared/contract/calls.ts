import { z } from 'zod';
import { CALL_STATUSES, type CallStatus } from '../domain/call-states';
import { CALL_CATEGORIES, type CallCategory } from '../domain/categories';
import { defineMethod } from './define';
import { businessDate, clientRequestId, id, instant, moneyFen, optionalText, pageLimit, partLine, signature, text } from './common';
import { newCustomer, newProduct } from './customers';

export interface CallSummary {
  id: number;
  number: string;
  calledAt: string;
  businessDate: string;
  customerId: number;
  customerName: string;
  phone: string;
  address: string;
  district: 'city' | 'suburb';
  productId: number;
  productModel: string;
  serial: string;
  fault: string;
  category: CallCategory;
  status: CallStatus;
  technician: { id: number; name: string } | null;
  /** The promised arrival: 6 working hours in the city, 7 in the suburbs, fixed at registration. */
  deadlineAt: string;
  /** Arrived after the deadline (flagged for ever), or still not arrived and the deadline has passed. */
  isLate: boolean;
  /** Not dispatched on the day it was called: goes first on the dispatch board. */
  carriedOver: boolean;
}

export interface CallEventView {
  at: string;
  userName: string;
  event: string;
  details: Record<string, unknown>;
}

export interface VoucherEntryView {
  id: number;
  callId: number;
  callNumber: string;
  kind: 'finishedOnSite' | 'takenIn' | 'returned';
  at: string;
  category: CallCategory;
  technicianName: string | null;
  workDone: string;
  partsText: string;
  feeFen: number;
  signerName: string;
  hasSignatureImage: boolean;
}

export interface CallDetail extends CallSummary {
  proposedCategory: CallCategory;
  overrideReason: string | null;
  dispatchedAt: string | null;
  arrivedAt: string | null;
  finishedAt: string | null;
  workDone: string | null;
  labourFeeFen: number;
  partsFeeFen: number;
  payment: 'cash' | 'invoice' | null;
  cancelReason: string | null;
  closedAt: string | null;
  receiptNumber: string | null;
  repairCardId: number | null;
  events: CallEventView[];
  voucherEntries: VoucherEntryView[];
}

export interface CallPage {
  calls: CallSummary[];
  /** Pass as `beforeId` for the next page; null at the end. */
  nextBeforeId: number | null;
}

export interface TechnicianLoad {
  id: number;
  username: string;
  name: string;
  /** Calls dispatched to him and not yet finished or taken in. */
  openCalls: number;
}

export interface BoardCall extends CallSummary {
  /** Working minutes to the promised arrival (negative once late; lateness counted over the last 7 days at most), by the branch calendar. */
  workingMinutesLeft: number;
}

export interface DispatchBoard {
  /** One page of the waiting calls, in board order. */
  calls: BoardCall[];
  /** How many calls are waiting in all, and where this page starts among them. */
  total: number;
  offset: number;
  technicians: TechnicianLoad[];
}

const payment = z.enum(['cash', 'invoice'], { error: 'validation.payment' }).nullable();

export const callMethods = {
  /**
   * Register a call in the book: an existing or new customer and product, the fault as told. Gets the
   * next gapless book number (`BJ01-2026-000123`), the proposed category (or the clerk's override with a
   * reason) and the promised arrival. The same `clientRequestId` twice returns the first call.
   */
  'calls.register': defineMethod<CallDetail>()({
    input: z
      .object({
        clientRequestId,
        customer: z.union([z.object({ id }).strict(), z.object({ new: newCustomer }).strict()]),
        product: z.union([z.object({ id }).strict(), z.object({ new: newProduct }).strict()]),
        fault: text(500),
        category: z.enum(CALL_CATEGORIES).optional(),
        overrideReason: optionalText(200),
      })
      .strict(),
    access: 'calls.register',
    kind: 'command',
  }),
  /** The book for a day (or all days), filtered; newest first, a page at a time. */
  'calls.list': defineMethod<CallPage>()({
    input: z
      .object({
        date: businessDate.optional(),
        filter: z.enum(['all', 'open', 'late']).default('all'),
        status: z.enum(CALL_STATUSES).optional(),
        technicianId: id.optional(),
        category: z.enum(CALL_CATEGORIES).optional(),
        query: z.string().trim().max(60).optional(),
        beforeId: id.optional(),
        limit: pageLimit(500, 100),
      })
      .strict(),
    access: 'calls.read',
    kind: 'query',
  }),
  'calls.get': defineMethod<CallDetail>()({ input: z.object({ callId: id }).strict(), access: 'calls.read', kind: 'query' }),
  /** Calls waiting for a technician or for his arrival: carried-over first, then by deadline. */
  'calls.dispatchBoard': defineMethod<DispatchBoard>()({
    input: z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: pageLimit(100, 50),
      })
      .strict(),
    access: 'calls.read',
    kind: 'query',
  }),
  /** Supervisor: send a technician; again before arrival to re-dispatch (the history keeps both). */
  'calls.dispatch': defineMethod<CallDetail>()({
    input: z.object({ callId: id, technicianId: id }).strict(),
    access: 'calls.dispatch',
    kind: 'command',
  }),
  /** The dispatched technician records his arrival; after the deadline it is flagged late. */
  'calls.arrive': defineMethod<CallDetail>()({ input: z.object({ callId: id }).strict(), access: 'calls.recordVisit', kind: 'command' }),
  /** Finished on site: work, times, parts, the fee for category A, and the customer's signature. */
  'calls.finishOnSite': defineMethod<CallDetail>()({
    input: z
      .object({
        callId: id,
        workDone: text(1000),
        startedAt: instant,
        endedAt: instant,
        parts: z.array(partLine).max(50).default([]),
        labourFeeFen: moneyFen.default(0),
        payment,
        signature,
      })
      .strict()
      .refine((v) => v.endedAt > v.startedAt, { error: 'validation.endBeforeStart', path: ['endedAt'] }),
    access: 'calls.recordVisit',
    kind: 'command',
  }),
  /** Not fixable on site: issue a goods receipt, open a goods-ledger line and a repair card. */
  'calls.takeIn': defineMethod<CallDetail>()({
    input: z
      .object({ callId: id, condition: text(300), accessories: text(300), promisedDate: businessDate, signature })
      .strict(),
    access: 'goods.takeIn',
    kind: 'command',
  }),
  /** 注销: close a finished call against the voucher the customer signed. */
  'calls.close': defineMethod<CallDetail>()({ input: z.object({ callId: id }).strict(), access: 'calls.close', kind: 'command' }),
  /** Cancel an open call before the goods are taken in; it keeps its number. */
  'calls.cancel': defineMethod<CallDetail>()({
    input: z.object({ callId: id, reason: text(200) }).strict(),
    access: 'calls.cancel',
    kind: 'command',
  }),
  'technicians.list': defineMethod<TechnicianLoad[]>()({ input: z.object({}).strict(), access: 'calls.read', kind: 'query' }),
} as const;
