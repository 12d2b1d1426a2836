import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoFormModels } from '../../../scripts/forms-demo';
import { renderAllForms } from '../../../scripts/forms';

/** `npm run forms -- --demo --out DIR`: every form from the demo branch's records, read back. */
describe('the demo branch’s forms', () => {
  it('renders each form and paper size from the demo records', async () => {
    const out = 'test-output/forms-demo';
    rmSync(out, { recursive: true, force: true });
    const written = await renderAllForms(await demoFormModels('zh-CN'), out);
    expect(written.map((w) => w.file).sort()).toEqual(
      ['receipt-80mm.pdf', 'receipt-a5.pdf', 'repair-card-a5.pdf', 'supervisor-day-a4-landscape.pdf', 'technician-day-a4.pdf', 'voucher-a4.pdf'].sort(),
    );
    const text = (file: string) => execFileSync('pdftotext', ['-layout', `${out}/${file}`, '-'], { encoding: 'utf8' });
    expect(text('receipt-a5.pdf')).toContain('李娜');
    expect(text('repair-card-a5.pdf')).toContain('点火针');
    expect(text('technician-day-a4.pdf')).toContain('张伟');
    expect(text('technician-day-a4.pdf')).toContain('检修真空泵');
    expect(text('supervisor-day-a4-landscape.pdf')).toContain('赵立新');
    expect(text('voucher-a4.pdf')).toContain('JSQ25');
    for (const w of written) expect(w.bytes, w.file).toBeGreaterThan(1000);
  });
});
