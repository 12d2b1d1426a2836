import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import { buildSupervisorDay } from '../../../src-main/core/print/supervisor-day';
import { buildTechnicianDay } from '../../../src-main/core/print/technician-day';
import { warmUpPrinting } from '../../../src-main/core/print/render';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../../../src-shared/domain/categories';
import { rowTotal, totalsByCategory, totalsOfRows } from '../../../src-shared/domain/report-totals';
import type { SupervisorDayRow, TechnicianDayLine } from '../../../src-shared/print/form-models';
import { renderToFile, squeeze } from './pdf-tools';
import { sampleModels } from './sample-models';

/**
 * The daily reports' totals are the sums of their lines: for the pure function over any day, and on the
 * printed PDF (read back with pdftotext) over random days.
 */
const category = fc.constantFrom<ServiceCategory>(...SERVICE_CATEGORIES);
const line: fc.Arbitrary<TechnicianDayLine> = fc.record({
  time: fc.option(fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`), { nil: null }),
  callNumber: fc.option(fc.integer({ min: 1, max: 999_999 }).map((n) => `BJ01-2026-${String(n).padStart(6, '0')}`), { nil: null }),
  description: fc.constantFrom('上门检修，更换零件', '店内维修：更换电源板', '保养合同例行保养', '新机型培训', '工具保养', '零件盘点'),
  category,
  minutes: fc.integer({ min: 0, max: 600 }),
});
const day = fc.array(line, { maxLength: 60 });
const row: fc.Arbitrary<SupervisorDayRow> = fc.record({
  technicianCode: fc.stringMatching(/^[a-z]{2,8}$/),
  technicianName: fc.constantFrom('张伟', '李强', '陈静', '孙丽娟', '王芳', '欧阳建国'),
  A: fc.integer({ min: 0, max: 1440 }),
  B: fc.integer({ min: 0, max: 1440 }),
  C: fc.integer({ min: 0, max: 1440 }),
  D: fc.integer({ min: 0, max: 1440 }),
});

const sumOf = (lines: readonly TechnicianDayLine[], c?: ServiceCategory) => lines.filter((l) => c === undefined || l.category === c).reduce((s, l) => s + l.minutes, 0);
const hm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

describe('daily report totals', () => {
  test.prop([day])('technician totals by category are the sums of the lines', (lines) => {
    const totals = totalsByCategory(lines);
    for (const c of SERVICE_CATEGORIES) expect(totals[c]).toBe(sumOf(lines, c));
    expect(totals.total).toBe(sumOf(lines));
    expect(totals.total).toBe(totals.A + totals.B + totals.C + totals.D);
  });

  test.prop([day.chain((lines) => fc.tuple(fc.constant(lines), fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length })))])(
    'do not depend on the order of the lines',
    ([lines, shuffled]) => {
      expect(totalsByCategory(shuffled)).toEqual(totalsByCategory(lines));
    },
  );

  test.prop([day, day])('of two halves of a day add up to the totals of the day', (morning, afternoon) => {
    const whole = totalsByCategory([...morning, ...afternoon]);
    const a = totalsByCategory(morning);
    const b = totalsByCategory(afternoon);
    for (const key of [...SERVICE_CATEGORIES, 'total'] as const) expect(whole[key]).toBe(a[key] + b[key]);
  });

  test.prop([fc.array(row, { maxLength: 40 })])('supervisor column totals are the sums of the rows, and the grand total the sum of the row totals', (rows) => {
    const totals = totalsOfRows(rows);
    for (const c of SERVICE_CATEGORIES) expect(totals[c]).toBe(rows.reduce((s, r) => s + r[c], 0));
    expect(totals.total).toBe(rows.reduce((s, r) => s + rowTotal(r), 0));
  });
});

describe('printed daily report totals', () => {
  const models = sampleModels();
  beforeAll(async () => {
    await warmUpPrinting();
  });

  test.prop([day], { numRuns: 6 })('the technician report prints the sums of its lines', async (lines) => {
    const pdf = await renderToFile('property-technician-day', buildTechnicianDay({ ...models.technicianDay, lines }));
    const text = squeeze(pdf.text);
    const sums = SERVICE_CATEGORIES.map((c) => sumOf(lines, c));
    expect(text).toContain(`分钟 ${sums.join(' ')} ${sumOf(lines)}`);
    expect(text).toContain(`工时 ${sums.map(hm).join(' ')} ${hm(sumOf(lines))}`);
  });

  test.prop([fc.array(row, { minLength: 1, maxLength: 12 })], { numRuns: 4 })('the supervisor report prints the column sums of its rows', async (rows) => {
    const pdf = await renderToFile('property-supervisor-day', buildSupervisorDay({ ...models.supervisorDay, rows }));
    const text = squeeze(pdf.text);
    const columns = SERVICE_CATEGORIES.map((c) => rows.reduce((s, r) => s + r[c], 0));
    expect(text).toMatch(new RegExp(`合计 ${columns.map(hm).join(' ')} ${hm(columns.reduce((a, b) => a + b, 0))}`));
  });
});
