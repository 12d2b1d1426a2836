import { DEFAULT_CALENDAR } from '../../../src-shared/domain/working-calendar';
import { localDateOf, promisedArrival, PROMISE_HOURS, type DistrictClass } from '../../../src-shared/domain/working-hours';

/**
 * The generated branch keeps the default calendar (Monday to Friday 08:30-12:00 and 13:00-17:30,
 * Asia/Shanghai, which has had no daylight saving since 1991). The product's clock walks dates through
 * date-fns and costs ~90 µs per deadline; two million of them would take minutes, so the generator
 * does the same arithmetic on epoch milliseconds and checks itself against the product's functions on
 * a sample of calls (`checkAgainstProduct`): a difference stops the build.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const OFFSET = 8 * 60 * MINUTE;
/** Business spans of a working day, in minutes after local midnight. */
const SPANS: ReadonlyArray<readonly [number, number]> = [
  [8 * 60 + 30, 12 * 60],
  [13 * 60, 17 * 60 + 30],
];

/** Days since 1970-01-01 in Beijing. */
export const localDayIndex = (ms: number) => Math.floor((ms + OFFSET) / DAY);
/** UTC epoch ms of local midnight of a local day index. */
export const localMidnight = (dayIndex: number) => dayIndex * DAY - OFFSET;
/** ISO weekday (1 = Monday) of a local day index: day 0 was a Thursday. */
export const weekdayOf = (dayIndex: number) => ((dayIndex + 3) % 7) + 1;
export const isWorkingDayIndex = (dayIndex: number) => weekdayOf(dayIndex) <= 5;

export function localDate(ms: number): string {
  return new Date(ms + OFFSET).toISOString().slice(0, 10);
}

export function localDateOfDayIndex(dayIndex: number): string {
  return new Date(dayIndex * DAY).toISOString().slice(0, 10);
}

/** Minutes after local midnight. */
export const localMinuteOfDay = (ms: number) => Math.floor(((ms + OFFSET) % DAY) / MINUTE);

/** Same rule as the product's addWorkingMinutes for the default calendar. */
export function addWorkingMs(fromMs: number, workingMs: number): number {
  let remaining = workingMs;
  for (let day = localDayIndex(fromMs) - 1; ; day++) {
    if (!isWorkingDayIndex(day)) continue;
    const midnight = localMidnight(day);
    for (const [startMin, endMin] of SPANS) {
      const start = midnight + startMin * MINUTE;
      const end = midnight + endMin * MINUTE;
      if (end < fromMs) continue;
      const begin = Math.max(start, fromMs);
      if (remaining <= end - begin) return begin + remaining;
      remaining -= end - begin;
    }
  }
}

export const deadlineOf = (calledAtMs: number, district: DistrictClass) => addWorkingMs(calledAtMs, PROMISE_HOURS[district] * 60 * MINUTE);

/** `ms` when it falls in business hours, else the next opening. */
export function nextOpenMoment(ms: number): number {
  return addWorkingMs(ms, 0);
}

/** The previous working day before a local day index. */
export function previousWorkingDay(dayIndex: number): number {
  let day = dayIndex - 1;
  while (!isWorkingDayIndex(day)) day--;
  return day;
}

/** Throws when the fast clock and the product's clock disagree on this instant. */
export function checkAgainstProduct(calledAtMs: number, district: DistrictClass): void {
  const iso = new Date(calledAtMs).toISOString();
  const expectedDeadline = promisedArrival(DEFAULT_CALENDAR, iso, district);
  const actualDeadline = new Date(deadlineOf(calledAtMs, district)).toISOString();
  if (expectedDeadline !== actualDeadline) throw new Error(`generator clock differs from the product: deadline of ${iso} (${district}) is ${expectedDeadline}, generator says ${actualDeadline}`);
  const expectedDate = localDateOf(DEFAULT_CALENDAR, iso);
  if (expectedDate !== localDate(calledAtMs)) throw new Error(`generator clock differs from the product: business date of ${iso} is ${expectedDate}, generator says ${localDate(calledAtMs)}`);
}
