import { createHash } from 'node:crypto';
import { DEFAULT_CALENDAR } from '../../../src-shared/domain/working-calendar';
import { promisedArrival } from '../../../src-shared/domain/working-hours';
import { nameGrams, nameInitials } from '../../../src-main/core/repos/customers';
import { address, personName, phone } from '../generate/people';
import { Random } from '../generate/random';
import type { BenchContext } from './context';
import { ratio, type Figure } from './results';
import { sample, summarize } from './stats';

/**
 * Registering a call: one `calls.register` through the dispatcher (validated, numbered, audited, one
 * durable commit with synchronous=FULL), for a known customer and for a new customer with a new product
 * (which also writes the search index). Raw: the same rows inserted with prepared statements in one
 * transaction on the same connection, also durable.
 */

interface Plan {
  runs: number;
  warmup: number;
}

function rawStatements(ctx: BenchContext) {
  const s = ctx.app.sqlite;
  return {
    counter: s.prepare("INSERT INTO book_counters (book, year, last_seq) VALUES ('calls', ?, 1) ON CONFLICT (book, year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq").pluck(),
    call: s.prepare(`INSERT INTO calls (number, year, seq, customer_id, product_id, fault, category, proposed_category, district, called_at, business_date, deadline_at, status, client_request_id, created_by)
      VALUES (?, ?, ?, ?, ?, ?, 'A', 'A', ?, ?, ?, ?, 'registered', ?, ?)`),
    event: s.prepare("INSERT INTO call_events (call_id, at, user_id, event, details_json) VALUES (?, ?, ?, 'registered', ?)"),
    lastHash: s.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck(),
    audit: s.prepare("INSERT INTO audit_log (at, user_id, username, method, outcome, entity, entity_id, before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, 'calls.register', 'ok', 'call', ?, NULL, ?, ?, ?)"),
    customer: s.prepare("INSERT INTO customers (name, name_initials, address, district, notes, created_at) VALUES (?, ?, ?, ?, '', ?)"),
    phone: s.prepare('INSERT INTO customer_phones (customer_id, phone, digits) VALUES (?, ?, ?)'),
    product: s.prepare("INSERT INTO products (customer_id, model, serial, purchase_date, warranty_months, exclusions_json, created_at) VALUES (?, ?, ?, ?, 12, '[]', ?)"),
    voucher: s.prepare('INSERT INTO vouchers (product_id, created_at) VALUES (?, ?)'),
    gram: s.prepare('INSERT INTO customer_name_grams (gram, customer_id) VALUES (?, ?)'),
    searchDelete: s.prepare('DELETE FROM customer_search WHERE rowid = ?'),
    searchInsert: s.prepare('INSERT INTO customer_search (rowid, text) VALUES (?, ?)'),
  };
}

function newCustomerInput(seed: number, run: number) {
  const rng = Random.for(seed, 501, run);
  const district = rng.chance(0.7) ? ('city' as const) : ('suburb' as const);
  return {
    customer: { new: { name: personName(rng), phones: [phone(rng, false)], address: address(rng, district), district } },
    product: { new: { model: 'KFR-35GW/BpR3DN1', serial: `KT26${rng.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 8)}`, purchaseDate: '2026-06-01', warrantyMonths: 12, exclusions: [] } },
  };
}

export async function measureRegister(ctx: BenchContext, plan: Plan): Promise<Figure[]> {
  const sqlite = ctx.app.sqlite;
  const clerkId = ctx.userId('clerk1');
  const customers = ctx.meta.counts.customers!;
  // Known customers and one of their products, looked up before any timing.
  const firstProduct = sqlite.prepare('SELECT id FROM products WHERE customer_id = ? ORDER BY id LIMIT 1').pluck();
  const pairs = Array.from({ length: 97 }, (_, i) => {
    const customerId = 1 + ((i * 7919) % customers);
    return { customerId, productId: firstProduct.get(customerId) as number };
  });
  const known = (run: number) => pairs[Math.abs(run) % pairs.length]!;
  const tick = () => ctx.clock.advanceMs(1000);
  let request = 0;
  const requestId = () => `bench-${process.pid}-${++request}`;
  // Inputs are made before the clock starts: the client's work, not the server's.
  const runIndexes = [...Array.from({ length: plan.warmup }, (_, i) => -1 - i), ...Array.from({ length: plan.runs }, (_, i) => i)];
  const newInputs = (salt: number) => new Map(runIndexes.map((run) => [run, newCustomerInput(salt, run + 1000)]));
  const forService = newInputs(1);

  const serviceKnown = await sample(async (run) => {
    const { customerId, productId } = known(run);
    tick();
    await ctx.call('clerk', 'calls.register', { clientRequestId: requestId(), customer: { id: customerId }, product: { id: productId }, fault: '不制冷，室内机漏水' });
  }, plan);
  const serviceNew = await sample(async (run) => {
    tick();
    await ctx.call('clerk', 'calls.register', { clientRequestId: requestId(), ...forService.get(run)!, fault: '开机显示E1故障码' });
  }, plan);

  // Raw: the values (instant, deadline, initials, index text) computed up front; timed are the inserts,
  // the counter, the audit hash over the previous row, and the durable commit.
  const s = rawStatements(ctx);
  const base = ctx.clock.now().getTime();
  const valuesOf = (run: number, district: 'city' | 'suburb') => {
    const at = new Date(base + (run + plan.warmup + 1) * 1000).toISOString();
    return { at, deadline: promisedArrival(DEFAULT_CALENDAR, at, district), requestId: requestId() };
  };
  const insertCall = (v: ReturnType<typeof valuesOf>, customerId: number, productId: number, district: 'city' | 'suburb') => {
    const seq = s.counter.get(2026) as number;
    const number = `BJ01-2026-${String(seq).padStart(6, '0')}`;
    const callId = Number(s.call.run(number, 2026, seq, customerId, productId, '不制冷', district, v.at, v.at.slice(0, 10), v.deadline, v.requestId, clerkId).lastInsertRowid);
    s.event.run(callId, v.at, clerkId, '{"category":"A","proposedCategory":"A","reason":"outOfWarranty"}');
    const prev = s.lastHash.get() as string;
    const after = JSON.stringify({ number, customerId, productId, category: 'A', proposedCategory: 'A', overrideReason: null, deadlineAt: v.deadline });
    const hash = createHash('sha256').update(JSON.stringify([prev, v.at, clerkId, 'clerk1', 'calls.register', 'ok', 'call', number, null, after])).digest('hex');
    s.audit.run(v.at, clerkId, 'clerk1', number, after, prev, hash);
  };
  const knownValues = new Map(runIndexes.map((run) => [run, valuesOf(run, 'city')]));
  const rawKnown = await sample((run) => {
    const { customerId, productId } = known(run);
    sqlite.transaction(() => insertCall(knownValues.get(run)!, customerId, productId, 'city'))();
  }, plan);
  ctx.clock.advanceMs((plan.runs + plan.warmup + 1) * 1000);
  const forRaw = [...newInputs(2)].map(([run, input]) => {
    const c = input.customer.new;
    const p = input.product.new;
    const initials = nameInitials(c.name);
    const digits = c.phones[0]!.replace(/\D/g, '');
    return [run, { c, p, initials, digits, grams: nameGrams(c.name), text: [c.name, initials, digits, c.address, p.serial.toLowerCase()].join(' '), values: valuesOf(run + plan.runs + plan.warmup, c.district) }] as const;
  });
  const rawNewInputs = new Map(forRaw);
  const rawNew = await sample((run) => {
    const { c, p, initials, digits, grams, text, values } = rawNewInputs.get(run)!;
    sqlite.transaction(() => {
      const customerId = Number(s.customer.run(c.name, initials, c.address, c.district, values.at).lastInsertRowid);
      s.phone.run(customerId, c.phones[0], digits);
      for (const gram of grams) s.gram.run(gram, customerId);
      const productId = Number(s.product.run(customerId, p.model, p.serial, p.purchaseDate, values.at).lastInsertRowid);
      s.voucher.run(productId, values.at);
      s.searchDelete.run(customerId);
      s.searchInsert.run(customerId, text);
      insertCall(values, customerId, productId, c.district);
    })();
  }, plan);

  const target = 'p95 ≤ 5 ms, ≤ 5× raw';
  const figure = (key: string, label: string, service: number[], raw: number[]): Figure => {
    const sv = summarize(service);
    const rw = summarize(raw);
    const r = ratio(sv, rw);
    return { key, label, unit: 'ms', service: sv, raw: rw, ratioToRaw: r, target, meetsTarget: sv.p95 <= 5 && r.p95 <= 5 };
  };
  return [
    figure('register.knownCustomer', 'register a call (known customer)', serviceKnown, rawKnown),
    figure('register.newCustomer', 'register a call (new customer + product, search index)', serviceNew, rawNew),
  ];
}
