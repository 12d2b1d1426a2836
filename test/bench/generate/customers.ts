import type Database from 'better-sqlite3';
import { warrantyEndDate, type WarrantyExclusion, WARRANTY_EXCLUSIONS } from '../../../src-shared/domain/categories';
import { nameGrams, nameInitials, phoneDigits } from '../../../src-main/core/repos/customers';
import { localDate } from './business-time';
import { address, customerName, phone } from './people';
import { Random } from './random';
import { BENCH_NOW, BENCH_START, type Scale } from './scale';
import { PRODUCT_KINDS } from './vocabulary';

export const SALT = Object.freeze({ customer: 1, product: 2, extraProducts: 3, call: 4, adminTask: 5 });

export interface ProductFacts {
  id: number;
  customerIndex: number;
  kind: number;
  model: string;
  serial: string;
  createdAt: number;
  purchaseDate: string | null;
  warrantyMonths: number;
  exclusions: WarrantyExclusion[];
  contract: { number: string; start: string; end: string } | null;
  /** The product's own warrantyEndDate, computed once per product. */
  warrantyEnd: string | null;
}

/** What the call generator needs to know about the customer file, kept in memory. */
export interface CustomerFile {
  names: string[];
  districts: Array<'city' | 'suburb'>;
  createdAt: Float64Array;
  /** Products of customer i: products[productStart[i] .. productStart[i + 1]) (sorted by id). */
  productStart: Int32Array;
  productsOfCustomer: ProductFacts[];
  products: ProductFacts[];
}

const SPAN = BENCH_NOW.getTime() - BENCH_START.getTime();
/** A fifth of the customers came from the paper files when the branch went live; the rest joined evenly since. */
const IMPORTED_SHARE = 0.2;

/** When customer `index` (0-based) was created: index < existingAt(t) ⇔ created at or before t. */
export function customerCreatedAt(index: number, total: number): number {
  const imported = IMPORTED_SHARE * total;
  if (index + 1 <= imported) return BENCH_START.getTime();
  return BENCH_START.getTime() + Math.floor(((index + 1 - imported) / ((1 - IMPORTED_SHARE) * total)) * SPAN) - 1;
}

export function customersExistingAt(ms: number, total: number): number {
  const fraction = Math.min(1, Math.max(0, (ms - BENCH_START.getTime()) / SPAN));
  return Math.max(1, Math.floor(IMPORTED_SHARE * total + (1 - IMPORTED_SHARE) * total * fraction));
}

const SERIAL_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function addMonthsIso(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + months, d - 1)).toISOString().slice(0, 10);
}

function makeProduct(seed: number, productIndex: number, customerIndex: number, createdAt: number): ProductFacts {
  const rng = Random.for(seed, SALT.product, productIndex);
  const kind = rng.weighted([0, 1, 2, 3, 4, 5], [35, 15, 20, 15, 10, 5]);
  const k = PRODUCT_KINDS[kind]!;
  const created = localDate(createdAt);
  const purchaseDate = rng.chance(0.05) ? null : localDate(createdAt - rng.int(0, 600) * 86_400_000);
  let contract: ProductFacts['contract'] = null;
  if (rng.chance(0.08)) {
    const start = localDate(createdAt + rng.int(0, 365) * 86_400_000);
    contract = { number: `HT${start.slice(0, 4)}-${rng.chars('0123456789', 5)}`, start, end: addMonthsIso(start, rng.pick([12, 24, 36])) };
  }
  const warrantyMonths = rng.pick(k.warrantyMonths);
  return {
    id: 0,
    customerIndex,
    kind,
    model: rng.pick(k.modelPrefixes) + rng.pick(k.modelSuffixes),
    serial: `${k.serialPrefix}${created.slice(2, 4)}${rng.chars(SERIAL_CHARS, 8)}`,
    createdAt,
    purchaseDate,
    warrantyMonths,
    exclusions: rng.chance(0.03) ? [rng.pick(WARRANTY_EXCLUSIONS)] : [],
    contract,
    warrantyEnd: warrantyEndDate({ purchaseDate, warrantyMonths }),
  };
}

/** How many products each customer has: one each, and the rest (up to three) spread at random. */
function productCounts(seed: number, scale: Scale): Uint8Array {
  const counts = new Uint8Array(scale.customers).fill(1);
  const rng = Random.for(seed, SALT.extraProducts, 0);
  for (let extra = scale.products - scale.customers; extra > 0; ) {
    const c = rng.int(0, scale.customers - 1);
    if (counts[c]! < 3) {
      counts[c]!++;
      extra--;
    }
  }
  return counts;
}

/** Customers, their phones, products and vouchers, and each customer's line in the trigram index. */
export function fillCustomers(sqlite: Database.Database, scale: Scale, seed: number): CustomerFile {
  const now = BENCH_NOW.getTime();
  const names: string[] = [];
  const districts: Array<'city' | 'suburb'> = [];
  const createdAt = new Float64Array(scale.customers);
  const addresses: string[] = [];
  const phones: string[][] = [];
  const notes: string[] = [];
  for (let i = 0; i < scale.customers; i++) {
    const rng = Random.for(seed, SALT.customer, i);
    const district = rng.chance(0.7) ? 'city' : 'suburb';
    names.push(customerName(rng));
    districts.push(district);
    addresses.push(address(rng, district));
    phones.push(rng.chance(0.25) ? [phone(rng, rng.chance(0.1)), phone(rng, true)] : [phone(rng, rng.chance(0.05))]);
    notes.push(rng.chance(0.03) ? rng.pick(['老客户，需提前电话联系', '只在周末在家', '地址难找，小区东门进']) : '');
    createdAt[i] = customerCreatedAt(i, scale.customers);
  }

  const counts = productCounts(seed, scale);
  const products: ProductFacts[] = [];
  for (let c = 0; c < scale.customers; c++) {
    for (let k = 0; k < counts[c]!; k++) {
      const extraRng = Random.for(seed, SALT.extraProducts, products.length + 1);
      const at = k === 0 ? createdAt[c]! : createdAt[c]! + Math.floor(extraRng.next() * (now - createdAt[c]!));
      products.push(makeProduct(seed, products.length, c, at));
    }
  }
  // Ids follow creation time, as they do in a live database.
  products.sort((a, b) => a.createdAt - b.createdAt || a.customerIndex - b.customerIndex);
  products.forEach((p, i) => (p.id = i + 1));

  const productStart = new Int32Array(scale.customers + 1);
  for (const p of products) productStart[p.customerIndex + 1]!++;
  for (let c = 0; c < scale.customers; c++) productStart[c + 1]! += productStart[c]!;
  const productsOfCustomer = new Array<ProductFacts>(products.length);
  const fill = productStart.slice(0, scale.customers);
  for (const p of products) productsOfCustomer[fill[p.customerIndex]!++] = p;

  const initialsCache = new Map<string, string>();
  const initialsOf = (name: string) => {
    let v = initialsCache.get(name);
    if (v === undefined) initialsCache.set(name, (v = nameInitials(name)));
    return v;
  };
  const insertCustomer = sqlite.prepare('INSERT INTO customers (id, name, name_initials, address, district, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertPhone = sqlite.prepare('INSERT INTO customer_phones (customer_id, phone, digits) VALUES (?, ?, ?)');
  const insertSearch = sqlite.prepare('INSERT INTO customer_search (rowid, text) VALUES (?, ?)');
  const insertGram = sqlite.prepare('INSERT INTO customer_name_grams (gram, customer_id) VALUES (?, ?)');
  const insertProduct = sqlite.prepare(
    'INSERT INTO products (id, customer_id, model, serial, purchase_date, warranty_months, exclusions_json, contract_number, contract_start, contract_end, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertVoucher = sqlite.prepare('INSERT INTO vouchers (id, product_id, created_at) VALUES (?, ?, ?)');

  sqlite.transaction(() => {
    for (let c = 0; c < scale.customers; c++) {
      const id = c + 1;
      const name = names[c]!;
      const initials = initialsOf(name);
      insertCustomer.run(id, name, initials, addresses[c], districts[c], notes[c], new Date(createdAt[c]!).toISOString());
      const unique = new Map(phones[c]!.map((p) => [phoneDigits(p), p]));
      const digits = [...unique.keys()].sort();
      for (const d of digits) insertPhone.run(id, unique.get(d), d);
      const serials = productsOfCustomer.slice(productStart[c], productStart[c + 1]).map((p) => p.serial.toLowerCase());
      // The same line the product's reindexCustomer writes: name, initials, phone digits, address, serials.
      insertSearch.run(id, [name, initials, ...digits, addresses[c], ...serials].join(' '));
      // The name's one- and two-character pieces, as the product's insertCustomer writes them.
      for (const gram of nameGrams(name)) insertGram.run(gram, id);
    }
    for (const p of products) {
      const at = new Date(p.createdAt).toISOString();
      insertProduct.run(p.id, p.customerIndex + 1, p.model, p.serial, p.purchaseDate, p.warrantyMonths, JSON.stringify(p.exclusions), p.contract?.number ?? null, p.contract?.start ?? null, p.contract?.end ?? null, at);
      insertVoucher.run(p.id, p.id, at);
    }
  })();
  return { names, districts, createdAt, productStart, productsOfCustomer, products };
}
