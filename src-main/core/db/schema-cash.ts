import type { Generated } from 'kysely';

/** migrations/0007_cash_handovers.ts */
export interface CashHandoversTable {
  id: Generated<number>;
  business_date: string;
  technician_id: number;
  expected_fen: number;
  received_fen: number;
  note: string | null;
  received_by: number;
  received_at: string;
}

export interface CashHandoverJobsTable {
  handover_id: number;
  call_id: number;
  amount_fen: number;
}

export interface CashTables {
  cash_handovers: CashHandoversTable;
  cash_handover_jobs: CashHandoverJobsTable;
}
