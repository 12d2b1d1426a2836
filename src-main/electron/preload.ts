import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL } from './window-options';

// The renderer gets one function and nothing else from Node or Electron.
contextBridge.exposeInMainWorld('aftercare', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, input),
});
