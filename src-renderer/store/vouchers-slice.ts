import type { CallDetail, VoucherEntryView } from '../../src-shared/contract/calls';
import type { CustomerHit, ProductView } from '../../src-shared/contract/customers';
import type { ApiError } from '../../src-shared/contract/errors';
import type { ApiClient } from '../api/client';
import type { StoreGet, StoreSet } from './app-store';

export interface VouchersSlice {
  voucherCustomerHits: CustomerHit[];
  voucherCustomer: CustomerHit | null;
  voucherProductId: number | null;
  voucherEntries: VoucherEntryView[];
  voucherLoading: boolean;
  voucherError: ApiError | null;
  /** Customers by phone, name, pinyin initials or serial, as the clerk types; the latest keystroke wins. */
  searchVoucherCustomers(query: string): Promise<void>;
  chooseVoucherCustomer(customerId: number): Promise<void>;
  /** The product's history at this customer: every voucher entry of its calls, oldest first. */
  chooseVoucherProduct(productId: number): Promise<void>;
}

/** Calls of a product, found by its serial (there is no per-product listing yet); a page is plenty for one product. */
async function callsOfProduct(api: ApiClient, product: ProductView) {
  const page = await api.call('calls.list', { query: product.serial, filter: 'all', limit: 200 });
  if (!page.ok) return page;
  return { ok: true as const, data: page.data.calls.filter((c) => c.productId === product.id) };
}

export function createVouchersSlice(api: ApiClient) {
  let searchGeneration = 0;
  let historyGeneration = 0;
  return (set: StoreSet, get: StoreGet): VouchersSlice => ({
    voucherCustomerHits: [],
    voucherCustomer: null,
    voucherProductId: null,
    voucherEntries: [],
    voucherLoading: false,
    voucherError: null,

    async searchVoucherCustomers(query) {
      const mine = ++searchGeneration;
      if (!query.trim()) return set({ voucherCustomerHits: [] });
      const result = await api.call('customers.search', { query, limit: 10 });
      if (mine !== searchGeneration) return;
      if (result.ok) set({ voucherCustomerHits: result.data, voucherError: null });
      else set({ voucherError: result.error });
    },
    async chooseVoucherCustomer(customerId) {
      const customer = get().voucherCustomerHits.find((c) => c.id === customerId) ?? null;
      set({ voucherCustomer: customer, voucherProductId: null, voucherEntries: [] });
      const first = customer?.products[0];
      if (first) await get().chooseVoucherProduct(first.id);
    },
    async chooseVoucherProduct(productId) {
      const mine = ++historyGeneration;
      const product = get().voucherCustomer?.products.find((p) => p.id === productId);
      set({ voucherProductId: productId, voucherEntries: [], voucherLoading: true });
      if (!product) return set({ voucherLoading: false });
      const calls = await callsOfProduct(api, product);
      if (!calls.ok) return set({ voucherLoading: false, voucherError: calls.error });
      const details = await Promise.all(calls.data.map((c) => api.call('calls.get', { callId: c.id })));
      if (mine !== historyGeneration) return;
      const failed = details.find((d) => !d.ok);
      const entries = details
        .filter((d): d is { ok: true; data: CallDetail } => d.ok)
        .flatMap((d) => d.data.voucherEntries)
        .sort((a, b) => a.at.localeCompare(b.at));
      set({ voucherEntries: entries, voucherLoading: false, voucherError: failed && !failed.ok ? failed.error : null });
    },
  });
}
