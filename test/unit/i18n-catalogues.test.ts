import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src-shared/contract/errors';
import en from '../../src-shared/i18n/en.json';
import zhCN from '../../src-shared/i18n/zh-CN.json';

/** The two catalogues stay in step: every key in both, nothing empty, every error and validation key. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
type Catalogue = { [key: string]: string | Catalogue };

/** Every leaf as `a.b.c` → text. */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flatten(value, full)) out.set(k, v);
    } else {
      out.set(full, value);
    }
  }
  return out;
}

const catalogues = { 'zh-CN': flatten(zhCN as Catalogue), en: flatten(en as Catalogue) };
type Language = keyof typeof catalogues;
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/**
 * i18next plurals: `key_one` / `key_other` in English, one plain `key` in Chinese (one form only).
 * Keys are compared by their base, and a plural key must carry exactly the forms its language has.
 */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(PLURAL_SUFFIX, '');
const pluralForms = (language: Language) => new Intl.PluralRules(language).resolvedOptions().pluralCategories;

/** Base key → the plural forms present (empty for a plain key). */
function byBase(language: Language): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of catalogues[language].keys()) {
    const forms = out.get(baseKey(key)) ?? [];
    const suffix = PLURAL_SUFFIX.exec(key)?.[1];
    out.set(baseKey(key), suffix ? [...forms, suffix] : forms);
  }
  return out;
}

/** The text that stands for `base` in Chinese (its plain key, or its one `_other` form). */
const chineseText = (base: string) => catalogues['zh-CN'].get(base) ?? catalogues['zh-CN'].get(`${base}_other`);

function contractSources(): string {
  const dir = path.join(root, 'src-shared/contract');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

describe('the i18n catalogues', () => {
  it('have exactly the same keys in zh-CN and en (plural forms counted once)', () => {
    const zhKeys = [...byBase('zh-CN').keys()].sort();
    const enKeys = [...byBase('en').keys()].sort();
    expect(zhKeys.filter((k) => !enKeys.includes(k)), 'only in zh-CN').toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k)), 'only in en').toEqual([]);
    expect(zhKeys.length).toBeGreaterThan(50);
  });

  it('give a plural key every form of its language, never beside a plain key of the same name', () => {
    const plural = new Set([...byBase('en'), ...byBase('zh-CN')].filter(([, forms]) => forms.length > 0).map(([base]) => base));
    expect(plural.has('dispatch.load'), 'the board’s technician load').toBe(true);
    for (const base of plural) {
      expect(byBase('en').get(base)!.sort(), `en ${base}`).toEqual([...pluralForms('en')].sort());
      expect(catalogues.en.has(base), `en ${base} also as a plain key`).toBe(false);
      // Chinese has one form: the plain key or `_other`, not both.
      const zhForms = byBase('zh-CN').get(base)!;
      if (zhForms.length > 0) expect(zhForms.sort(), `zh-CN ${base}`).toEqual([...pluralForms('zh-CN')].sort());
      if (zhForms.length > 0) expect(catalogues['zh-CN'].has(base), `zh-CN ${base} also as a plain key`).toBe(false);
      for (const language of ['en', 'zh-CN'] as const) {
        for (const [key, text] of catalogues[language]) if (baseKey(key) === base) expect(placeholders(text as string), `${language} ${key}`).toContain('count');
      }
    }
  });

  it('read "1 call" and "2 calls" in English and one form in Chinese, through i18next', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'en', fallbackLng: 'zh-CN', interpolation: { escapeValue: false } });
    expect(i18n.t('dispatch.load', { name: '刘洋', count: 1 })).toBe('刘洋: 1 call');
    expect(i18n.t('dispatch.load', { name: '刘洋', count: 2 })).toBe('刘洋: 2 calls');
    expect(i18n.t('dispatch.load', { name: '刘洋', count: 0 })).toBe('刘洋: 0 calls');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('dispatch.load', { name: '刘洋', count: 1 })).toBe('刘洋：1 单');
  });

  it('hold a non-empty string at every key', () => {
    for (const [language, entries] of Object.entries(catalogues)) {
      for (const [key, value] of entries) {
        expect(typeof value, `${language} ${key}`).toBe('string');
        expect((value as string).trim(), `${language} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same {{placeholders}} in both languages (in every plural form)', () => {
    for (const [key, text] of catalogues.en) {
      const zh = chineseText(baseKey(key));
      if (typeof zh === 'string' && typeof text === 'string') expect(placeholders(text), key).toEqual(placeholders(zh));
    }
  });

  it('translate every error code', () => {
    for (const code of ERROR_CODES) {
      expect(catalogues['zh-CN'].has(`errors.${code}`), `zh-CN errors.${code}`).toBe(true);
      expect(catalogues.en.has(`errors.${code}`), `en errors.${code}`).toBe(true);
    }
  });

  it('translate every validation key the contract names', () => {
    const used = new Set([...contractSources().matchAll(/['"`](validation\.[A-Za-z0-9_]+)['"`]/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThanOrEqual(8);
    const missing = (language: keyof typeof catalogues) => [...used].filter((key) => !catalogues[language].has(key));
    expect(missing('zh-CN'), 'missing in zh-CN').toEqual([]);
    expect(missing('en'), 'missing in en').toEqual([]);
  });

  it('translate the zod fallbacks the dispatcher can produce for the contract’s schemas', () => {
    for (const code of ['invalid_type', 'too_small', 'too_big', 'invalid_format', 'invalid_value', 'unrecognized_keys', 'custom']) {
      expect(catalogues['zh-CN'].has(`validation.${code}`), code).toBe(true);
      expect(catalogues.en.has(`validation.${code}`), code).toBe(true);
    }
  });
});
