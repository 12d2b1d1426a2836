/**
 * Printed forms: the warm time to build and render each form (median of N runs after a warm-up) and
 * the size of its PDF. Building (model → document definition) is timed apart from rendering.
 *
 *   npx tsx test/bench/forms.ts [--runs N] [--models FILE.json]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { FormModels } from '../../src-shared/print/form-models';
import { FORMS } from '../../scripts/forms';
import { preparePrinting, renderPdf, warmUpPrinting } from '../../src-main/core/print/render';
import { sampleModels } from '../integration/print/sample-models';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, models: { type: 'string' } } });
const RUNS = Number(values.runs);
const models: FormModels = values.models ? (JSON.parse(readFileSync(values.models, 'utf8')) as FormModels) : sampleModels();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const coldStart = performance.now();
preparePrinting();
const fontsLoaded = performance.now();
await warmUpPrinting();
const warmedUp = performance.now();
console.log(`fonts read ${(fontsLoaded - coldStart).toFixed(0)} ms, first document ${(warmedUp - fontsLoaded).toFixed(0)} ms`);
// Warm: every form a few times, so the JIT has seen every code path before anything is measured.
for (let round = 0; round < 3; round++) for (const { build } of FORMS) await renderPdf(build(models));
console.log(`median of ${RUNS} warm runs per form`);
console.log(['form'.padEnd(34), 'build ms'.padStart(9), 'render ms'.padStart(10), 'total ms'.padStart(9), 'KB'.padStart(7)].join(''));

for (const { file, build } of FORMS) {
  const builds: number[] = [];
  const renders: number[] = [];
  const totals: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const doc = build(models);
    const t1 = performance.now();
    const pdf = await renderPdf(doc);
    const t2 = performance.now();
    builds.push(t1 - t0);
    renders.push(t2 - t1);
    totals.push(t2 - t0);
    bytes = pdf.length;
  }
  console.log([file.padEnd(34), median(builds).toFixed(2).padStart(9), median(renders).toFixed(1).padStart(10), median(totals).toFixed(1).padStart(9), (bytes / 1024).toFixed(1).padStart(7)].join(''));
}
