import type { InputOf } from '../../src-shared/contract';
import type { CustomerHit, CustomerView } from '../../src-shared/contract/customers';
import type { ApiError } from '../../src-shared/contract/errors';
import type { ApiClient } from '../api/client';
import type { StoreGet, StoreSet } from './app-store';
import { latestOnly } from './latest-only';

export interface CustomersSlice {
  customerQuery: string;
  customerList: CustomerHit[];
  /** The customer shown in full (his phones, address and every product), or none. */
  shownCustomer: CustomerView | null;
  customersError: ApiError | null;
  /** Customers by phone, name, pinyin initials or serial as the clerk types; one request out at a time. */
  findCustomers(query: string): Promise<void>;
  showCustomer(customerId: number): Promise<void>;
  createCustomer(input: InputOf<'customers.create'>): Promise<ApiError | null>;
  updateCustomer(input: InputOf<'customers.update'>): Promise<ApiError | null>;
  addProduct(input: InputOf<'products.add'>): Promise<ApiError | null>;
  updateProduct(input: InputOf<'products.update'>, customerId: number): Promise<ApiError | null>;
}

/** Rows of the customers screen's search: more than the register form's eight, still one screen. */
const CUSTOMER_ROWS = 20;

export function createCustomersSlice(api: ApiClient) {
  return (set: StoreSet, get: StoreGet): CustomersSlice => {
    const fetchCustomers = latestOnly(async (outdated) => {
      const query = get().customerQuery.trim();
      if (!query) return set({ customerList: [] });
      const result = await api.call('customers.search', { query, limit: CUSTOMER_ROWS });
      if (outdated()) return;
      if (result.ok) set({ customerList: result.data, customersError: null });
      else set({ customersError: result.error });
    });
    return {
      customerQuery: '',
      customerList: [],
      shownCustomer: null,
      customersError: null,

      findCustomers(customerQuery) {
        set({ customerQuery });
        return fetchCustomers();
      },
      async showCustomer(customerId) {
        const result = await api.call('customers.get', { customerId });
        if (result.ok) set({ shownCustomer: result.data, customersError: null });
        else set({ customersError: result.error });
      },
      async createCustomer(input) {
        const result = await api.call('customers.create', input);
        if (!result.ok) return result.error;
        set({ shownCustomer: result.data });
        return null;
      },
      async updateCustomer(input) {
        const result = await api.call('customers.update', input);
        if (!result.ok) return result.error;
        // The search's rows show the old details until asked again.
        set({ shownCustomer: result.data, customerList: get().customerList.map((c) => (c.id === result.data.id ? result.data : c)) });
        return null;
      },
      async updateProduct(input, customerId) {
        const result = await api.call('products.update', input);
        if (!result.ok) return result.error;
        await get().showCustomer(customerId);
        return null;
      },
      async addProduct(input) {
        const result = await api.call('products.add', input);
        if (!result.ok) return result.error;
        // The customer again, with the new product (and its voucher) in place.
        await get().showCustomer(input.customerId);
        return null;
      },
    };
  };
}
