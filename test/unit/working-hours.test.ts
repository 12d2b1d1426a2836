import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALENDAR,
  PROMISE_HOURS,
  addWorkingMinutes,
  hoursOn,
  isWorkingDay,
  localDateOf,
  nextWorkingDay,
  parseCalendar,
  promisedArrival,
  workingCalendarSchema,
  workingMinutesBetween,
  type WorkingCalendar,
} from '../../src-shared/domain/working-calendar';

/** Shanghai has no daylight saving: '2026-01-09 17:59' local is always +08:00. */
const sh = (local: string): string => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString();

/** The 2026 mainland holidays and 调休 days that matter here (State Council schedule). */
const CN_2026: WorkingCalendar = parseCalendar({
  ...DEFAULT_CALENDAR,
  holidays: [
    // Spring Festival: Sun 15 Feb to Mon 23 Feb
    ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => `2026-02-${d}`),
    // National Day: Thu 1 Oct to Wed 7 Oct
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-10-${d}`),
  ],
  makeUpWorkdays: ['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10'],
});

describe('the dispatch promise (Shanghai, Mon-Fri 08:30-12:00 and 13:00-17:30, 2026 holidays)', () => {
  it.each([
    // name, called at (local), district, promised arrival (local)
    ['city call at opening', '2026-01-05 08:30', 'city', '2026-01-05 15:30'],
    ['suburb call at opening', '2026-01-05 08:30', 'suburb', '2026-01-05 16:30'],
    ['deadline exactly at closing stays at closing', '2026-01-05 10:30', 'city', '2026-01-05 17:30'],
    ['suburb from the same call rolls to the next morning', '2026-01-05 10:30', 'suburb', '2026-01-06 09:30'],
    ['call exactly at closing counts from the next opening', '2026-01-05 17:30', 'city', '2026-01-06 15:30'],
    ['call during the lunch break counts from 13:00', '2026-01-06 12:30', 'city', '2026-01-07 10:00'],
    ['suburb call during the lunch break', '2026-01-06 12:30', 'suburb', '2026-01-07 11:00'],
    ['call at 12:00 sharp waits for the afternoon', '2026-01-06 12:00', 'city', '2026-01-07 10:00'],
    ['call at night counts from the morning', '2026-01-06 02:00', 'city', '2026-01-06 15:30'],
    ['call late in the evening counts from the next morning', '2026-01-06 22:15', 'suburb', '2026-01-07 16:30'],
    ['call at 17:29 Friday rolls one minute into Monday', '2026-01-09 17:29', 'city', '2026-01-12 15:29'],
    ['city call at 17:59 Friday, before the weekend', '2026-01-09 17:59', 'city', '2026-01-12 15:30'],
    ['suburb call at 17:59 Friday, before the weekend', '2026-01-09 17:59', 'suburb', '2026-01-12 16:30'],
    ['call on an ordinary Saturday', '2026-01-10 10:00', 'city', '2026-01-12 15:30'],
    ['call on a holiday (National Day)', '2026-10-05 10:00', 'city', '2026-10-08 15:30'],
    ['call on the first day of the holiday', '2026-10-01 09:00', 'suburb', '2026-10-08 16:30'],
    ['call the afternoon before National Day spans the whole week off', '2026-09-30 16:00', 'city', '2026-10-08 14:00'],
    ['调休 Saturday after National Day is worked', '2026-10-09 16:30', 'city', '2026-10-10 14:30'],
    ['call on the 调休 Saturday itself', '2026-10-10 08:30', 'suburb', '2026-10-10 16:30'],
    ['call on the 调休 Sunday before National Day', '2026-09-20 09:00', 'city', '2026-09-20 16:00'],
    ['the ordinary Saturday after a 调休 week is closed', '2026-10-17 09:00', 'city', '2026-10-19 15:30'],
    ['Friday before the Spring Festival runs into the 调休 Saturday', '2026-02-13 17:00', 'city', '2026-02-14 15:00'],
    ['调休 Saturday evening jumps the nine-day Spring Festival', '2026-02-14 17:00', 'city', '2026-02-24 15:00'],
    ['call during the Spring Festival', '2026-02-18 11:00', 'suburb', '2026-02-24 16:30'],
  ] as const)('%s', (_name, calledAt, district, expected) => {
    expect(promisedArrival(CN_2026, sh(calledAt), district)).toBe(sh(expected));
  });

  it('promises 6 working hours in the city and 7 in the suburbs', () => {
    expect(PROMISE_HOURS).toEqual({ city: 6, suburb: 7 });
    expect(Object.isFrozen(PROMISE_HOURS)).toBe(true);
  });

  it('is the same as adding the promise hours', () => {
    const calledAt = sh('2026-01-09 17:59');
    expect(promisedArrival(CN_2026, calledAt, 'suburb')).toBe(addWorkingMinutes(CN_2026, calledAt, 7 * 60));
  });
});

describe('addWorkingMinutes at the edges', () => {
  it.each([
    ['0 minutes inside hours is the same instant', '2026-01-05 09:00', 0, '2026-01-05 09:00'],
    ['0 minutes at a closing time is that closing time', '2026-01-05 17:30', 0, '2026-01-05 17:30'],
    ['0 minutes at night is the next opening', '2026-01-05 20:00', 0, '2026-01-06 08:30'],
    ['one minute from a closing time is one minute after the next opening', '2026-01-05 12:00', 1, '2026-01-05 13:01'],
    ['a full working day from opening ends at closing', '2026-01-05 08:30', 480, '2026-01-05 17:30'],
    ['a full working day and a minute', '2026-01-05 08:30', 481, '2026-01-06 08:31'],
    ['a working week from Monday morning ends Friday at closing', '2026-01-05 08:30', 5 * 480, '2026-01-09 17:30'],
  ] as const)('%s', (_name, from, minutes, expected) => {
    expect(addWorkingMinutes(CN_2026, sh(from), minutes)).toBe(sh(expected));
  });

  it('keeps seconds and milliseconds of the start', () => {
    expect(addWorkingMinutes(CN_2026, '2026-01-05T01:00:30.250Z', 30)).toBe('2026-01-05T01:30:30.250Z');
  });

  it('accepts an instant written with an offset and answers in UTC', () => {
    expect(addWorkingMinutes(CN_2026, '2026-01-05T08:30:00+08:00', 60)).toBe('2026-01-05T01:30:00.000Z');
  });

  it.each([
    ['negative minutes', '2026-01-05T01:00:00Z', -1],
    ['NaN minutes', '2026-01-05T01:00:00Z', Number.NaN],
    ['infinite minutes', '2026-01-05T01:00:00Z', Number.POSITIVE_INFINITY],
    ['an instant without an offset (would be read in the host zone)', '2026-01-05T09:00:00', 10],
    ['a date only', '2026-01-05', 10],
    ['garbage', 'yesterday', 10],
  ] as const)('refuses %s', (_name, from, minutes) => {
    expect(() => addWorkingMinutes(CN_2026, from, minutes)).toThrow(RangeError);
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    ['inside one morning', '2026-01-05 09:00', '2026-01-05 10:15', 75],
    ['across the lunch break', '2026-01-05 11:00', '2026-01-05 14:00', 120],
    ['across a weekend', '2026-01-09 16:30', '2026-01-12 09:30', 120],
    ['a whole weekend is nothing', '2026-01-10 00:00', '2026-01-12 08:30', 0],
    ['from night to night', '2026-01-05 20:00', '2026-01-06 23:00', 480],
    ['across National Day', '2026-09-30 08:30', '2026-10-08 17:30', 960],
    ['across the Spring Festival with its 调休 Saturdays', '2026-02-13 08:30', '2026-02-28 17:30', 480 * 2 + 480 * 4 + 480],
    ['backwards across a weekend is negative', '2026-01-12 09:30', '2026-01-09 16:30', -120],
    ['an empty interval backwards is 0', '2026-01-10 12:00', '2026-01-10 10:00', 0],
  ] as const)('%s', (_name, from, to, minutes) => {
    expect(workingMinutesBetween(CN_2026, sh(from), sh(to))).toBe(minutes);
  });

  it('is exact, so fractional between instants that are not on whole minutes', () => {
    expect(workingMinutesBetween(CN_2026, '2026-01-05T01:00:00Z', '2026-01-05T01:00:30Z')).toBe(0.5);
  });

  it('tells how late an arrival was', () => {
    const deadline = promisedArrival(CN_2026, sh('2026-01-09 17:59'), 'city');
    expect(workingMinutesBetween(CN_2026, deadline, sh('2026-01-13 09:00'))).toBe(120 + 30);
  });
});

describe('business days', () => {
  it.each([
    ['an ordinary Monday', '2026-01-05', true],
    ['an ordinary Saturday', '2026-01-10', false],
    ['a holiday on a weekday', '2026-10-05', false],
    ['a 调休 Saturday', '2026-10-10', true],
    ['a 调休 Sunday', '2026-09-20', true],
  ] as const)('%s is a working day: %s', (_name, date, expected) => {
    expect(isWorkingDay(CN_2026, date)).toBe(expected);
  });

  it.each([
    ['Friday → Monday', '2026-01-09', '2026-01-12'],
    ['Monday → Tuesday', '2026-01-05', '2026-01-06'],
    ['the eve of National Day → after it', '2026-09-30', '2026-10-08'],
    ['Friday → the 调休 Saturday', '2026-10-09', '2026-10-10'],
    ['the 调休 Saturday → over the Spring Festival', '2026-02-14', '2026-02-24'],
    ['across a year end', '2026-12-31', '2027-01-01'],
  ] as const)('next working day: %s', (_name, date, expected) => {
    expect(nextWorkingDay(CN_2026, date)).toBe(expected);
  });

  it('gives a 调休 day the make-up hours and a holiday none', () => {
    expect(hoursOn(CN_2026, '2026-10-10')).toEqual(CN_2026.makeUpHours);
    expect(hoursOn(CN_2026, '2026-10-05')).toEqual([]);
  });

  it('reads the business day in the branch’s zone, not UTC', () => {
    expect(localDateOf(CN_2026, '2026-01-04T16:30:00Z')).toBe('2026-01-05');
    expect(localDateOf(CN_2026, '2026-01-04T15:59:59.999Z')).toBe('2026-01-04');
  });

  it('refuses a malformed date', () => {
    expect(() => isWorkingDay(CN_2026, '2026-02-30')).toThrow(RangeError);
    expect(() => nextWorkingDay(CN_2026, '5 Jan')).toThrow(RangeError);
  });
});

describe('another time zone: Europe/Berlin across daylight saving', () => {
  const weekday = [{ start: '09:00', end: '17:00' }];
  const BERLIN = parseCalendar({
    timeZone: 'Europe/Berlin',
    weekly: { 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday, 6: [], 7: [] },
    holidays: [],
    makeUpWorkdays: [],
    makeUpHours: [],
  });

  it('springs forward: Friday 16:00 CET + 6 h is Monday 14:00 CEST (12:00 UTC)', () => {
    expect(addWorkingMinutes(BERLIN, '2026-03-27T15:00:00Z', 360)).toBe('2026-03-30T12:00:00.000Z');
  });

  it('falls back: Friday 16:00 CEST + 6 h is Monday 14:00 CET (13:00 UTC)', () => {
    expect(addWorkingMinutes(BERLIN, '2026-10-23T14:00:00Z', 360)).toBe('2026-10-26T13:00:00.000Z');
  });

  it('counts the same working time across the change both ways', () => {
    expect(workingMinutesBetween(BERLIN, '2026-03-27T15:00:00Z', '2026-03-30T12:00:00Z')).toBe(360);
    expect(workingMinutesBetween(BERLIN, '2026-10-23T14:00:00Z', '2026-10-26T13:00:00Z')).toBe(360);
  });

  it('counts real elapsed time on a day open round the clock: 23 h on the spring-forward Sunday, 25 h in autumn', () => {
    const allDay = parseCalendar({ ...BERLIN, weekly: { ...BERLIN.weekly, 7: [{ start: '00:00', end: '24:00' }] } });
    expect(workingMinutesBetween(allDay, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z')).toBe(23 * 60);
    expect(workingMinutesBetween(allDay, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z')).toBe(25 * 60);
    // Open until 24:00 Sunday: a deadline reached at midnight is that midnight, not Monday 09:00.
    expect(addWorkingMinutes(allDay, '2026-03-28T23:00:00Z', 23 * 60)).toBe('2026-03-29T22:00:00.000Z');
  });

  it('never counts twice a range that falls into the spring-forward gap', () => {
    // 02:00-02:30 does not exist on 29 March: it becomes 03:00-03:30 CEST and overlaps 03:00-04:00.
    const gap = parseCalendar({ ...BERLIN, weekly: { ...BERLIN.weekly, 7: [{ start: '02:00', end: '02:30' }, { start: '03:00', end: '04:00' }] } });
    expect(workingMinutesBetween(gap, '2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z')).toBe(60);
    expect(addWorkingMinutes(gap, '2026-03-28T23:00:00Z', 60)).toBe('2026-03-29T02:00:00.000Z');
  });

  it('reads the business day in Berlin', () => {
    expect(localDateOf(BERLIN, '2026-07-01T22:30:00Z')).toBe('2026-07-02');
    expect(localDateOf(BERLIN, '2026-01-01T22:30:00Z')).toBe('2026-01-01');
  });
});

describe('speed and the guard against a calendar that never opens', () => {
  it('jumps day by day: a thousand promises across the Spring Festival in well under a second', () => {
    const started = performance.now();
    for (let i = 0; i < 1000; i++) promisedArrival(CN_2026, sh('2026-02-14 17:00'), 'suburb');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  // Built by hand: the schema would refuse it, but a calendar could come from anywhere.
  const mondaysOff = (years: number): WorkingCalendar => {
    const holidays: string[] = [];
    for (let d = new Date(Date.UTC(2026, 0, 5)); d.getUTCFullYear() < 2026 + years; d.setUTCDate(d.getUTCDate() + 7)) {
      holidays.push(d.toISOString().slice(0, 10));
    }
    return { ...DEFAULT_CALENDAR, weekly: { ...DEFAULT_CALENDAR.weekly, 2: [], 3: [], 4: [], 5: [] }, holidays };
  };

  it('throws after about three years of closed days instead of looping', () => {
    const closed = mondaysOff(5);
    expect(() => addWorkingMinutes(closed, '2026-01-05T01:00:00Z', 60)).toThrow(/no business hours/);
    expect(() => nextWorkingDay(closed, '2026-01-01')).toThrow(/no working day/);
  });

  it('still finds hours after two closed years', () => {
    expect(addWorkingMinutes(mondaysOff(2), '2026-01-05T01:00:00Z', 60)).toBe(sh('2028-01-03 09:30'));
  });

  it('does not need the guard to measure a long closed stretch', () => {
    expect(workingMinutesBetween(mondaysOff(5), '2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z')).toBe(0);
  });
});

describe('the calendar schema', () => {
  const issuesOf = (input: unknown) => workingCalendarSchema.safeParse(input).error?.issues ?? [];

  it('accepts the default calendar through JSON (weekday keys become strings)', () => {
    expect(parseCalendar(JSON.parse(JSON.stringify(DEFAULT_CALENDAR)))).toEqual(DEFAULT_CALENDAR);
  });

  it('keeps the default calendar frozen, deeply', () => {
    expect(Object.isFrozen(DEFAULT_CALENDAR.weekly[1][0])).toBe(true);
    expect(() => DEFAULT_CALENDAR.holidays.push('2026-01-01')).toThrow(TypeError);
  });

  it('accepts ranges in any order, touching, and one running to 24:00', () => {
    const hours = [{ start: '13:00', end: '24:00' }, { start: '08:00', end: '13:00' }];
    expect(() => parseCalendar({ ...DEFAULT_CALENDAR, weekly: { ...DEFAULT_CALENDAR.weekly, 6: hours } })).not.toThrow();
  });

  it.each([
    ['a date both holiday and 调休 day', { holidays: ['2026-10-10'], makeUpWorkdays: ['2026-10-10'] }, ['makeUpWorkdays', 0]],
    ['a day that does not exist', { holidays: ['2026-02-30'] }, ['holidays', 0]],
    ['a date in another format', { holidays: ['2026/10/01'] }, ['holidays', 0]],
    ['an unknown time zone', { timeZone: 'Asia/Beijing' }, ['timeZone']],
    ['调休 days without 调休 hours', { makeUpWorkdays: ['2026-10-10'], makeUpHours: [] }, ['makeUpHours']],
    ['an unknown field', { lunch: true }, []],
  ])('rejects %s', (_name, patch, path) => {
    expect(issuesOf({ ...DEFAULT_CALENDAR, ...patch }).map((issue) => issue.path)).toContainEqual(path);
  });

  it.each([
    ['an hour without its zero', { start: '8:30', end: '12:00' }],
    ['25 o’clock', { start: '08:30', end: '25:00' }],
    ['a start at 24:00', { start: '24:00', end: '24:00' }],
    ['an end past midnight', { start: '08:30', end: '24:30' }],
    ['an end before the start', { start: '13:00', end: '12:00' }],
    ['an empty range', { start: '13:00', end: '13:00' }],
  ])('rejects a range with %s', (_name, range) => {
    expect(issuesOf({ ...DEFAULT_CALENDAR, weekly: { ...DEFAULT_CALENDAR.weekly, 1: [range] } })).not.toEqual([]);
  });

  it('rejects overlapping ranges on one day', () => {
    const hours = [{ start: '08:30', end: '12:30' }, { start: '12:00', end: '17:30' }];
    expect(issuesOf({ ...DEFAULT_CALENDAR, weekly: { ...DEFAULT_CALENDAR.weekly, 1: hours } }).map((i) => i.path)).toEqual([['weekly', '1']]);
  });

  it('rejects a calendar closed every weekday, even with 调休 days', () => {
    const closed = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
    expect(issuesOf({ ...DEFAULT_CALENDAR, weekly: closed, makeUpWorkdays: ['2026-10-10'] }).map((i) => i.path)).toEqual([['weekly']]);
  });

  it('rejects a calendar missing a weekday', () => {
    const { 7: _sunday, ...sixDays } = DEFAULT_CALENDAR.weekly;
    expect(issuesOf({ ...DEFAULT_CALENDAR, weekly: sixDays })).not.toEqual([]);
  });

  it('uses the translated validation keys where one fits', () => {
    expect(issuesOf({ ...DEFAULT_CALENDAR, holidays: ['2026-02-30'] })[0]?.message).toBe('validation.date');
    const backwards = { ...DEFAULT_CALENDAR, weekly: { ...DEFAULT_CALENDAR.weekly, 1: [{ start: '13:00', end: '12:00' }] } };
    expect(issuesOf(backwards)[0]?.message).toBe('validation.endBeforeStart');
  });
});
