import type { Generated } from 'kysely';

/** migrations/0005_print_log.ts */
export interface PrintLogTable {
  id: Generated<number>;
  form: string;
  record_key: string;
  paper: string;
  language: string;
  printed_at: string;
  user_id: number;
}

export interface PrintTables {
  print_log: PrintLogTable;
}
