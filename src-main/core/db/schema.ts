import type { Generated } from 'kysely';
import type { CashTables } from './schema-cash';
import type { CoreFlowTables } from './schema-core-flow';
import type { PrintTables } from './schema-print';
import type { ReportTables } from './schema-reports';
import type { SyncTables } from './schema-sync';

/**
 * The branch database, as Kysely sees it. Hand-kept next to the migrations: a test migrates an empty
 * database and compares every table and column here with what SQLite reports.
 */
export interface BranchTable {
  id: number;
  code: string;
  name: string;
  address: string;
  phone: string;
  time_zone: Generated<string>;
  created_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'clerk' | 'supervisor' | 'technician' | 'manager' | 'admin';
  password_hash: string;
  language: Generated<'zh-CN' | 'en'>;
  is_active: Generated<0 | 1>;
  failed_logins: Generated<number>;
  last_failed_at: string | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string | null;
  method: string;
  outcome: 'ok' | 'denied';
  entity: string | null;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface DB extends SyncTables, CoreFlowTables, ReportTables, PrintTables, CashTables {
  branch: BranchTable;
  users: UsersTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
}
