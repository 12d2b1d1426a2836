import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { buildReceipt } from '../src-main/core/print/receipt';
import { buildRepairCard } from '../src-main/core/print/repair-card';
import { renderPdf } from '../src-main/core/print/render';
import { buildSupervisorDay } from '../src-main/core/print/supervisor-day';
import { buildTechnicianDay } from '../src-main/core/print/technician-day';
import { buildVoucher } from '../src-main/core/print/voucher';
import type { FontOptions } from '../src-main/core/print/fonts';
import { PRINT_LANGUAGES, type FormModels } from '../src-shared/print/form-models';
import { demoFormModels } from './forms-demo';

/**
 * `npm run forms -- --models FILE.json --out DIR`: renders every printed form, one PDF per form and
 * paper size, so anyone can look at them. FILE.json holds one view model of each form (`FormModels`).
 */

export interface RenderedForm {
  file: string;
  path: string;
  bytes: number;
}

/** Every form and paper size: the file it is written to and how it is built from the models. */
export const FORMS: ReadonlyArray<{ file: string; build: (models: FormModels) => TDocumentDefinitions }> = [
  { file: 'receipt-80mm.pdf', build: (m) => buildReceipt(m.receipt, 'roll80mm') },
  { file: 'receipt-a5.pdf', build: (m) => buildReceipt(m.receipt, 'A5') },
  { file: 'voucher-a4.pdf', build: (m) => buildVoucher(m.voucher) },
  { file: 'repair-card-a5.pdf', build: (m) => buildRepairCard(m.repairCard) },
  { file: 'technician-day-a4.pdf', build: (m) => buildTechnicianDay(m.technicianDay) },
  { file: 'supervisor-day-a4-landscape.pdf', build: (m) => buildSupervisorDay(m.supervisorDay) },
];

/** Every form and paper size, as file name → document definition. */
export function buildAllForms(models: FormModels): Array<{ file: string; doc: TDocumentDefinitions }> {
  return FORMS.map(({ file, build }) => ({ file, doc: build(models) }));
}

/** Writes receipt-80mm.pdf, receipt-a5.pdf, voucher-a4.pdf, repair-card-a5.pdf, technician-day-a4.pdf and supervisor-day-a4-landscape.pdf into `outDir`. */
export async function renderAllForms(models: FormModels, outDir: string, options: FontOptions = {}): Promise<RenderedForm[]> {
  mkdirSync(outDir, { recursive: true });
  const written: RenderedForm[] = [];
  for (const { file, doc } of buildAllForms(models)) {
    const bytes = await renderPdf(doc, options);
    const target = path.join(outDir, file);
    writeFileSync(target, bytes);
    written.push({ file, path: target, bytes: bytes.length });
  }
  return written;
}

const FORM_KEYS = ['receipt', 'voucher', 'repairCard', 'technicianDay', 'supervisorDay'] as const;

/** A models file must hold one model of each form, each with a known language (the rest is the builders' business). */
export function parseFormModels(json: string): FormModels {
  const value = JSON.parse(json) as Record<string, unknown> | null;
  if (value === null || typeof value !== 'object') throw new Error('The models file must hold an object with one model per form');
  for (const key of FORM_KEYS) {
    const model = value[key] as { language?: unknown } | undefined;
    if (!model || typeof model !== 'object') throw new Error(`The models file has no "${key}" model`);
    if (!PRINT_LANGUAGES.includes(model.language as never)) throw new Error(`"${key}.language" must be one of ${PRINT_LANGUAGES.join(', ')}`);
  }
  return value as unknown as FormModels;
}

const USAGE = 'usage: npm run forms -- (--demo [--lang zh-CN|en] | --models FILE.json) --out DIR [--fonts-dir DIR]';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, models: { type: 'string' }, demo: { type: 'boolean' }, lang: { type: 'string', default: 'zh-CN' }, 'fonts-dir': { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.out || (!values.models && !values.demo) || (values.lang !== 'zh-CN' && values.lang !== 'en')) {
    console.error(USAGE);
    return 2;
  }
  // --demo: a throw-away demo branch, its records read exactly as print.form reads them.
  const models = values.demo ? await demoFormModels(values.lang) : parseFormModels(readFileSync(values.models!, 'utf8'));
  const written = await renderAllForms(models, path.resolve(values.out), values['fonts-dir'] ? { fontsDir: values['fonts-dir'] } : {});
  for (const form of written) console.log(`${form.path}  ${(form.bytes / 1024).toFixed(1)} KB`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
