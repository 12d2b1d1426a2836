import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf } from '../../../src-main/core/print/render';

/** Where the forms land for a person to look at: PDFs and 60 dpi PNGs of every page. */
export const FORMS_OUTPUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-output/forms');

export interface RenderedPdf {
  file: string;
  bytes: Buffer;
  /** `pdftotext -layout` of the whole document. */
  text: string;
  /** Page count as poppler sees it. */
  pages: number;
}

/** `pdftotext -layout` with spaces collapsed, so a check does not depend on column alignment. */
export function pdfText(file: string): string {
  return execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

export function pageCount(file: string): number {
  const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Renders a definition into test-output/forms/<name>.pdf and reads its text back. */
export async function renderToFile(name: string, doc: TDocumentDefinitions): Promise<RenderedPdf> {
  mkdirSync(FORMS_OUTPUT, { recursive: true });
  const bytes = await renderPdf(doc);
  const file = path.join(FORMS_OUTPUT, `${name}.pdf`);
  writeFileSync(file, bytes);
  return { file, bytes, text: pdfText(file), pages: pageCount(file) };
}

/** Every page as a PNG at 60 dpi (`<name>-1.png`, ...); returns the PNG files written. */
export function renderPngs(pdfFile: string): string[] {
  const prefix = pdfFile.replace(/\.pdf$/, '');
  const base = path.basename(prefix);
  for (const old of readdirSync(FORMS_OUTPUT).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))) rmSync(path.join(FORMS_OUTPUT, old));
  execFileSync('/usr/bin/pdftoppm', ['-r', '60', '-png', pdfFile, prefix]);
  return readdirSync(FORMS_OUTPUT)
    .filter((f) => new RegExp(`^${base}-\\d+\\.png$`).test(f))
    .map((f) => path.join(FORMS_OUTPUT, f));
}

/** The text with runs of white space made single spaces. */
export const squeeze = (text: string): string => text.replace(/[ \t]+/g, ' ');

/** The text without any white space: for phrases a narrow column may wrap, or poppler may space differently. */
export const compact = (text: string): string => text.replace(/\s+/g, '');
