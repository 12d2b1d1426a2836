import { TZDate, tzOffset } from '@date-fns/tz';
import type { IsoWeekday, TimeRange, WorkingCalendar } from './working-calendar';

/**
 * The working-hours clock of the dispatch promise: time counts only inside business hours, skipping nights,
 * lunch, weekends and holidays and honouring 调休 days. Working time is real elapsed time, so a business day
 * that spans a daylight-saving change is an hour shorter or longer. The clock walks day by day (never minute
 * by minute): a call before a ten-day Spring Festival costs a dozen steps.
 */

/** City or suburb: the customer's district class sets the dispatch promise. */
export type DistrictClass = 'city' | 'suburb';

/** Arrive within 6 working hours of the call in the city, 7 in the suburbs. */
export const PROMISE_HOURS: Readonly<Record<DistrictClass, number>> = Object.freeze({ city: 6, suburb: 7 });

const MINUTE_MS = 60_000;
/** About three years: a calendar closed this long is misconfigured (e.g. a holiday list covering every open day); fail instead of spinning. */
const MAX_CLOSED_DAYS = 3 * 366;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An explicit offset is required: without one, Date.parse would read the string in the host's zone.
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** One stretch of business hours, as UTC epoch milliseconds, start < end. */
interface Span {
  start: number;
  end: number;
}

/** True for a 'yyyy-MM-dd' that names a real day (rejects 2026-02-30). Pure UTC arithmetic: no zone involved. */
export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseInstant(iso: string): number {
  const ms = UTC_ISO.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO instant with a time zone offset: ${iso}`);
  return ms;
}

function assertLocalDate(localDate: string): void {
  if (!isLocalDate(localDate)) throw new RangeError(`Not a 'yyyy-MM-dd' date: ${localDate}`);
}

/** The year, month (1-12) and day of a 'yyyy-MM-dd'. */
function dateParts(localDate: string): [number, number, number] {
  return localDate.split('-').map(Number) as [number, number, number];
}

/**
 * Date-only arithmetic on the proleptic calendar, done in UTC because a date has no zone: no daylight-saving
 * day can skew it, and it is an order of magnitude cheaper than a zoned date-fns round trip (it runs per day walked).
 */
function shiftDate(localDate: string, days: number): string {
  const [year, month, day] = dateParts(localDate);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function isoWeekdayOf(localDate: string): IsoWeekday {
  const [year, month, day] = dateParts(localDate);
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7) as IsoWeekday;
}

/**
 * One formatter per time zone: building an Intl formatter is the expensive part, and every operation
 * asks for "today" (and the promise for a deadline) in the branch's zone. Parts, not the formatted
 * string, so that no locale's date layout is relied on.
 */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateAt(cal: WorkingCalendar, ms: number): string {
  let formatter = dateFormatters.get(cal.timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: cal.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' });
    dateFormatters.set(cal.timeZone, formatter);
  }
  let year = '';
  let month = '';
  let day = '';
  for (const part of formatter.formatToParts(ms)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

/**
 * Maps 'HH:mm' on a local date to the instant it names. Most days have one UTC offset, so the day's offset is
 * looked up once and each result is checked against the offset at that instant (cheap); only where they differ
 * (a daylight-saving day) does TZDate resolve the wall time, moving a time inside a spring-forward gap after it.
 */
function wallClockOf(cal: WorkingCalendar, localDate: string): (hhmm: string) => number {
  const [year, month, day] = dateParts(localDate);
  const noonAsUtc = Date.UTC(year, month - 1, day, 12);
  const dayOffsetMs = tzOffset(cal.timeZone, new Date(noonAsUtc)) * MINUTE_MS;
  return (hhmm) => {
    const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
    const candidate = Date.UTC(year, month - 1, day, hours, minutes) - dayOffsetMs;
    if (tzOffset(cal.timeZone, new Date(candidate)) * MINUTE_MS === dayOffsetMs) return candidate;
    return new TZDate(year, month - 1, day, hours, minutes, cal.timeZone).getTime();
  };
}

/**
 * The business hours of a local date: a 调休 day works makeUpHours, a holiday is closed, any other day
 * follows its weekday. (The schema keeps a date out of both lists, so the order of the checks is moot.)
 */
export function hoursOn(cal: WorkingCalendar, localDate: string): readonly TimeRange[] {
  assertLocalDate(localDate);
  if (cal.makeUpWorkdays.includes(localDate)) return cal.makeUpHours;
  if (cal.holidays.includes(localDate)) return [];
  return cal.weekly[isoWeekdayOf(localDate)];
}

/**
 * A day's spans, remembered per calendar object: time-zone arithmetic is the cost here, and a board
 * of hundreds of calls asks for the same few days again and again. A calendar is never changed in
 * place (a new setting is a new object), so its entries never go stale; they go with the object.
 */
const spansByCalendar = new WeakMap<WorkingCalendar, Map<string, readonly Span[]>>();

function spansOn(cal: WorkingCalendar, localDate: string): readonly Span[] {
  let byDate = spansByCalendar.get(cal);
  if (!byDate) spansByCalendar.set(cal, (byDate = new Map()));
  let spans = byDate.get(localDate);
  if (!spans) byDate.set(localDate, (spans = computeSpansOn(cal, localDate)));
  return spans;
}

function computeSpansOn(cal: WorkingCalendar, localDate: string): readonly Span[] {
  const hours = hoursOn(cal, localDate);
  if (hours.length === 0) return [];
  const instantAt = wallClockOf(cal, localDate);
  return Object.freeze(
    hours
      .map((range) => Object.freeze({ start: instantAt(range.start), end: instantAt(range.end) }))
      .filter((span) => span.start < span.end)
      .sort((a, b) => a.start - b.start),
  );
}

/**
 * Business-hour spans in time order, disjoint, from the local day before `fromMs` on (a range ending at
 * 24:00 the day before closes exactly at `fromMs`'s midnight). Spans are clipped against the previous one
 * so that daylight-saving oddities never count the same instant twice. Stops after `untilMs`'s day;
 * without an end it throws once it has seen ~3 years of closed days.
 */
function* workingSpans(cal: WorkingCalendar, fromMs: number, untilMs = Number.POSITIVE_INFINITY): Generator<Span> {
  const lastDate = Number.isFinite(untilMs) ? dateAt(cal, untilMs) : null;
  let date = shiftDate(dateAt(cal, fromMs), -1);
  let previousEnd = Number.NEGATIVE_INFINITY;
  let closedDays = 0;
  while (lastDate === null || date <= lastDate) {
    const spans = spansOn(cal, date);
    closedDays = spans.length > 0 ? 0 : closedDays + 1;
    if (lastDate === null && closedDays > MAX_CLOSED_DAYS) {
      throw new Error(`The working calendar has no business hours in the ${MAX_CLOSED_DAYS} days up to ${date}.`);
    }
    for (const span of spans) {
      const start = Math.max(span.start, previousEnd);
      if (start >= span.end) continue;
      previousEnd = span.end;
      yield { start, end: span.end };
    }
    date = shiftDate(date, 1);
  }
}

/**
 * The instant (UTC ISO) `minutes` working minutes after `fromUtcIso`. A start outside business hours begins
 * counting at the next opening; a deadline reached exactly at a closing time is that closing time, not the
 * next opening (so 0 minutes from a closing time is that closing time). Throws RangeError for a negative or
 * non-finite `minutes` or a malformed instant, and Error when the calendar stays closed for ~3 years.
 * @example addWorkingMinutes(DEFAULT_CALENDAR, '2026-01-05T00:30:00Z', 360) // Mon 08:30 → '2026-01-05T07:30:00.000Z' (15:30)
 */
export function addWorkingMinutes(cal: WorkingCalendar, fromUtcIso: string, minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Working minutes must be a finite number ≥ 0, got ${minutes}`);
  const from = parseInstant(fromUtcIso);
  // Whole milliseconds, so that sums of integer minutes stay exact.
  let remaining = Math.round(minutes * MINUTE_MS);
  for (const span of workingSpans(cal, from)) {
    if (span.end < from) continue;
    const begin = Math.max(span.start, from);
    if (remaining <= span.end - begin) return new Date(begin + remaining).toISOString();
    remaining -= span.end - begin;
  }
  throw new Error('unreachable: workingSpans without an end never finishes');
}

/**
 * Working minutes between two instants: the business hours inside [from, to], negative when `to` is before
 * `from`. Exact, so fractional when an instant falls between whole minutes.
 */
export function workingMinutesBetween(cal: WorkingCalendar, fromUtcIso: string, toUtcIso: string): number {
  const from = parseInstant(fromUtcIso);
  const to = parseInstant(toUtcIso);
  // 0 - x rather than -x, so an empty interval backwards is 0, not -0.
  return to < from ? 0 - spannedMs(cal, to, from) / MINUTE_MS : spannedMs(cal, from, to) / MINUTE_MS;
}

function spannedMs(cal: WorkingCalendar, from: number, to: number): number {
  let total = 0;
  for (const span of workingSpans(cal, from, to)) {
    if (span.start >= to) break;
    total += Math.max(0, Math.min(span.end, to) - Math.max(span.start, from));
  }
  return total;
}

/**
 * Working minutes from one instant to each of many, each the same as workingMinutesBetween(from, to),
 * for a dispatch board of hundreds of calls: the business hours between the earliest and the latest
 * instant are laid out once with running totals, and each instant is then a binary search, instead of a
 * walk of the calendar (with its time-zone arithmetic) per call.
 */
export function workingMinutesFromMany(cal: WorkingCalendar, fromUtcIso: string, toUtcIsos: readonly string[]): number[] {
  const from = parseInstant(fromUtcIso);
  const tos = toUtcIsos.map(parseInstant);
  const first = Math.min(from, ...tos);
  const last = Math.max(from, ...tos);
  const starts: number[] = [];
  const ends: number[] = [];
  // before[i]: business milliseconds in the spans before span i.
  const before: number[] = [];
  let total = 0;
  for (const span of workingSpans(cal, first, last)) {
    starts.push(span.start);
    ends.push(span.end);
    before.push(total);
    total += span.end - span.start;
    if (span.start > last) break;
  }
  /** Business milliseconds from the first span's start up to `t`. */
  const elapsedAt = (t: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    // The last span that starts at or before t.
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= t) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi < 0) return 0;
    return before[hi]! + Math.min(ends[hi]!, t) - starts[hi]!;
  };
  const atFrom = elapsedAt(from);
  // 0 + x keeps an empty interval at 0, never -0, as workingMinutesBetween does.
  return tos.map((to) => 0 + (elapsedAt(to) - atFrom) / MINUTE_MS);
}

/** The promised arrival (UTC ISO) of a call: 6 (city) or 7 (suburb) working hours after it came in. */
export function promisedArrival(cal: WorkingCalendar, calledAtUtcIso: string, district: DistrictClass): string {
  return addWorkingMinutes(cal, calledAtUtcIso, PROMISE_HOURS[district] * 60);
}

/** True when the local date has business hours: an open weekday that is no holiday, or a 调休 day. */
export function isWorkingDay(cal: WorkingCalendar, localDate: string): boolean {
  return hoursOn(cal, localDate).length > 0;
}

/** The first working day strictly after `localDate` (e.g. where calls not dispatched today go first). */
export function nextWorkingDay(cal: WorkingCalendar, localDate: string): string {
  assertLocalDate(localDate);
  let date = shiftDate(localDate, 1);
  for (let closedDays = 0; !isWorkingDay(cal, date); closedDays++, date = shiftDate(date, 1)) {
    if (closedDays >= MAX_CLOSED_DAYS) throw new Error(`The working calendar has no working day for ${MAX_CLOSED_DAYS} days after ${localDate}.`);
  }
  return date;
}

/** The branch's business day 'yyyy-MM-dd' of an instant: its calendar date in the branch's time zone. */
export function localDateOf(cal: WorkingCalendar, utcIso: string): string {
  return dateAt(cal, parseInstant(utcIso));
}
