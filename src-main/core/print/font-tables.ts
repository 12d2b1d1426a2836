import { createRequire } from 'node:module';

/**
 * pdfkit opens the font anew for every document (fontkit.create on the bytes), and fontkit then decodes
 * the CJK font's cmap, GSUB, GPOS and metrics tables again: about half of the time of a one-page form.
 * Decoded tables depend only on the font's bytes, so they are shared between the documents made from
 * the same (never mutated) buffer. This reaches into fontkit 2's TTFFont#_decodeTable; when that is not
 * there (another fontkit), nothing is changed and printing is merely slower.
 */

interface FontkitModule {
  create(buffer: Uint8Array): object;
}

interface TableDecoder {
  _decodeTable?: (this: { stream?: { buffer?: unknown } }, table: { tag: string }) => unknown;
  __aftercareShared?: true;
}

/** The fontkit instance pdfkit itself loads (resolved from pdfkit's folder, not ours). */
function pdfkitsFontkit(): FontkitModule | null {
  try {
    const fromHere = createRequire(import.meta.url);
    const pdfkitEntry = fromHere.resolve('pdfkit', { paths: [fromHere.resolve('pdfmake')] });
    return createRequire(pdfkitEntry)('fontkit') as FontkitModule;
  } catch {
    return null;
  }
}

/** Shares decoded font tables between documents; true when the sharing is in place. */
export function shareDecodedFontTables(sampleFont: Uint8Array): boolean {
  const fontkit = pdfkitsFontkit();
  if (!fontkit) return false;
  const proto = Object.getPrototypeOf(fontkit.create(sampleFont)) as TableDecoder;
  if (proto.__aftercareShared) return true;
  const decode = proto._decodeTable;
  if (typeof decode !== 'function') return false;
  const byBuffer = new WeakMap<object, Map<string, unknown>>();
  proto._decodeTable = function decodeShared(table) {
    const buffer = this.stream?.buffer;
    if (buffer === null || typeof buffer !== 'object') return decode.call(this, table);
    let tables = byBuffer.get(buffer);
    if (!tables) byBuffer.set(buffer, (tables = new Map()));
    if (!tables.has(table.tag)) tables.set(table.tag, decode.call(this, table));
    return tables.get(table.tag);
  };
  proto.__aftercareShared = true;
  return true;
}
