import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../src-shared/i18n/en.json';
import zhCN from '../../src-shared/i18n/zh-CN.json';
import type { Language } from '../../src-shared/contract/common';

export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

/** Chinese first: every string of the UI comes from these catalogues, English switchable at any time. */
export function initI18n(language: Language) {
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
  return i18next;
}
