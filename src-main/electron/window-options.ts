/**
 * The security settings of the app window, kept apart from the code that imports Electron so a plain
 * Node test can read them and fail if any is loosened.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
});

/** The one IPC channel every operation goes through. */
export const IPC_CHANNEL = 'aftercare:invoke';

/**
 * The print preview window shows one PDF the main process wrote, in Chromium's own PDF viewer (its
 * toolbar has print, which opens the system print dialog, and save). The viewer is a built-in
 * plugin, so this window alone allows plugins; it has no preload and never loads the app.
 */
export const PREVIEW_WEB_PREFERENCES = Object.freeze({ ...SECURE_WEB_PREFERENCES, plugins: true });
