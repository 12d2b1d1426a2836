import type { Me } from '../../src-shared/contract/auth';
import type { Language } from '../../src-shared/contract/common';
import type { ApiError } from '../../src-shared/contract/errors';
import type { ApiClient } from '../api/client';
import type { StoreGet, StoreSet } from './app-store';

export type SessionStatus = 'starting' | 'needsSetup' | 'signedOut' | 'signedIn';

export interface SessionSlice {
  status: SessionStatus;
  me: Me | null;
  /** The UI language: the user's own once signed in, the last one chosen on this screen before. */
  language: Language;
  /** Learn whether the branch is set up and whether a session is still open. */
  startSession(): Promise<void>;
  signIn(username: string, password: string): Promise<ApiError | null>;
  signOut(): Promise<void>;
  chooseLanguage(language: Language): Promise<void>;
  /** A call came back NOT_SIGNED_IN / SESSION_LOCKED: show the login screen again. */
  markSignedOut(): void;
}

const LANGUAGE_KEY = 'aftercare.language';

function rememberedLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(LANGUAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

export function createSessionSlice(api: ApiClient) {
  return (set: StoreSet, get: StoreGet): SessionSlice => ({
    status: 'starting',
    me: null,
    language: rememberedLanguage(),

    async startSession() {
      const setup = await api.call('setup.status', {});
      if (setup.ok && !setup.data.isSetUp) return set({ status: 'needsSetup' });
      const me = await api.call('auth.me', {});
      if (me.ok) set({ status: 'signedIn', me: me.data, language: me.data.user.language });
      else set({ status: 'signedOut', me: null });
    },

    async signIn(username, password) {
      const result = await api.call('auth.login', { username, password });
      if (!result.ok) return result.error;
      set({ status: 'signedIn', me: result.data, language: result.data.user.language });
      return null;
    },

    async signOut() {
      await api.call('auth.logout', {});
      // Start the next user from a fresh page: no list, report or user data of this one stays in
      // memory. The reload shows the login; showing it before would let typing race the reload.
      // The next user starts at the start screen, not on the page the last one left open.
      if (globalThis.location) {
        globalThis.history.replaceState(null, '', globalThis.location.pathname + globalThis.location.search);
        globalThis.location.reload();
        return;
      }
      set({ status: 'signedOut', me: null });
    },

    async chooseLanguage(language) {
      globalThis.localStorage?.setItem(LANGUAGE_KEY, language);
      set({ language });
      if (get().me) await api.call('profile.setLanguage', { language });
    },

    markSignedOut() {
      set({ status: 'signedOut', me: null });
    },
  });
}
