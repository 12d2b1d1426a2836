import type { Content } from 'pdfmake/interfaces';
import { bwipJsModule } from './packages';

/**
 * Code 128 barcodes (receipt and call numbers) drawn by bwip-js as SVG paths, placed in the document
 * as vectors so they stay sharp on a 203 dpi thermal head. The number is printed as text by the caller
 * (bwip-js would draw its digits as paths, which no one can copy or search).
 */
const cache = new Map<string, string>();

/** The SVG of a Code 128 barcode for `text`; deterministic, memoised (a number is printed again and again). */
export function code128Svg(text: string): string {
  let svg = cache.get(text);
  if (svg === undefined) {
    svg = bwipJsModule().toSVG({ bcid: 'code128', text, height: 10, scale: 2, includetext: false, paddingwidth: 0, paddingheight: 0 });
    if (cache.size > 500) cache.clear();
    cache.set(text, svg);
  }
  return svg;
}

/** A barcode `width` pt wide, centred unless told otherwise. */
export function barcode(text: string, width: number, alignment: 'left' | 'center' | 'right' = 'center', height?: number): Content {
  return { svg: code128Svg(text), width, ...(height ? { height } : {}), alignment } as Content;
}
