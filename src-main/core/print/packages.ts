import { createRequire } from 'node:module';
import type * as BwipJsNode from 'bwip-js/node';
import type NzhClass from 'nzh';
import type * as PdfMakeServer from 'pdfmake';

/**
 * The printing packages, loaded on first use instead of at start-up: pdfmake, bwip-js and nzh take a
 * few hundred milliseconds to load, which the app start would otherwise pay before its first screen.
 * A static import cannot be deferred: esbuild hoists a package's import to the top of the bundle even
 * from a module that is itself imported lazily. `require` keeps the builders synchronous; both bundlers
 * leave it to run time, where the packages resolve from node_modules as every external package does.
 */
const requirePackage = createRequire(import.meta.url);

type PdfMake = typeof PdfMakeServer;
type BwipJs = typeof BwipJsNode;
type Nzh = typeof NzhClass;

let pdfmake: PdfMake | null = null;
let bwipJs: BwipJs | null = null;
let nzh: Nzh | null = null;

/** pdfmake's server-side singleton (fonts and access policies are set on it once, by render.ts). */
export function pdfmakeModule(): PdfMake {
  return (pdfmake ??= requirePackage('pdfmake') as PdfMake);
}

export function bwipJsModule(): BwipJs {
  return (bwipJs ??= requirePackage('bwip-js/node') as BwipJs);
}

export function nzhModule(): Nzh {
  return (nzh ??= requirePackage('nzh') as Nzh);
}
