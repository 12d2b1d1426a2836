import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_sync_outbox';
import * as m0003 from './0003_core_flow';
import * as m0004 from './0004_daily_reports';
import * as m0005 from './0005_print_log';
import * as m0006 from './0006_hot_query_indexes';
import * as m0007 from './0007_cash_handovers';
import * as m0008 from './0008_customer_name_grams';
import * as m0009 from './0009_month_summary_indexes';

/**
 * The branch database's migrations, in order. A static map (not a folder scan) so the Electron bundle
 * carries them. Forward-only: a released migration is never edited.
 */
export const branchMigrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001_foundation': m0001,
  '0002_sync_outbox': m0002,
  '0003_core_flow': m0003,
  '0004_daily_reports': m0004,
  '0005_print_log': m0005,
  '0006_hot_query_indexes': m0006,
  '0007_cash_handovers': m0007,
  '0008_customer_name_grams': m0008,
  '0009_month_summary_indexes': m0009,
});
