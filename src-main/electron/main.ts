import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { openBranchApp, type BranchApp } from '../core/branch-app';
import { backupsFolderOf } from '../core/db/backup-keeper';
import { DatabaseDamagedError } from '../core/db/integrity';
import { SchemaTooNewError } from '../core/db/migrate';
import { DatabaseInUseError } from '../core/db/writer-lock';
import { seedDemoBranch } from '../core/demo/demo-branch';
import en from '../../src-shared/i18n/en.json';
import zhCN from '../../src-shared/i18n/zh-CN.json';
import { CONTENT_SECURITY_POLICY } from '../transports/http/security-headers';
import type { PrintedForm } from '../../src-shared/contract/print';
import { showPrintedForm } from './print-window';
import { IPC_CHANNEL, SECURE_WEB_PREFERENCES } from './window-options';

/**
 * The Electron rim: one window, one IPC channel into the same dispatcher the browser mode uses. The
 * session token stays here, per window; the renderer never sees it.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const isDemo = process.argv.includes('--demo');
const tokens = new Map<number, string>();
let branch: BranchApp | null = null;

function nativeBinding(): string | undefined {
  const candidates = [
    path.join(process.resourcesPath ?? '', 'better_sqlite3.node'),
    path.join(app.getAppPath(), 'build/electron-native/better_sqlite3.node'),
  ];
  return candidates.find((file) => existsSync(file));
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    title: '售后通 Aftercare',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: path.join(here, '../preload/index.cjs') },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void window.loadFile(path.join(here, '../renderer/index.html'));
  return window;
}

/**
 * The data cannot be used: say why, and for a damaged file offer the backups folder (restore the latest
 * backup), then quit. Nothing was written to the file. Also used when the background quick check finds
 * damage after the window is open.
 */
async function refuseData(error: Error, dataDir: string): Promise<void> {
  const text = app.getLocale().startsWith('zh') ? zhCN.startup : en.startup;
  const damaged = error instanceof DatabaseDamagedError;
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: '售后通 Aftercare',
    message: damaged ? text.databaseDamaged : text.cannotOpen,
    detail: error.message,
    buttons: damaged ? [text.openBackupsFolder, text.quit] : [text.quit],
    defaultId: 0,
  });
  if (damaged && response === 0) await shell.openPath(backupsFolderOf(dataDir));
  const open = branch;
  branch = null;
  await open?.close();
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(async () => {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }),
    );
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    const dataDir = process.env.AFTERCARE_DATA_DIR ?? (isDemo ? app.getPath('temp') + '/aftercare-demo-' + Date.now() : app.getPath('userData'));
    const binding = nativeBinding();
    try {
      branch = await openBranchApp({ dataDir, ...(binding ? { nativeBinding: binding } : {}) });
    } catch (error) {
      if (error instanceof DatabaseInUseError || error instanceof DatabaseDamagedError || error instanceof SchemaTooNewError) return refuseData(error, dataDir);
      throw error;
    }
    // A large file is checked while the window is already up; every write waits for the check.
    void branch.integrity.then((verdict) => (verdict.state === 'damaged' ? refuseData(verdict.error, dataDir) : undefined));
    if (isDemo) await seedDemoBranch(branch.dispatch, new Date());
    branch.startSync();
    branch.startBackups();

    const window = createWindow();
    ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown) => {
      // Only our own window's top frame may call in.
      if (event.sender !== window.webContents || event.senderFrame !== window.webContents.mainFrame) {
        return { ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN' } };
      }
      const outcome = await branch!.dispatch({ method: String(method), input, token: tokens.get(event.sender.id) });
      if (outcome.sessionChange && 'set' in outcome.sessionChange) tokens.set(event.sender.id, outcome.sessionChange.set.token);
      else if (outcome.sessionChange) tokens.delete(event.sender.id);
      // A form for the printer: the preview (or the receipt roll's printer) is the desktop app's job.
      if (method === 'print.form' && outcome.result.ok && (outcome.result.data as PrintedForm).output === 'print') {
        await showPrintedForm(window, outcome.result.data as PrintedForm);
      }
      return outcome.result;
    });
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  app.on('window-all-closed', () => {
    void branch?.close();
    app.quit();
  });
}
