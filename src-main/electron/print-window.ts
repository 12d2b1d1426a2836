import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BrowserWindow } from 'electron';
import type { PrintedForm } from '../../src-shared/contract/print';
import { PREVIEW_WEB_PREFERENCES } from './window-options';

const run = promisify(execFile);

/** Where printed PDFs are written for the preview and the printer: the system's temp folder. */
function writeTempPdf(form: PrintedForm): string {
  const dir = path.join(os.tmpdir(), 'aftercare-print');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${Date.now()}-${path.basename(form.fileName)}`);
  writeFileSync(file, Buffer.from(form.pdfBase64, 'base64'));
  return file;
}

/**
 * Send a printed form where the settings say. The receipt roll set to print without asking goes
 * straight to its printer through the system's print spooler (`lp` on Linux and macOS); everything
 * else, and a silent print that fails or has no spooler (Windows), opens the preview window, whose
 * viewer offers the system print dialog and 'save'.
 */
export async function showPrintedForm(parent: BrowserWindow, form: PrintedForm): Promise<void> {
  const file = writeTempPdf(form);
  if (form.silent && process.platform !== 'win32') {
    try {
      await run('lp', [...(form.printer ? ['-d', form.printer] : []), file]);
      return;
    } catch {
      // No spooler or no such printer: the clerk still gets the receipt, through the preview.
    }
  }
  const preview = new BrowserWindow({
    parent,
    width: 900,
    height: 1000,
    title: form.fileName,
    webPreferences: { ...PREVIEW_WEB_PREFERENCES },
  });
  preview.webContents.on('will-navigate', (event) => event.preventDefault());
  preview.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  await preview.loadFile(file);
}
