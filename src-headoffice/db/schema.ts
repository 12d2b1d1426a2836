import type { Generated } from 'kysely';

/** The head-office database, on SQLite or PostgreSQL alike. Instants are UTC ISO text, days `yyyy-MM-dd`. */
export interface BranchesTable {
  code: string;
  name: string;
  /** The HMAC key shared with the branch. Stored as is: verifying a MAC needs the key itself. */
  secret: string;
  created_at: string;
  secret_rotated_at: string | null;
}

export interface AdminTokensTable {
  id: Generated<number>;
  name: string;
  /** sha256 of the token; the token itself is shown once, when created. */
  token_hash: string;
  created_at: string;
}

export interface RequestNoncesTable {
  branch_code: string;
  nonce: string;
  received_at: string;
}

/** Every revision of every report ever accepted, with the envelope exactly as received. */
export interface ReportsTable {
  id: Generated<number>;
  branch_code: string;
  kind: 'technician' | 'supervisor';
  report_date: string;
  /** The technician's code, or '' for a supervisor report (so the identity is unique on both databases). */
  technician_key: string;
  revision: number;
  content_hash: string;
  signed_at: string;
  signed_by: string;
  envelope_json: string;
  received_at: string;
}

/** One row per report (all revisions): which revision is the one to show. */
export interface ReportHeadsTable {
  branch_code: string;
  kind: 'technician' | 'supervisor';
  report_date: string;
  technician_key: string;
  latest_revision: number;
  latest_report_id: number;
}

/** Minutes by technician and category, unpacked from each report for the hours views. */
export interface ReportMinutesTable {
  report_id: number;
  technician_code: string;
  technician_name: string;
  category: 'A' | 'B' | 'C' | 'D';
  minutes: number;
}

/** The day's call counts of a supervisor report. */
export interface ReportCountsTable {
  report_id: number;
  received: number;
  dispatched: number;
  finished_on_site: number;
  taken_in: number;
  returned: number;
  late: number;
  open_at_day_end: number;
}

export interface HeadOfficeDB {
  branches: BranchesTable;
  admin_tokens: AdminTokensTable;
  request_nonces: RequestNoncesTable;
  reports: ReportsTable;
  report_heads: ReportHeadsTable;
  report_minutes: ReportMinutesTable;
  report_counts: ReportCountsTable;
}
