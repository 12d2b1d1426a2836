import { z } from 'zod';
import { WARRANTY_EXCLUSIONS, type CallCategory, type CategoryReason, type WarrantyExclusion } from '../domain/categories';
import { defineMethod } from './define';
import { businessDate, district, id, optionalText, pageLimit, phone, text } from './common';

export interface ProductView {
  id: number;
  customerId: number;
  model: string;
  serial: string;
  purchaseDate: string | null;
  warrantyMonths: number;
  warrantyEnd: string | null;
  exclusions: WarrantyExclusion[];
  contract: { number: string; start: string; end: string } | null;
  voucherId: number;
}

export interface CustomerView {
  id: number;
  name: string;
  phones: string[];
  address: string;
  district: 'city' | 'suburb';
  notes: string;
  products: ProductView[];
}

/** One search hit: enough to fill the call form without another round trip. */
export type CustomerHit = CustomerView;

export const newCustomer = z
  .object({
    name: text(40),
    phones: z.array(phone).min(1, { error: 'validation.phoneRequired' }).max(5, { error: 'validation.tooMany' }),
    address: text(200),
    district,
    notes: optionalText(500),
  })
  .strict();

export const newProduct = z
  .object({
    model: text(60),
    serial: text(60),
    purchaseDate: businessDate.nullable().optional(),
    warrantyMonths: z.number({ error: 'validation.required' }).int().min(0, { error: 'validation.too_small' }).max(120, { error: 'validation.too_big' }),
    exclusions: z.array(z.enum(WARRANTY_EXCLUSIONS)).max(4).default([]),
    contract: z.object({ number: text(40), start: businessDate, end: businessDate }).strict().nullable().optional(),
  })
  .strict()
  .refine((p) => !p.contract || p.contract.start <= p.contract.end, { error: 'validation.contractDates', path: ['contract', 'end'] });

export const customerMethods = {
  /** Search as you type: a phone fragment, a name fragment (Chinese or pinyin initials), or a serial fragment. */
  'customers.search': defineMethod<CustomerHit[]>()({
    input: z.object({ query: z.string().trim().min(1, { error: 'validation.required' }).max(60), limit: pageLimit(50, 10) }).strict(),
    access: 'calls.read',
    kind: 'query',
  }),
  'customers.get': defineMethod<CustomerView>()({ input: z.object({ customerId: id }).strict(), access: 'calls.read', kind: 'query' }),
  'customers.create': defineMethod<CustomerView>()({ input: newCustomer, access: 'customers.manage', kind: 'command' }),
  /**
   * A customer's name, phones, address, district or notes changed (moved house, a new number). Calls
   * already registered keep the district and promise they were given; the search finds him by the new
   * details only.
   */
  'customers.update': defineMethod<CustomerView>()({
    input: z.object({ customerId: id, customer: newCustomer }).strict(),
    access: 'customers.manage',
    kind: 'command',
  }),
  /** A product at a customer; its service voucher (服务凭证) is created with it. */
  'products.add': defineMethod<ProductView>()({
    input: z.object({ customerId: id, product: newProduct }).strict(),
    access: 'customers.manage',
    kind: 'command',
  }),
  /**
   * A product's details corrected (a serial misread, the purchase date from the invoice, a contract
   * signed). Calls already registered keep the category they were given; the next call is proposed from
   * the new details.
   */
  'products.update': defineMethod<ProductView>()({
    input: z.object({ productId: id, product: newProduct }).strict(),
    access: 'customers.manage',
    kind: 'command',
  }),
  'products.proposeCategory': defineMethod<{ category: CallCategory; reason: CategoryReason }>()({
    input: z.object({ productId: id }).strict(),
    access: 'calls.read',
    kind: 'query',
  }),
} as const;
