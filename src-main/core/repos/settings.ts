import { sql, type Kysely } from 'kysely';
import { DEFAULT_CALENDAR, parseCalendar, type WorkingCalendar } from '../../../src-shared/domain/working-calendar';
import { DEFAULT_PRINT_SETTINGS, printSettingsSchema, type PrintSettings } from '../../../src-shared/contract/print';
import type { DB } from '../db/schema';

const CALENDAR_KEY = 'workingCalendar';
const PRINT_KEY = 'print';

/** The branch's business hours, holidays and 调休 days; the default until an admin sets them. */
/**
 * The last calendar read, by its stored text. Every board refresh and keystroke reads the calendar;
 * handing back the same object while the text is unchanged saves the parse, and lets the working-hours
 * clock keep its per-calendar memo of business-hour spans from one operation to the next. Calendars are
 * never changed in place: a saved setting is new text, hence a new object.
 */
let lastCalendar: { text: string; calendar: WorkingCalendar } | null = null;

export async function loadCalendar(db: Kysely<DB>): Promise<WorkingCalendar> {
  // In SQL rather than Kysely's builder: most operations read it, every registration does (see repos/calls.ts).
  const { rows } = await sql<{ value_json: string }>`SELECT value_json FROM settings WHERE key = ${CALENDAR_KEY}`.execute(db);
  const row = rows[0];
  if (!row) return DEFAULT_CALENDAR;
  if (lastCalendar?.text !== row.value_json) lastCalendar = { text: row.value_json, calendar: parseCalendar(JSON.parse(row.value_json)) };
  return lastCalendar.calendar;
}

export async function saveCalendar(db: Kysely<DB>, calendar: WorkingCalendar, at: string): Promise<void> {
  await saveSetting(db, CALENDAR_KEY, calendar, at);
}

/** Paper and printers per form; the defaults (A5, the system's default printer) until an admin sets them. */
export async function loadPrintSettings(db: Kysely<DB>): Promise<PrintSettings> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', PRINT_KEY).executeTakeFirst();
  return row ? printSettingsSchema.parse(JSON.parse(row.value_json)) : DEFAULT_PRINT_SETTINGS;
}

export async function savePrintSettings(db: Kysely<DB>, settings: PrintSettings, at: string): Promise<void> {
  await saveSetting(db, PRINT_KEY, settings, at);
}

async function saveSetting(db: Kysely<DB>, key: string, value: unknown, at: string): Promise<void> {
  const value_json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value_json, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json, updated_at: at }))
    .execute();
}
