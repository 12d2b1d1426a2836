import type Database from 'better-sqlite3';
import { phoneDigits } from '../../../src-main/core/repos/customers';

/**
 * The raw baselines: hand-written statements that give the same answer as the product's queries,
 * prepared once on the app's own connection, with only the mapping a caller cannot do without. Where
 * the product's SQL is already the best plan (the trigram lookup, the prefix union) the raw side runs
 * that same SQL, so the ratio is the cost of everything around it (router, validation, transaction,
 * Kysely, mapping).
 */

const CALL_SUMMARY = `SELECT calls.*, customers.name AS customer_name, customers.address AS customer_address, products.model AS product_model,
  products.serial AS product_serial, tech.display_name AS technician_name,
  (SELECT phone FROM customer_phones WHERE customer_phones.customer_id = calls.customer_id LIMIT 1) AS customer_phone
  FROM calls JOIN customers ON customers.id = calls.customer_id JOIN products ON products.id = calls.product_id
  LEFT JOIN users tech ON tech.id = calls.technician_id`;

export type RawQueries = ReturnType<typeof prepareRawQueries>;

export function prepareRawQueries(sqlite: Database.Database) {
  const trigram = sqlite.prepare('SELECT rowid FROM customer_search WHERE customer_search MATCH ? ORDER BY rowid DESC LIMIT ?').pluck();
  const prefix = sqlite
    .prepare(
      // The product's own statement (repos/customers.ts searchCustomerIds): each way of matching stops
      // at the limit in its own index order, a Chinese fragment is looked up in the name grams.
      `SELECT id FROM (
        SELECT * FROM (SELECT id FROM customers WHERE name >= @needle AND name < @upper LIMIT @limit)
        UNION SELECT * FROM (SELECT id FROM customers WHERE name_initials >= @needle AND name_initials < @upper LIMIT @limit)
        UNION SELECT * FROM (SELECT customer_id AS id FROM customer_phones WHERE digits >= @needle AND digits < @upper LIMIT @limit)
        UNION SELECT * FROM (SELECT customer_id AS id FROM products WHERE serial >= @serial AND serial < @serialUpper LIMIT @limit)
        UNION SELECT * FROM (SELECT customer_id AS id FROM customer_name_grams WHERE @chinese AND gram = @needle ORDER BY customer_id DESC LIMIT @limit)
      ) ORDER BY id DESC LIMIT @limit`,
    )
    .pluck();
  const customers = sqlite.prepare('SELECT * FROM customers WHERE id IN (SELECT value FROM json_each(?))');
  const phones = sqlite.prepare('SELECT customer_id, phone FROM customer_phones WHERE customer_id IN (SELECT value FROM json_each(?))');
  const products = sqlite.prepare(
    'SELECT products.*, vouchers.id AS voucher_id FROM products JOIN vouchers ON vouchers.product_id = products.id WHERE products.customer_id IN (SELECT value FROM json_each(?)) ORDER BY products.id',
  );
  // The page's ids from the calls index alone, then the joined rows of that page only.
  const callsOfCustomers = sqlite.prepare(
    `${CALL_SUMMARY} WHERE calls.id IN (SELECT id FROM calls WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT ?) ORDER BY calls.id DESC`,
  );
  const callsByNumber = sqlite.prepare(`${CALL_SUMMARY} WHERE calls.number >= ? AND calls.number < ? ORDER BY calls.number DESC LIMIT ?`);
  const latestCalls = sqlite.prepare(`${CALL_SUMMARY} ORDER BY calls.id DESC LIMIT ?`);
  // The board's first page in board order (carried over first, then by deadline) and how many wait in all.
  const boardPage = sqlite.prepare(
    `${CALL_SUMMARY} WHERE calls.id IN (
      SELECT id FROM calls WHERE status IN ('registered', 'dispatched')
      ORDER BY CASE WHEN first_dispatch_date IS NULL THEN status = 'registered' AND business_date < ? ELSE first_dispatch_date > business_date END DESC, deadline_at, id
      LIMIT ?)`,
  );
  const waitingCount = sqlite.prepare("SELECT count(*) FROM calls WHERE status IN ('registered', 'dispatched')").pluck();
  const technicianLoads = sqlite.prepare(`SELECT users.id, users.username, users.display_name, count(calls.id) AS open_calls FROM users
    LEFT JOIN calls ON calls.technician_id = users.id AND calls.status IN ('dispatched', 'arrived')
    WHERE users.role = 'technician' AND users.is_active = 1 GROUP BY users.id ORDER BY users.display_name`);

  /** The same ids, in the same order, as the product's searchCustomerIds. */
  function customerIds(rawQuery: string, limit: number): number[] {
    const query = rawQuery.trim().toLowerCase();
    const isPhoneLike = /^[0-9+\-() ]+$/.test(query);
    const needle = isPhoneLike ? phoneDigits(query) : query;
    if ([...needle].length >= 3) return trigram.all(`"${needle.replace(/"/g, '""')}"`, limit) as number[];
    const upper = needle + '\uffff';
    const serial = needle.toUpperCase();
    const chinese = /[\u4e00-\u9fff]/.test(needle) ? 1 : 0;
    return prefix.all({ needle, upper, serial, serialUpper: serial + '\uffff', chinese, limit }) as number[];
  }

  function customerViews(ids: number[]) {
    const json = JSON.stringify(ids);
    const rows = customers.all(json) as Array<{ id: number }>;
    const phoneRows = phones.all(json) as Array<{ customer_id: number; phone: string }>;
    const productRows = products.all(json) as Array<{ customer_id: number; exclusions_json: string }>;
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const c = byId.get(id);
      if (!c) return [];
      return [{ ...c, phones: phoneRows.filter((p) => p.customer_id === id).map((p) => p.phone), products: productRows.filter((p) => p.customer_id === id).map((p) => ({ ...p, exclusions: JSON.parse(p.exclusions_json) as string[] })) }];
    });
  }

  return {
    customerIds,
    /** customers.search */
    searchCustomers: (query: string, limit: number) => customerViews(customerIds(query, limit)),
    /** calls.list with a search text */
    searchCalls(query: string, limit: number) {
      if (/^[A-Za-z]{2}\d{2}-/.test(query)) return callsByNumber.all(query.toUpperCase(), `${query.toUpperCase()}\uffff`, limit + 1);
      const ids = customerIds(query, 200);
      return callsOfCustomers.all(JSON.stringify(ids), limit + 1);
    },
    /** calls.list, first page of the whole book */
    latestCalls: (limit: number) => latestCalls.all(limit + 1),
    /** calls.dispatchBoard */
    dispatchBoard: (today: string, limit: number) => ({ calls: boardPage.all(today, limit), total: waitingCount.get(), technicians: technicianLoads.all() }),
  };
}
