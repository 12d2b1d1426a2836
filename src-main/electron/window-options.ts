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
