import type { Kysely } from 'kysely';
import { DEFAULT_CALENDAR, parseCalendar, type WorkingCalendar } from '../../../src-shared/domain/working-calendar';
import type { DB } from '../db/schema';

const CALENDAR_KEY = 'workingCalendar';

/** The branch's business hours, holidays and 调休 days; the default until an admin sets them. */
export async function loadCalendar(db: Kysely<DB>): Promise<WorkingCalendar> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', CALENDAR_KEY).executeTakeFirst();
  return row ? parseCalendar(JSON.parse(row.value_json)) : DEFAULT_CALENDAR;
}

export async function saveCalendar(db: Kysely<DB>, calendar: WorkingCalendar, at: string): Promise<void> {
  const value_json = JSON.stringify(calendar);
  await db
    .insertInto('settings')
    .values({ key: CALENDAR_KEY, value_json, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json, updated_at: at }))
    .execute();
}
