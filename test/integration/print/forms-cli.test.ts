import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseFormModels } from '../../../scripts/forms';
import { sampleModels } from './sample-models';

/** `npm run forms -- --models FILE.json --out DIR`, as a person runs it. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);

describe('npm run forms', () => {
  it('renders one PDF per form and paper size from a models file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-forms-'));
    const modelsFile = path.join(dir, 'models.json');
    writeFileSync(modelsFile, JSON.stringify(sampleModels()));
    const out = path.join(dir, 'out');
    const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/forms.ts', '--models', modelsFile, '--out', out], { cwd: root });
    expect(readdirSync(out).sort()).toEqual(['receipt-80mm.pdf', 'receipt-a5.pdf', 'repair-card-a5.pdf', 'supervisor-day-a4-landscape.pdf', 'technician-day-a4.pdf', 'voucher-a4.pdf']);
    expect(stdout).toContain('receipt-80mm.pdf');
  });

  it('stops with the usage when --out or --models is missing', async () => {
    await expect(run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/forms.ts', '--out', os.tmpdir()], { cwd: root })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run forms') });
  });

  it('names what is wrong with a models file', () => {
    const models = sampleModels() as unknown as Record<string, unknown>;
    expect(() => parseFormModels(JSON.stringify({ ...models, voucher: undefined }))).toThrow('no "voucher" model');
    expect(() => parseFormModels(JSON.stringify({ ...models, receipt: { ...sampleModels().receipt, language: 'fr' } }))).toThrow('"receipt.language" must be one of zh-CN, en');
    expect(parseFormModels(JSON.stringify(models)).receipt.receiptNumber).toBe('BJ01-R2026-000045');
  });
});
