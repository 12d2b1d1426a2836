import type { InputOf, MethodName, OutputOf } from '../../src-shared/contract';
import { apiError, type ApiResult } from '../../src-shared/contract/errors';

/** The renderer's only way to data: one typed call per contract method, over IPC or HTTP. */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<ApiResult<OutputOf<M>>>;
}

/** What the Electron preload exposes on `window.aftercare`. */
export interface IpcBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    aftercare?: IpcBridge;
  }
}

const networkFailure = { ok: false, error: apiError('NETWORK') } as const;

export function createIpcClient(bridge: IpcBridge): ApiClient {
  return {
    async call(method, input) {
      try {
        return (await bridge.invoke(method, input)) as never;
      } catch {
        return networkFailure;
      }
    },
  };
}

/** Browser mode: `POST /api/<method>`; the session cookie is HttpOnly and sent by the browser. */
export function createHttpClient(baseUrl = ''): ApiClient {
  return {
    async call(method, input) {
      try {
        const response = await fetch(`${baseUrl}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify({ input }),
        });
        return (await response.json()) as never;
      } catch {
        return networkFailure;
      }
    },
  };
}

export function createDefaultClient(): ApiClient {
  return window.aftercare ? createIpcClient(window.aftercare) : createHttpClient();
}
