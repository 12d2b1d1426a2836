import type { Generated } from 'kysely';

/** Tables of the daily reports (migrations/0004_daily_reports.ts). */
export interface AdminTasksTable {
  id: Generated<number>;
  technician_id: number;
  business_date: string;
  kind: 'training' | 'partsHandling' | 'toolUpkeep' | 'inspection' | 'other';
  minutes: number;
  note: Generated<string>;
  created_at: string;
}

export interface TechnicianDaysTable {
  id: Generated<number>;
  technician_id: number;
  business_date: string;
  status: 'confirmed' | 'returned';
  confirmed_at: string;
  body_json: string;
  return_comment: string | null;
  returned_at: string | null;
}

export interface SupervisorDaysTable {
  id: Generated<number>;
  business_date: string;
  revision: number;
  supervisor_id: number;
  supervisor_signed_at: string;
  manager_id: number | null;
  manager_signed_at: string | null;
  body_json: string;
}

export interface ReportTables {
  admin_tasks: AdminTasksTable;
  technician_days: TechnicianDaysTable;
  supervisor_days: SupervisorDaysTable;
}
