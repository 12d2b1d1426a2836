import { z } from 'zod';
import { defineMethod } from './define';
import { id, instant, moneyFen, pageLimit, partLine, signature, text } from './common';

export interface GoodsLineView {
  ledgerId: number;
  receiptNumber: string;
  receiptStatus: 'outstanding' | 'voided';
  callId: number;
  callNumber: string;
  customerName: string;
  phone: string;
  productModel: string;
  serial: string;
  dateIn: string;
  broughtBy: string;
  promisedDate: string;
  dateOut: string | null;
  isOverdue: boolean;
  repairCardId: number;
  signedOff: boolean;
}

export interface RepairCardView {
  id: number;
  callId: number;
  callNumber: string;
  receiptNumber: string;
  customerName: string;
  productModel: string;
  serial: string;
  fault: string;
  technician: { id: number; name: string } | null;
  promisedDate: string;
  isOverdue: boolean;
  findings: string;
  cause: string;
  helpRequestedAt: string | null;
  helpNote: string | null;
  signedOffBy: string | null;
  signedOffAt: string | null;
  labour: Array<{ id: number; technicianName: string; startedAt: string; endedAt: string; minutes: number; note: string; isAmendment: boolean }>;
  parts: Array<{ id: number; partNo: string; name: string; quantity: number; serial: string | null; unitPriceFen: number; isAmendment: boolean }>;
}

export interface ReceiptCheck {
  issued: number;
  outstanding: number;
  voided: number;
  /** Receipts that break the rule "outstanding with the goods in the shop, or voided exactly once". */
  problems: Array<{ receiptNumber: string; problem: string }>;
}

export const goodsMethods = {
  'goods.list': defineMethod<GoodsLineView[]>()({
    input: z.object({ state: z.enum(['inShop', 'overdue', 'returned']).default('inShop'), limit: pageLimit(500, 200) }).strict(),
    access: 'calls.read',
    kind: 'query',
  }),
  /**
   * The goods go back: the receipt is taken back and voided, the ledger gets the return date, the
   * customer signs the voucher. Without the receipt, a supervisor voids it as lost, noting the ID seen.
   */
  'goods.return': defineMethod<GoodsLineView>()({
    input: z
      .object({
        receipt: z.union([
          z.object({ number: text(40) }).strict(),
          z.object({ lost: z.object({ callId: id, idSeen: text(60), note: text(300) }).strict() }).strict(),
        ]),
        labourFeeFen: moneyFen.default(0),
        payment: z.enum(['cash', 'invoice']).nullable().default(null),
        signature,
      })
      .strict(),
    access: 'goods.return',
    kind: 'command',
  }),
  /** Prove every receipt ever issued is outstanding with its goods in the shop, or voided once. */
  'goods.checkReceipts': defineMethod<ReceiptCheck>()({ input: z.object({}).strict(), access: 'calls.read', kind: 'query' }),

  'repairCards.list': defineMethod<RepairCardView[]>()({
    input: z.object({ state: z.enum(['open', 'overdue', 'helpRequested', 'signedOff']).default('open'), limit: pageLimit(500, 200) }).strict(),
    access: 'calls.read',
    kind: 'query',
  }),
  'repairCards.get': defineMethod<RepairCardView>()({ input: z.object({ cardId: id }).strict(), access: 'calls.read', kind: 'query' }),
  /** The technician's own time on the card; after sign-off it is added as an amendment line. */
  'repairCards.addLabour': defineMethod<RepairCardView>()({
    input: z
      .object({ cardId: id, startedAt: instant, endedAt: instant, note: z.string().trim().max(300).default('') })
      .strict()
      .refine((v) => v.endedAt > v.startedAt, { error: 'validation.endBeforeStart', path: ['endedAt'] }),
    access: 'repairCards.edit',
    kind: 'command',
  }),
  'repairCards.addPart': defineMethod<RepairCardView>()({
    input: z.object({ cardId: id, part: partLine }).strict(),
    access: 'repairCards.edit',
    kind: 'command',
  }),
  'repairCards.recordFindings': defineMethod<RepairCardView>()({
    input: z.object({ cardId: id, findings: text(1000), cause: text(500) }).strict(),
    access: 'repairCards.edit',
    kind: 'command',
  }),
  /** The repair will miss the promised date: escalate to the supervisor. */
  'repairCards.askForHelp': defineMethod<RepairCardView>()({
    input: z.object({ cardId: id, note: text(300) }).strict(),
    access: 'repairCards.edit',
    kind: 'command',
  }),
  /** 验讫: the supervisor inspected the repaired product. Needs a labour line; the card is read-only after. */
  'repairCards.signOff': defineMethod<RepairCardView>()({ input: z.object({ cardId: id }).strict(), access: 'repairCards.signOff', kind: 'command' }),
} as const;
