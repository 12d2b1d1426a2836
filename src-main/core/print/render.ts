import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { PRINT_FONT } from './common';
import { shareDecodedFontTables } from './font-tables';
import { loadFonts, type FontOptions, type LoadedFonts } from './fonts';
import { pdfmakeModule } from './packages';

/**
 * Turns a document definition into PDF bytes with pdfmake 0.3's server-side API. pdfmake is a process-wide
 * singleton: the fonts are registered once (in its virtual file system, from bytes read once), and it
 * may fetch no URL and read no local file outside the font folder. SVG `<image>` elements are refused
 * before rendering, because the SVG renderer opens their files without asking the access policy.
 */

interface VirtualFs {
  writeFileSync(name: string, content: Buffer): void;
}

const REGULAR_NAME = 'aftercare/NotoSansSC-Regular.ttf';
const BOLD_NAME = 'aftercare/NotoSansSC-Bold.ttf';
let configuredDir: string | null = null;

function realOrResolved(p: string): string {
  const resolved = path.resolve(p);
  try {
    return realpathSync(resolved);
  } catch {
    return resolved;
  }
}

/** True when `candidate` is inside `dir` after resolving `..` and symbolic links. */
export function isInsideFolder(dir: string, candidate: string): boolean {
  const root = realOrResolved(dir);
  const target = realOrResolved(candidate);
  const relative = path.relative(root, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function configure(fonts: LoadedFonts): void {
  if (configuredDir === fonts.dir) return;
  const pdfmake = pdfmakeModule();
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  vfs.writeFileSync(REGULAR_NAME, fonts.regular);
  vfs.writeFileSync(BOLD_NAME, fonts.bold);
  pdfmake.setFonts({ [PRINT_FONT]: { normal: REGULAR_NAME, bold: BOLD_NAME, italics: REGULAR_NAME, bolditalics: BOLD_NAME } });
  pdfmake.setUrlAccessPolicy(() => false);
  const dir = fonts.dir;
  pdfmake.setLocalAccessPolicy((candidate) => isInsideFolder(dir, candidate));
  shareDecodedFontTables(fonts.regular);
  configuredDir = dir;
}

const SVG_IMAGE = /<\s*(?:[\w-]+:)?(?:image|feimage)\b/i;

/** Refuses SVG content that embeds images (the SVG renderer would read them from disk unchecked). */
function assertSafeContent(node: unknown, depth = 0): void {
  if (depth > 200 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) assertSafeContent(item, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  if ('svg' in record) {
    if (typeof record.svg !== 'string') throw new Error('Only SVG markup strings may be printed');
    if (SVG_IMAGE.test(record.svg)) throw new Error('SVG images may not embed <image> elements');
  }
  for (const value of Object.values(record)) assertSafeContent(value, depth + 1);
}

type Dynamic = (...args: never[]) => unknown;

/** Checks what header, footer and background functions return, page by page. */
function guarded<T extends Dynamic | undefined>(fn: T): T {
  if (typeof fn !== 'function') return fn;
  return ((...args: never[]) => {
    const out = fn(...args);
    assertSafeContent(out);
    return out;
  }) as T;
}

/** A copy of the plain parts of a definition: pdfmake annotates the nodes it lays out, so a definition is never laid out twice. */
function copyDefinition<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => copyDefinition(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = copyDefinition(item);
    return out as T;
  }
  return value;
}

/** Registers the fonts and the access policies now (tests and the app call it at start-up to keep the first print fast). */
export function preparePrinting(options: FontOptions = {}): LoadedFonts {
  const fonts = loadFonts(options);
  configure(fonts);
  return fonts;
}

/** The PDF bytes of a document definition. Rejects on a URL, a local file outside the font folder, or an SVG image. */
export async function renderPdf(doc: TDocumentDefinitions, options: FontOptions = {}): Promise<Buffer> {
  preparePrinting(options);
  const definition = copyDefinition(doc);
  assertSafeContent(definition.content as Content);
  for (const key of ['header', 'footer', 'background'] as const) {
    const part = definition[key];
    if (typeof part === 'function') (definition as unknown as Record<string, unknown>)[key] = guarded(part as Dynamic);
    else assertSafeContent(part);
  }
  return pdfmakeModule().createPdf(definition).getBuffer();
}

/** Renders a small document using both weights so the first real print does not pay for warming up. */
export async function warmUpPrinting(options: FontOptions = {}): Promise<void> {
  await renderPdf({ content: [{ text: '售后通 Aftercare 0123456789', bold: true }, '客户商品领取收据'], defaultStyle: { font: PRINT_FONT } }, options);
}
