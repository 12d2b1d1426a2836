import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CallStatus } from '../../../src-shared/domain/call-states';
import { bookNumber } from '../../../src-main/core/repos/book-counters';
import { partsText } from '../../../src-main/core/services/visits';
import { localDate } from './business-time';
import type { CallStory, PartLine, StaffMember } from './call-story';

/**
 * Writes what of a call's story had happened by "now" with raw prepared statements: the call-log line
 * with every column the services would have set, its events, voucher entries, on-site parts, and for
 * goods taken in the receipt, goods-ledger line, repair card with its labour and parts lines. Each
 * registration also gets the audit row `calls.register` writes, chained by hash like the product's.
 */

const iso = (ms: number) => new Date(ms).toISOString();
const AUDIT_GENESIS = '0'.repeat(64);

interface EventRow {
  at: number;
  by: StaffMember;
  event: string;
  details: Record<string, unknown>;
}

export class CallWriter {
  readonly callSeqByYear = new Map<number, number>();
  readonly receiptSeqByYear = new Map<number, number>();
  private prevHash: string;
  private readonly s;

  constructor(
    sqlite: Database.Database,
    private readonly branchCode: string,
    private readonly now: number,
    private readonly customerNames: readonly string[],
  ) {
    const last = sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
    this.prevHash = last?.hash ?? AUDIT_GENESIS;
    this.s = {
      call: sqlite.prepare(`INSERT INTO calls (id, number, year, seq, customer_id, product_id, fault, category, proposed_category, override_reason, district,
        called_at, business_date, deadline_at, status, technician_id, dispatched_at, first_dispatch_date, arrived_at, is_late, finished_at, work_done,
        work_started_at, work_ended_at, labour_fee_fen, parts_fee_fen, payment, cancel_reason, closed_at, client_request_id, created_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      event: sqlite.prepare('INSERT INTO call_events (call_id, at, user_id, event, details_json) VALUES (?, ?, ?, ?, ?)'),
      onsitePart: sqlite.prepare('INSERT INTO onsite_parts (call_id, part_no, name, quantity, serial, unit_price_fen) VALUES (?, ?, ?, ?, ?, ?)'),
      entry: sqlite.prepare(`INSERT INTO voucher_entries (voucher_id, call_id, kind, at, category, technician_id, work_done, parts_text, fee_fen, signer_name, signature_png)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`),
      receipt: sqlite.prepare(`INSERT INTO receipts (number, year, seq, call_id, issued_at, condition, accessories, promised_date, status, voided_at, void_reason, voided_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      ledger: sqlite.prepare('INSERT INTO goods_ledger (receipt_id, call_id, product_id, date_in, brought_by, date_out) VALUES (?, ?, ?, ?, ?, ?)'),
      card: sqlite.prepare(`INSERT INTO repair_cards (call_id, receipt_id, findings, cause, help_requested_at, help_note, signed_off_by, signed_off_at, opened_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      labour: sqlite.prepare('INSERT INTO repair_labour (card_id, technician_id, started_at, ended_at, minutes, note, is_amendment) VALUES (?, ?, ?, ?, ?, ?, 0)'),
      part: sqlite.prepare('INSERT INTO repair_parts (card_id, part_no, name, quantity, serial, unit_price_fen, is_amendment) VALUES (?, ?, ?, ?, ?, ?, 0)'),
      audit: sqlite.prepare(`INSERT INTO audit_log (at, user_id, username, method, outcome, entity, entity_id, before_json, after_json, prev_hash, hash)
        VALUES (?, ?, ?, 'calls.register', 'ok', 'call', ?, NULL, ?, ?, ?)`),
    };
  }

  /** Writes call `callId`; `receiptSeq` is its receipt's number in its year when its goods were taken in by now. */
  write(story: CallStory, callId: number, receiptSeq: number | undefined): void {
    const now = this.now;
    const happened = (at: number | null | undefined): at is number => at !== null && at !== undefined && at <= now;
    const year = Number(story.businessDate.slice(0, 4));
    const seq = (this.callSeqByYear.get(year) ?? 0) + 1;
    this.callSeqByYear.set(year, seq);
    const number = bookNumber(this.branchCode, 'calls', year, seq);
    const customerId = story.customerIndex + 1;
    const productId = story.product.id;
    const events: EventRow[] = [
      { at: story.calledAt, by: story.clerk, event: 'registered', details: { category: story.category, proposedCategory: story.proposed.category, reason: story.proposed.reason } },
    ];
    if (story.overrideReason) events.push({ at: story.calledAt, by: story.clerk, event: 'categoryOverridden', details: { from: story.proposed.category, to: story.category, reason: story.overrideReason } });

    let status: CallStatus = 'registered';
    let technician: StaffMember | null = null;
    let dispatchedAt: number | null = null;
    let firstDispatchDate: string | null = null;
    for (const d of story.dispatches.filter((x) => happened(x.at))) {
      events.push({ at: d.at, by: d.by, event: technician ? 'redispatched' : 'dispatched', details: { technicianId: d.technician.id, technicianName: d.technician.name, previousTechnicianId: technician?.id ?? null } });
      technician = d.technician;
      dispatchedAt = d.at;
      firstDispatchDate ??= localDate(d.at);
      status = 'dispatched';
    }
    const arrived = happened(story.arrivedAt) && status === 'dispatched' ? story.arrivedAt : null;
    const isLate = arrived !== null && arrived > story.deadline ? 1 : 0;
    if (arrived !== null) {
      status = 'arrived';
      events.push({ at: arrived, by: technician!, event: 'arrived', details: { late: isLate === 1 } });
    }
    const fees = { labour: 0, parts: 0, payment: null as 'cash' | 'invoice' | null, workDone: null as string | null, finishedAt: null as number | null, started: null as number | null, ended: null as number | null };
    let closedAt: number | null = null;
    let cancelReason: string | null = null;

    if (story.cancel && happened(story.cancel.at)) {
      status = 'cancelled';
      closedAt = story.cancel.at;
      cancelReason = story.cancel.reason;
      events.push({ at: story.cancel.at, by: story.cancel.by, event: 'cancelled', details: { reason: story.cancel.reason } });
    } else if (arrived !== null && story.onSite && happened(story.onSite.finishedAt)) {
      const o = story.onSite;
      status = 'finishedOnSite';
      Object.assign(fees, this.charge(story, o.labourFeeFen, o.parts, o.payment), { workDone: o.workDone, finishedAt: o.finishedAt, started: o.startedAt, ended: o.endedAt });
      for (const p of o.parts) this.s.onsitePart.run(callId, p.partNo, p.name, p.quantity, p.serial, p.unitPriceFen);
      this.s.entry.run(productId, callId, 'finishedOnSite', iso(o.finishedAt), story.category, technician!.id, o.workDone, partsText(o.parts), fees.labour + fees.parts, this.signer(story));
      events.push({ at: o.finishedAt, by: technician!, event: 'finishedOnSite', details: { feeFen: fees.labour + fees.parts, payment: fees.payment, signer: this.signer(story) } });
    } else if (arrived !== null && story.takeIn && happened(story.takeIn.at) && receiptSeq !== undefined) {
      status = this.writeTakeIn(story, callId, technician!, receiptSeq, events, fees);
    }
    if (status !== 'cancelled' && (status === 'finishedOnSite' || status === 'returned') && happened(story.closeAt)) {
      status = 'closed';
      closedAt = story.closeAt;
      events.push({ at: story.closeAt, by: story.closeBy, event: 'closed', details: {} });
    }

    this.s.call.run(
      callId, number, year, seq, customerId, productId, story.fault, story.category, story.proposed.category, story.overrideReason, story.district,
      iso(story.calledAt), story.businessDate, iso(story.deadline), status, technician?.id ?? null, dispatchedAt === null ? null : iso(dispatchedAt), firstDispatchDate,
      arrived === null ? null : iso(arrived), isLate, fees.finishedAt === null ? null : iso(fees.finishedAt), fees.workDone,
      fees.started === null ? null : iso(fees.started), fees.ended === null ? null : iso(fees.ended), fees.labour, fees.parts, fees.payment, cancelReason,
      closedAt === null ? null : iso(closedAt), story.clientRequestId, story.clerk.id,
    );
    events.sort((a, b) => a.at - b.at);
    for (const e of events) this.s.event.run(callId, iso(e.at), e.by.id, e.event, JSON.stringify(e.details));
    this.audit(story, number, customerId, productId);
  }

  /** The customer signs the voucher (companies: whoever was there; the name on file stands in). */
  private signer(story: CallStory): string {
    return this.customerNames[story.customerIndex]!;
  }

  private charge(story: CallStory, labourFeeFen: number, parts: PartLine[], payment: 'cash' | 'invoice' | null) {
    if (story.category !== 'A') return { labour: 0, parts: 0, payment: null };
    const partsFen = parts.reduce((s, p) => s + p.quantity * p.unitPriceFen, 0);
    return { labour: labourFeeFen, parts: partsFen, payment: labourFeeFen + partsFen > 0 ? payment : null };
  }

  private writeTakeIn(story: CallStory, callId: number, technician: StaffMember, receiptSeq: number, events: EventRow[], fees: { labour: number; parts: number; payment: 'cash' | 'invoice' | null; workDone: string | null; finishedAt: number | null }): CallStatus {
    const t = story.takeIn!;
    const now = this.now;
    const year = Number(localDate(t.at).slice(0, 4));
    this.receiptSeqByYear.set(year, Math.max(this.receiptSeqByYear.get(year) ?? 0, receiptSeq));
    const receiptNumber = bookNumber(this.branchCode, 'receipts', year, receiptSeq);
    const signedOff = t.signOffAt !== null && t.signOffAt <= now;
    const returned = signedOff && t.returnAt !== null && t.returnAt <= now;
    const receipt = this.s.receipt.run(receiptNumber, year, receiptSeq, callId, iso(t.at), t.condition, t.accessories, t.promisedDate,
      returned ? 'voided' : 'outstanding', returned ? iso(t.returnAt!) : null, returned ? 'returned' : null, returned ? t.returnBy.id : null);
    const receiptId = Number(receipt.lastInsertRowid);
    this.s.ledger.run(receiptId, callId, story.product.id, localDate(t.at), technician.id, returned ? localDate(t.returnAt!) : null);
    const findingsKnown = t.findingsAt <= now;
    const help = t.help && t.help.at <= now ? t.help : null;
    const card = this.s.card.run(callId, receiptId, findingsKnown ? t.findings : '', findingsKnown ? t.cause : '', help ? iso(help.at) : null, help?.note ?? null,
      signedOff ? t.signOffBy.id : null, signedOff ? iso(t.signOffAt!) : null, iso(t.at));
    const cardId = Number(card.lastInsertRowid);
    for (const l of t.labour) if (l.endedAt <= now) this.s.labour.run(cardId, l.technician.id, iso(l.startedAt), iso(l.endedAt), l.minutes, l.note);
    if (findingsKnown) for (const p of t.parts) this.s.part.run(cardId, p.partNo, p.name, p.quantity, p.serial, p.unitPriceFen);
    this.s.entry.run(story.product.id, callId, 'takenIn', iso(t.at), story.category, technician.id, `${t.condition} / ${t.accessories}`, '', 0, this.signer(story));
    events.push({ at: t.at, by: technician, event: 'takenIn', details: { receiptNumber, promisedDate: t.promisedDate } });
    if (help) events.push({ at: help.at, by: technician, event: 'helpRequested', details: { note: help.note } });
    if (signedOff) events.push({ at: t.signOffAt!, by: t.signOffBy, event: 'signedOff', details: {} });
    if (!returned) return 'takenIn';
    Object.assign(fees, this.charge(story, t.labourFeeFen, t.parts, t.payment), { workDone: t.findings || null, finishedAt: t.returnAt });
    this.s.entry.run(story.product.id, callId, 'returned', iso(t.returnAt!), story.category, technician.id, [t.findings, t.cause].filter(Boolean).join(' / ') || '—', partsText(t.parts), fees.labour + fees.parts, this.signer(story));
    events.push({ at: t.returnAt!, by: t.returnBy, event: 'returned', details: { receiptNumber, lostReceipt: false, signer: this.signer(story) } });
    return 'returned';
  }

  /** The row `calls.register` audits, chained exactly as the product's appendAudit chains it. */
  private audit(story: CallStory, number: string, customerId: number, productId: number): void {
    const at = iso(story.calledAt);
    const after = JSON.stringify({ number, customerId, productId, category: story.category, proposedCategory: story.proposed.category, overrideReason: story.overrideReason, deadlineAt: iso(story.deadline) });
    const canonical = JSON.stringify([this.prevHash, at, story.clerk.id, story.clerk.username, 'calls.register', 'ok', 'call', number, null, after]);
    const hash = createHash('sha256').update(canonical).digest('hex');
    this.s.audit.run(at, story.clerk.id, story.clerk.username, number, after, this.prevHash, hash);
    this.prevHash = hash;
  }
}
