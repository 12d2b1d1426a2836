import type { Generated } from 'kysely';
import type { CallStatus } from '../../../src-shared/domain/call-states';
import type { ServiceCategory } from '../../../src-shared/domain/categories';

/** Tables of the repair-call flow (migrations/0003_core_flow.ts). */
type CustomerCategory = Exclude<ServiceCategory, 'D'>;

export interface CustomersTable {
  id: Generated<number>;
  name: string;
  name_initials: string;
  address: string;
  district: 'city' | 'suburb';
  notes: Generated<string>;
  created_at: string;
}

export interface CustomerPhonesTable {
  customer_id: number;
  phone: string;
  digits: string;
}

export interface ProductsTable {
  id: Generated<number>;
  customer_id: number;
  model: string;
  serial: string;
  purchase_date: string | null;
  warranty_months: number;
  exclusions_json: Generated<string>;
  contract_number: string | null;
  contract_start: string | null;
  contract_end: string | null;
  created_at: string;
}

export interface BookCountersTable {
  book: string;
  year: number;
  last_seq: number;
}

export interface VouchersTable {
  id: Generated<number>;
  product_id: number;
  created_at: string;
}

export interface CallsTable {
  id: Generated<number>;
  number: string;
  year: number;
  seq: number;
  customer_id: number;
  product_id: number;
  fault: string;
  category: CustomerCategory;
  proposed_category: CustomerCategory;
  override_reason: string | null;
  district: 'city' | 'suburb';
  called_at: string;
  business_date: string;
  deadline_at: string;
  status: CallStatus;
  technician_id: number | null;
  dispatched_at: string | null;
  first_dispatch_date: string | null;
  arrived_at: string | null;
  is_late: Generated<0 | 1>;
  finished_at: string | null;
  work_done: string | null;
  work_started_at: string | null;
  work_ended_at: string | null;
  labour_fee_fen: Generated<number>;
  parts_fee_fen: Generated<number>;
  payment: 'cash' | 'invoice' | null;
  cancel_reason: string | null;
  closed_at: string | null;
  client_request_id: string | null;
  created_by: number;
}

export interface CallEventsTable {
  id: Generated<number>;
  call_id: number;
  at: string;
  user_id: number;
  event: string;
  details_json: Generated<string>;
}

export interface PartLineColumns {
  id: Generated<number>;
  part_no: string;
  name: string;
  quantity: number;
  serial: string | null;
  unit_price_fen: number;
}

export interface OnsitePartsTable extends PartLineColumns {
  call_id: number;
}

export interface VoucherEntriesTable {
  id: Generated<number>;
  voucher_id: number;
  call_id: number;
  kind: 'finishedOnSite' | 'takenIn' | 'returned';
  at: string;
  category: CustomerCategory;
  technician_id: number | null;
  work_done: string;
  parts_text: Generated<string>;
  fee_fen: Generated<number>;
  signer_name: string;
  signature_png: string | null;
}

export interface ReceiptsTable {
  id: Generated<number>;
  number: string;
  year: number;
  seq: number;
  call_id: number;
  issued_at: string;
  condition: string;
  accessories: string;
  promised_date: string;
  status: 'outstanding' | 'voided';
  voided_at: string | null;
  void_reason: 'returned' | 'lost' | null;
  lost_id_seen: string | null;
  lost_note: string | null;
  voided_by: number | null;
}

export interface GoodsLedgerTable {
  id: Generated<number>;
  receipt_id: number;
  call_id: number;
  product_id: number;
  date_in: string;
  brought_by: number;
  date_out: string | null;
}

export interface RepairCardsTable {
  id: Generated<number>;
  call_id: number;
  receipt_id: number;
  findings: Generated<string>;
  cause: Generated<string>;
  help_requested_at: string | null;
  help_note: string | null;
  signed_off_by: number | null;
  signed_off_at: string | null;
  opened_at: string;
}

export interface RepairLabourTable {
  id: Generated<number>;
  card_id: number;
  technician_id: number;
  started_at: string;
  ended_at: string;
  minutes: number;
  note: Generated<string>;
  is_amendment: Generated<0 | 1>;
}

export interface RepairPartsTable extends PartLineColumns {
  card_id: number;
  is_amendment: Generated<0 | 1>;
}

export interface CoreFlowTables {
  customers: CustomersTable;
  customer_phones: CustomerPhonesTable;
  products: ProductsTable;
  customer_search: { rowid: number; text: string };
  /** migrations/0008_customer_name_grams.ts */
  customer_name_grams: { gram: string; customer_id: number };
  book_counters: BookCountersTable;
  vouchers: VouchersTable;
  calls: CallsTable;
  call_events: CallEventsTable;
  onsite_parts: OnsitePartsTable;
  voucher_entries: VoucherEntriesTable;
  receipts: ReceiptsTable;
  goods_ledger: GoodsLedgerTable;
  repair_cards: RepairCardsTable;
  repair_labour: RepairLabourTable;
  repair_parts: RepairPartsTable;
}
