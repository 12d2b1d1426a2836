import { createRequire } from 'node:module';
import { sql, type Kysely, type Selectable } from 'kysely';
import type * as PinyinPro from 'pinyin-pro';
import type { CustomerView, ProductView } from '../../../src-shared/contract/customers';
import { warrantyEndDate, type WarrantyExclusion } from '../../../src-shared/domain/categories';
import type { DB } from '../db/schema';
import type { CustomersTable, ProductsTable } from '../db/schema-core-flow';

export const phoneDigits = (phone: string) => phone.replace(/\D/g, '');

/** Every one- and two-character piece of a name (王小明: 王 小 明 王小 小明), for fragment search. */
export function nameGrams(name: string): string[] {
  const chars = [...name];
  const grams = new Set<string>();
  chars.forEach((c, i) => {
    grams.add(c);
    if (i + 1 < chars.length) grams.add(c + chars[i + 1]);
  });
  return [...grams];
}

/**
 * pinyin-pro carries its dictionary and takes a noticeable part of start-up to load; only a new or
 * renamed customer needs it. Loaded on first use as the printing packages are (print/packages.ts).
 */
const requirePackage = createRequire(import.meta.url);
let pinyinPro: typeof PinyinPro | null = null;

/** Pinyin initials of a Chinese name, so `wxm` finds 王小明. Latin letters are kept as they are. */
export function nameInitials(name: string): string {
  const { pinyin } = (pinyinPro ??= requirePackage('pinyin-pro') as typeof PinyinPro);
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A customer's details as the clerk gives them (phones as typed; digits are derived). */
export interface NewCustomer {
  name: string;
  phones: string[];
  address: string;
  district: 'city' | 'suburb';
  notes?: string | undefined;
}

export async function insertCustomer(
  db: Kysely<DB>,
  c: NewCustomer,
  at: string,
  /** False when a product of the customer is added next in the same transaction: its indexing covers both. */
  options: { index: boolean } = { index: true },
): Promise<number> {
  // In SQL rather than Kysely's builder, as every statement a registration runs (see repos/calls.ts).
  const { rows } = await sql<{ id: number }>`
    INSERT INTO customers (name, name_initials, address, district, notes, created_at)
    VALUES (${c.name}, ${nameInitials(c.name)}, ${c.address}, ${c.district}, ${c.notes ?? ''}, ${at})
    RETURNING id`.execute(db);
  const customerId = rows[0]!.id;
  const unique = new Map(c.phones.map((p) => [phoneDigits(p), p]));
  for (const [digits, phone] of unique) await sql`INSERT INTO customer_phones (customer_id, phone, digits) VALUES (${customerId}, ${phone}, ${digits})`.execute(db);
  const grams = nameGrams(c.name);
  if (grams.length > 0) await sql`INSERT INTO customer_name_grams (gram, customer_id) VALUES ${sql.join(grams.map((gram) => sql`(${gram}, ${customerId})`))}`.execute(db);
  if (options.index) await reindexCustomer(db, customerId);
  return customerId;
}

/** Replace a customer's details, phones and name grams, and his line in the search index. */
export async function updateCustomer(db: Kysely<DB>, customerId: number, c: NewCustomer): Promise<void> {
  await sql`
    UPDATE customers SET name = ${c.name}, name_initials = ${nameInitials(c.name)}, address = ${c.address}, district = ${c.district}, notes = ${c.notes ?? ''}
    WHERE id = ${customerId}`.execute(db);
  await sql`DELETE FROM customer_phones WHERE customer_id = ${customerId}`.execute(db);
  const unique = new Map(c.phones.map((p) => [phoneDigits(p), p]));
  for (const [digits, phone] of unique) await sql`INSERT INTO customer_phones (customer_id, phone, digits) VALUES (${customerId}, ${phone}, ${digits})`.execute(db);
  await sql`DELETE FROM customer_name_grams WHERE customer_id = ${customerId}`.execute(db);
  const grams = nameGrams(c.name);
  if (grams.length > 0) await sql`INSERT INTO customer_name_grams (gram, customer_id) VALUES ${sql.join(grams.map((gram) => sql`(${gram}, ${customerId})`))}`.execute(db);
  await reindexCustomer(db, customerId);
}

export interface NewProduct {
  model: string;
  serial: string;
  purchaseDate?: string | null | undefined;
  warrantyMonths: number;
  exclusions: WarrantyExclusion[];
  contract?: { number: string; start: string; end: string } | null | undefined;
}

/** A product and its one service voucher, created together. */
export async function insertProduct(db: Kysely<DB>, customerId: number, p: NewProduct, at: string): Promise<number> {
  // Serials are compared case-blind (labels are read off by eye): stored upper-case.
  const { rows } = await sql<{ id: number }>`
    INSERT INTO products (customer_id, model, serial, purchase_date, warranty_months, exclusions_json, contract_number, contract_start, contract_end, created_at)
    VALUES (${customerId}, ${p.model}, ${p.serial.toUpperCase()}, ${p.purchaseDate ?? null}, ${p.warrantyMonths}, ${JSON.stringify(p.exclusions)},
      ${p.contract?.number ?? null}, ${p.contract?.start ?? null}, ${p.contract?.end ?? null}, ${at})
    RETURNING id`.execute(db);
  const productId = rows[0]!.id;
  await sql`INSERT INTO vouchers (product_id, created_at) VALUES (${productId}, ${at})`.execute(db);
  await reindexCustomer(db, customerId);
  return productId;
}

/** Replace a product's details (its customer and voucher stay), and its customer's line in the search index. */
export async function updateProduct(db: Kysely<DB>, productId: number, customerId: number, p: NewProduct): Promise<void> {
  await sql`
    UPDATE products SET model = ${p.model}, serial = ${p.serial.toUpperCase()}, purchase_date = ${p.purchaseDate ?? null}, warranty_months = ${p.warrantyMonths},
      exclusions_json = ${JSON.stringify(p.exclusions)}, contract_number = ${p.contract?.number ?? null}, contract_start = ${p.contract?.start ?? null},
      contract_end = ${p.contract?.end ?? null}
    WHERE id = ${productId}`.execute(db);
  await reindexCustomer(db, customerId);
}

/** Rewrite the customer's line in the trigram index: name, initials, phones, address and serials. */
async function reindexCustomer(db: Kysely<DB>, customerId: number): Promise<void> {
  const customer = (await sql<{ name: string; name_initials: string; address: string }>`SELECT name, name_initials, address FROM customers WHERE id = ${customerId}`.execute(db)).rows[0]!;
  const phones = (await sql<{ digits: string }>`SELECT digits FROM customer_phones WHERE customer_id = ${customerId}`.execute(db)).rows;
  const serials = (await sql<{ serial: string }>`SELECT serial FROM products WHERE customer_id = ${customerId}`.execute(db)).rows;
  const text = [customer.name, customer.name_initials, ...phones.map((p) => p.digits), customer.address, ...serials.map((s) => s.serial.toLowerCase())].join(' ');
  await sql`DELETE FROM customer_search WHERE rowid = ${customerId}`.execute(db);
  await sql`INSERT INTO customer_search (rowid, text) VALUES (${customerId}, ${text})`.execute(db);
}

/**
 * A one- or two-character Chinese fragment may sit inside a longer name (小明 in 王小明), which no
 * prefix index finds: the name's pieces are indexed for it (customer_name_grams).
 */
const isChineseFragment = (needle: string) => (/[\u4e00-\u9fff]/.test(needle) ? 1 : 0);

/**
 * Customer ids matching a search-as-you-type query. Three or more characters use the trigram index
 * (any substring of name, phone, address or serial); one or two use prefix indexes (a third of Chinese
 * names have two characters, which trigrams cannot see).
 */
export async function searchCustomerIds(db: Kysely<DB>, rawQuery: string, limit: number): Promise<number[]> {
  const query = rawQuery.trim().toLowerCase();
  const digits = phoneDigits(query);
  const isPhoneLike = /^[0-9+\-() ]+$/.test(query);
  const needle = isPhoneLike ? digits : query;
  if ([...needle].length >= 3) {
    const rows = await sql<{ rowid: number }>`
      SELECT rowid FROM customer_search WHERE customer_search MATCH ${'"' + needle.replace(/"/g, '""') + '"'}
      ORDER BY rowid DESC LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => r.rowid);
  }
  // One or two characters match a large part of the file (every phone starts with 1): each way of
  // matching stops at `limit` rows in its own index order, so a keystroke never collects them all.
  // The clerk sees some matches at once and the right ones as the query grows.
  const upper = needle + '\uffff';
  const serial = needle.toUpperCase();
  const rows = await sql<{ id: number }>`
    SELECT id FROM (
      SELECT * FROM (SELECT id FROM customers WHERE name >= ${needle} AND name < ${upper} LIMIT ${limit})
      UNION SELECT * FROM (SELECT id FROM customers WHERE name_initials >= ${needle} AND name_initials < ${upper} LIMIT ${limit})
      UNION SELECT * FROM (SELECT customer_id AS id FROM customer_phones WHERE digits >= ${needle} AND digits < ${upper} LIMIT ${limit})
      UNION SELECT * FROM (SELECT customer_id AS id FROM products WHERE serial >= ${serial} AND serial < ${serial + '\uffff'} LIMIT ${limit})
      UNION SELECT * FROM (SELECT customer_id AS id FROM customer_name_grams WHERE ${isChineseFragment(needle)} AND gram = ${needle} ORDER BY customer_id DESC LIMIT ${limit})
    ) ORDER BY id DESC LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => r.id);
}

type ProductRow = Selectable<ProductsTable> & { voucher_id: number };

export function toProductView(p: ProductRow): ProductView {
  return {
    id: p.id,
    customerId: p.customer_id,
    model: p.model,
    serial: p.serial,
    purchaseDate: p.purchase_date,
    warrantyMonths: p.warranty_months,
    warrantyEnd: warrantyEndDate({ purchaseDate: p.purchase_date, warrantyMonths: p.warranty_months }),
    exclusions: JSON.parse(p.exclusions_json) as WarrantyExclusion[],
    contract: p.contract_number && p.contract_start && p.contract_end ? { number: p.contract_number, start: p.contract_start, end: p.contract_end } : null,
    voucherId: p.voucher_id,
  };
}

/**
 * Full views of the given customers, in the order of `ids`. The ids go in as one JSON array: three
 * statements of fixed text whatever the number of ids (search as you type calls this on every keystroke).
 */
export async function loadCustomerViews(db: Kysely<DB>, ids: number[]): Promise<CustomerView[]> {
  if (ids.length === 0) return [];
  const idList = JSON.stringify(ids);
  const customers = (await sql<Selectable<CustomersTable>>`SELECT * FROM customers WHERE id IN (SELECT value FROM json_each(${idList}))`.execute(db)).rows;
  const phones = (await sql<{ customer_id: number; phone: string }>`
    SELECT customer_id, phone FROM customer_phones WHERE customer_id IN (SELECT value FROM json_each(${idList})) ORDER BY customer_id, digits`.execute(db)).rows;
  const products = (await sql<ProductRow>`
    SELECT products.*, vouchers.id AS voucher_id FROM products JOIN vouchers ON vouchers.product_id = products.id
    WHERE products.customer_id IN (SELECT value FROM json_each(${idList})) ORDER BY products.id`.execute(db)).rows;
  const byId = new Map(customers.map((c) => [c.id, c]));
  return ids.flatMap((id) => {
    const c = byId.get(id);
    if (!c) return [];
    return [
      {
        id: c.id,
        name: c.name,
        phones: phones.filter((p) => p.customer_id === id).map((p) => p.phone),
        address: c.address,
        district: c.district,
        notes: c.notes,
        products: products.filter((p) => p.customer_id === id).map(toProductView),
      },
    ];
  });
}

export type CustomerForCall = Pick<Selectable<CustomersTable>, 'id' | 'name' | 'address' | 'district'> & { phone: string | null };

/**
 * What a call shows of its customer: name, address, district and the first phone (the same phone the
 * book's summaries pick, by the same subquery). One row, where a full view would read every product.
 * In SQL rather than Kysely's builder: every registration runs it (see repos/calls.ts).
 */
export async function findCustomerForCall(db: Kysely<DB>, customerId: number): Promise<CustomerForCall | undefined> {
  const { rows } = await sql<CustomerForCall>`
    SELECT id, name, address, district,
      (SELECT phone FROM customer_phones WHERE customer_phones.customer_id = customers.id LIMIT 1) AS phone
    FROM customers WHERE id = ${customerId}`.execute(db);
  return rows[0];
}

/** One product with its voucher. In SQL rather than Kysely's builder: every registration runs it (see repos/calls.ts). */
export async function loadProductView(db: Kysely<DB>, productId: number): Promise<ProductView | undefined> {
  const { rows } = await sql<ProductRow>`
    SELECT products.*, vouchers.id AS voucher_id
    FROM products JOIN vouchers ON vouchers.product_id = products.id
    WHERE products.id = ${productId}`.execute(db);
  return rows[0] ? toProductView(rows[0]) : undefined;
}
