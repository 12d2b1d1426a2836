import type { Sqlite } from '../../../src-main/core/db/open';
import { nextStatus, type CallAction, type CallStatus } from '../../../src-shared/domain/call-states';

/**
 * What must hold after every step of the repair-call flow, checked with our own SQL against the branch
 * file (not through the product's queries, so a bug shared by a service and its read model is still
 * seen). Each check returns the problems it found; the property expects none.
 */

/** Call events that move a call, by the action of call-states.ts they stand for; null: no move. */
const EVENT_ACTIONS: Readonly<Record<string, CallAction | null>> = {
  dispatched: 'dispatch',
  redispatched: 'dispatch',
  arrived: 'arrive',
  finishedOnSite: 'finishOnSite',
  takenIn: 'takeIn',
  returned: 'returnGoods',
  closed: 'close',
  cancelled: 'cancel',
  helpRequested: null,
  signedOff: null,
  categoryOverridden: null,
};

interface CallRow {
  id: number;
  number: string;
  year: number;
  seq: number;
  business_date: string;
  category: string;
  status: CallStatus;
  technician_id: number | null;
  arrived_at: string | null;
  closed_at: string | null;
  cancel_reason: string | null;
  labour_fee_fen: number;
  parts_fee_fen: number;
  payment: string | null;
}

interface ReceiptRow {
  id: number;
  number: string;
  year: number;
  seq: number;
  call_id: number;
  issued_at: string;
  status: 'outstanding' | 'voided';
  voided_at: string | null;
  void_reason: string | null;
  lost_id_seen: string | null;
}

const countBy = <T>(rows: readonly T[], key: (row: T) => string | number) => {
  const counts = new Map<string | number, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
};

/** The branch's business year of an instant: Asia/Shanghai is UTC+8 all year round (no DST). */
const shanghaiYear = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).getUTCFullYear();

/** Numbers 1..n per year, no hole, no repeat, printed as the book prints them, counter at n. */
function checkGapless(sqlite: Sqlite, book: 'calls' | 'receipts', rows: ReadonlyArray<{ number: string; year: number; seq: number }>, format: (year: number, seq: number) => string): string[] {
  const problems: string[] = [];
  const counters = new Map((sqlite.prepare('SELECT year, last_seq FROM book_counters WHERE book = ?').all(book) as Array<{ year: number; last_seq: number }>).map((c) => [c.year, c.last_seq]));
  for (const [year, n] of countBy(rows, (r) => r.year)) {
    const seqs = rows.filter((r) => r.year === year).map((r) => r.seq).sort((a, b) => a - b);
    if (seqs.some((s, i) => s !== i + 1)) problems.push(`${book} ${year}: numbers are not 1..${n}: ${seqs.join(',')}`);
    if (counters.get(Number(year)) !== n) problems.push(`${book} ${year}: counter ${counters.get(Number(year))} but ${n} issued`);
  }
  for (const r of rows) if (r.number !== format(r.year, r.seq)) problems.push(`${book}: ${r.number} is not ${format(r.year, r.seq)}`);
  return problems;
}

/** Each call's events replayed through call-states.ts: every move legal, ending in the stored status. */
function checkCalls(sqlite: Sqlite, calls: readonly CallRow[], receipts: readonly ReceiptRow[]): string[] {
  const problems: string[] = [];
  const events = sqlite.prepare('SELECT call_id, event FROM call_events ORDER BY id').all() as Array<{ call_id: number; event: string }>;
  const entries = sqlite.prepare('SELECT call_id, kind, signer_name FROM voucher_entries').all() as Array<{ call_id: number; kind: string; signer_name: string }>;
  const receiptOf = new Map(receipts.map((r) => [r.call_id, r]));
  for (const call of calls) {
    const say = (problem: string) => problems.push(`call ${call.number} (${call.status}): ${problem}`);
    const own = events.filter((e) => e.call_id === call.id).map((e) => e.event);
    if (own[0] !== 'registered') say(`first event is ${own[0]}`);
    let status: CallStatus = 'registered';
    const done = new Set<CallAction>();
    for (const event of own.slice(1)) {
      const action = EVENT_ACTIONS[event];
      if (action === undefined) say(`unexpected event ${event}`);
      if (!action) continue;
      if (event === 'dispatched' && status !== 'registered') say('first dispatch of a dispatched call');
      if (event === 'redispatched' && status !== 'dispatched') say(`re-dispatch from ${status}`);
      const next = nextStatus(status, action);
      if (!next) say(`illegal move ${action} from ${status}`);
      else status = next;
      done.add(action);
    }
    if (status !== call.status) say(`events lead to ${status}`);
    if ((call.technician_id !== null) !== done.has('dispatch')) say(`technician ${call.technician_id} but dispatched: ${done.has('dispatch')}`);
    if ((call.arrived_at !== null) !== done.has('arrive')) say('arrival time does not match the events');
    if ((call.closed_at !== null) !== (call.status === 'closed' || call.status === 'cancelled')) say('closed_at does not match the status');
    if ((call.cancel_reason !== null) !== (call.status === 'cancelled')) say('cancel reason does not match the status');
    const kinds = countBy(entries.filter((e) => e.call_id === call.id), (e) => e.kind);
    for (const [kind, action] of [['finishedOnSite', 'finishOnSite'], ['takenIn', 'takeIn'], ['returned', 'returnGoods']] as const) {
      if ((kinds.get(kind) ?? 0) !== (done.has(action) ? 1 : 0)) say(`${kinds.get(kind) ?? 0} '${kind}' voucher entries`);
    }
    if (entries.some((e) => e.call_id === call.id && e.signer_name.trim() === '')) say('a voucher entry nobody signed');
    const signedFinish = (kinds.get('finishedOnSite') ?? 0) + (kinds.get('returned') ?? 0) > 0;
    if (call.status === 'closed' && !signedFinish) say('closed without a signed voucher');
    const receipt = receiptOf.get(call.id);
    if ((receipt !== undefined) !== done.has('takeIn')) say(`receipt ${receipt?.number} but taken in: ${done.has('takeIn')}`);
    if (receipt && (receipt.status === 'voided') !== done.has('returnGoods')) say(`receipt ${receipt.status} but returned: ${done.has('returnGoods')}`);
    if (call.category !== 'A' && (call.labour_fee_fen !== 0 || call.parts_fee_fen !== 0 || call.payment !== null)) say('a fee on free or contract work');
    if (call.payment !== null && call.labour_fee_fen + call.parts_fee_fen === 0) say('a payment for nothing');
  }
  return problems;
}

/** Every receipt ever issued: outstanding with its goods in the shop, or voided exactly once. */
function checkReceipts(sqlite: Sqlite, calls: readonly CallRow[], receipts: readonly ReceiptRow[]): string[] {
  const problems: string[] = [];
  const ledger = sqlite.prepare('SELECT receipt_id, date_out FROM goods_ledger').all() as Array<{ receipt_id: number; date_out: string | null }>;
  const cards = countBy(sqlite.prepare('SELECT receipt_id FROM repair_cards').all() as Array<{ receipt_id: number }>, (c) => c.receipt_id);
  const voidings = countBy(
    sqlite.prepare("SELECT entity_id FROM audit_log WHERE entity = 'receipt' AND json_extract(after_json, '$.status') = 'voided'").all() as Array<{ entity_id: string }>,
    (a) => a.entity_id,
  );
  const returnEvents = countBy(sqlite.prepare("SELECT call_id FROM call_events WHERE event = 'returned'").all() as Array<{ call_id: number }>, (e) => e.call_id);
  const statusOf = new Map(calls.map((c) => [c.id, c.status]));
  for (const r of receipts) {
    const say = (problem: string) => problems.push(`receipt ${r.number} (${r.status}): ${problem}`);
    const lines = ledger.filter((l) => l.receipt_id === r.id);
    if (lines.length !== 1) say(`${lines.length} goods-ledger lines`);
    if (cards.get(r.id) !== 1) say(`${cards.get(r.id) ?? 0} repair cards`);
    if (shanghaiYear(r.issued_at) !== r.year) say(`issued ${r.issued_at} but numbered in ${r.year}`);
    const inShop = lines[0]?.date_out === null;
    const callStatus = statusOf.get(r.call_id);
    const voided = r.status === 'voided';
    if (!voided && (!inShop || callStatus !== 'takenIn')) say(`outstanding, but goods in shop: ${inShop}, call ${callStatus}`);
    if (voided && (inShop || (callStatus !== 'returned' && callStatus !== 'closed'))) say(`voided, but goods in shop: ${inShop}, call ${callStatus}`);
    if ((r.voided_at !== null) !== voided || (r.void_reason !== null) !== voided) say('void fields do not match the status');
    if (r.void_reason === 'lost' && !r.lost_id_seen) say('lost receipt voided without the ID seen');
    const times = voided ? 1 : 0;
    if ((voidings.get(r.number) ?? 0) !== times) say(`voided ${voidings.get(r.number) ?? 0} times in the audit log`);
    if ((returnEvents.get(r.call_id) ?? 0) !== times) say(`${returnEvents.get(r.call_id) ?? 0} return events`);
  }
  return problems;
}

export interface ReceiptCounts {
  issued: number;
  outstanding: number;
  voided: number;
}

export function receiptCounts(sqlite: Sqlite): ReceiptCounts {
  return sqlite.prepare("SELECT COUNT(*) AS issued, COUNT(*) FILTER (WHERE status = 'outstanding') AS outstanding, COUNT(*) FILTER (WHERE status = 'voided') AS voided FROM receipts").get() as ReceiptCounts;
}

/** Rows that may never change once they are in this state: signed, voided, closed. */
const FROZEN: ReadonlyArray<[table: string, select: string]> = [
  ['calls', "SELECT * FROM calls WHERE status IN ('closed','cancelled')"],
  ['receipts', "SELECT * FROM receipts WHERE status = 'voided'"],
  ['voucher_entries', 'SELECT * FROM voucher_entries'],
  ['repair_cards', 'SELECT * FROM repair_cards WHERE signed_off_at IS NOT NULL'],
  ['repair_labour', 'SELECT l.* FROM repair_labour l JOIN repair_cards c ON c.id = l.card_id WHERE c.signed_off_at IS NOT NULL'],
  ['repair_parts', 'SELECT p.* FROM repair_parts p JOIN repair_cards c ON c.id = p.card_id WHERE c.signed_off_at IS NOT NULL'],
];

/**
 * The content of every signed, voided or closed row as first seen; later steps must find it unchanged
 * and still frozen. A signed-off card keeps the lines it was signed with; a line that appears on it
 * afterwards must be an amendment.
 */
export class FrozenRows {
  private readonly rows = new Map<string, string>();
  private readonly cardSignedAtStep = new Map<number, number>();

  check(sqlite: Sqlite, step: number): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const [table, select] of FROZEN) {
      for (const row of sqlite.prepare(select).all() as Array<Record<string, unknown> & { id: number }>) {
        const key = `${table}#${row.id}`;
        const content = JSON.stringify(row);
        seen.add(key);
        const before = this.rows.get(key);
        if (before !== undefined && before !== content) problems.push(`${key} changed after it was frozen: ${before} -> ${content}`);
        if (before !== undefined) continue;
        this.rows.set(key, content);
        if (table === 'repair_cards') this.cardSignedAtStep.set(row.id, step);
        if (table === 'repair_labour' || table === 'repair_parts') {
          const signedAt = this.cardSignedAtStep.get(row.card_id as number);
          const lateLine = signedAt !== undefined && signedAt < step;
          if (lateLine !== (row.is_amendment === 1)) problems.push(`${key}: is_amendment ${row.is_amendment}, but added ${lateLine ? 'after' : 'before'} sign-off`);
        }
      }
    }
    for (const key of this.rows.keys()) if (!seen.has(key)) problems.push(`${key} is no longer frozen (or gone)`);
    return problems;
  }
}

/** All the invariants of the flow that our own SQL can see. */
export function flowProblems(sqlite: Sqlite, frozen: FrozenRows, step: number): string[] {
  const calls = sqlite.prepare('SELECT * FROM calls ORDER BY id').all() as CallRow[];
  const receipts = sqlite.prepare('SELECT * FROM receipts ORDER BY id').all() as ReceiptRow[];
  const unsignedAmendments = sqlite
    .prepare(
      `SELECT 'card ' || c.id || ': an amendment line before sign-off' AS problem FROM repair_cards c
       WHERE c.signed_off_at IS NULL AND (EXISTS (SELECT 1 FROM repair_labour WHERE card_id = c.id AND is_amendment = 1)
                                       OR EXISTS (SELECT 1 FROM repair_parts WHERE card_id = c.id AND is_amendment = 1))
       UNION ALL
       SELECT 'card ' || c.id || ': signed off without a labour line' FROM repair_cards c
       WHERE c.signed_off_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM repair_labour WHERE card_id = c.id AND is_amendment = 0)`,
    )
    .all() as Array<{ problem: string }>;
  return [
    ...checkGapless(sqlite, 'calls', calls, (y, s) => `BJ01-${y}-${String(s).padStart(6, '0')}`),
    ...calls.filter((c) => Number(c.business_date.slice(0, 4)) !== c.year).map((c) => `call ${c.number}: business date ${c.business_date} but numbered in ${c.year}`),
    ...checkGapless(sqlite, 'receipts', receipts, (y, s) => `BJ01-R${y}-${String(s).padStart(6, '0')}`),
    ...checkCalls(sqlite, calls, receipts),
    ...checkReceipts(sqlite, calls, receipts),
    ...unsignedAmendments.map((r) => r.problem),
    ...frozen.check(sqlite, step),
  ];
}
