import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRINT_FONT } from '../../../src-main/core/print/common';
import { locateFonts } from '../../../src-main/core/print/fonts';
import { isInsideFolder, renderPdf, warmUpPrinting } from '../../../src-main/core/print/render';

/**
 * A document definition can name files and URLs (images, attachments, SVG images). The renderer fetches
 * no URL and reads no local file outside the font folder, whatever the definition says.
 */
const ONE_PIXEL_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
let tmp: string;
let realPng: string;

const doc = (content: Content[], extra: Partial<TDocumentDefinitions> = {}): TDocumentDefinitions => ({ content, defaultStyle: { font: PRINT_FONT }, ...extra });

beforeAll(async () => {
  await warmUpPrinting();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'aftercare-print-'));
  realPng = path.join(tmp, 'secret.png');
  writeFileSync(realPng, Buffer.from(ONE_PIXEL_PNG.split(',')[1]!, 'base64'));
});

describe('the print renderer', () => {
  it('renders an image given inline as a data URL', async () => {
    const pdf = await renderPdf(doc([{ text: '签名' }, { image: ONE_PIXEL_PNG, width: 20 }]));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses an image read from a local file outside the font folder', async () => {
    await expect(renderPdf(doc([{ image: realPng, width: 20 }]))).rejects.toThrow(/Access to local file denied/);
    await expect(renderPdf(doc([{ image: 'secret', width: 20 }], { images: { secret: realPng } }))).rejects.toThrow(/Access to local file denied/);
    await expect(renderPdf(doc([{ image: '/etc/hostname', width: 20 }]))).rejects.toThrow(/Access to local file denied/);
  });

  it('refuses a path that climbs out of the font folder', async () => {
    const { dir } = locateFonts();
    const escape = path.join(dir, '..', '..', '..', 'package.json');
    await expect(renderPdf(doc([{ image: 'x', width: 20 }], { images: { x: escape } }))).rejects.toThrow(/Access to local file denied/);
  });

  it('refuses any URL, without fetching it', async () => {
    await expect(renderPdf(doc([{ image: 'logo', width: 20 }], { images: { logo: 'https://example.com/logo.png' } }))).rejects.toThrow(/Access to URL denied/);
    await expect(renderPdf(doc([{ image: 'logo', width: 20 }], { images: { logo: 'http://127.0.0.1:9/logo.png' } }))).rejects.toThrow(/Access to URL denied/);
  });

  it('refuses to attach or embed a local file', async () => {
    await expect(renderPdf(doc(['x'], { files: { leak: { src: '/etc/hostname' } } } as Partial<TDocumentDefinitions>))).rejects.toThrow(/Access to local file denied/);
  });

  it('refuses an SVG that embeds an image, in the content or in a page footer', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="${realPng}" width="10" height="10"/></svg>`;
    await expect(renderPdf(doc([{ svg, width: 10 }]))).rejects.toThrow(/SVG images may not embed/);
    const xlink = svg.replace('<image href', '<svg:image xlink:href');
    await expect(renderPdf(doc([{ stack: [{ table: { body: [[{ svg: xlink, width: 10 }]] } }] }]))).rejects.toThrow(/SVG images may not embed/);
    await expect(renderPdf(doc(['x'], { footer: () => ({ svg, width: 10 }) }))).rejects.toThrow(/SVG images may not embed/);
  });

  it('judges folders after resolving .. and symbolic links', () => {
    const { dir } = locateFonts();
    expect(isInsideFolder(dir, path.join(dir, '400Regular', 'NotoSansSC_400Regular.ttf'))).toBe(true);
    expect(isInsideFolder(dir, path.join(dir, '..', 'noto-sans-sc-evil', 'x.png'))).toBe(false);
    expect(isInsideFolder(dir, `${dir}-evil/x.png`)).toBe(false);
    expect(isInsideFolder(dir, dir)).toBe(false);
    expect(isInsideFolder(dir, '/etc/passwd')).toBe(false);
  });
});
