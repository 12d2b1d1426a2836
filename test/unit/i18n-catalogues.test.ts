import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function contractSources(): string {
  const dir = path.join(root, 'src-shared/contract');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

describe('the i18n catalogues', () => {
  it('have exactly the same keys in zh-CN and en', () => {
    const zhKeys = [...catalogues['zh-CN'].keys()].sort();
    const enKeys = [...catalogues.en.keys()].sort();
    expect(zhKeys.filter((k) => !catalogues.en.has(k)), 'only in zh-CN').toEqual([]);
    expect(enKeys.filter((k) => !catalogues['zh-CN'].has(k)), 'only in en').toEqual([]);
    expect(zhKeys.length).toBeGreaterThan(50);
  });

  it('hold a non-empty string at every key', () => {
    for (const [language, entries] of Object.entries(catalogues)) {
      for (const [key, value] of entries) {
        expect(typeof value, `${language} ${key}`).toBe('string');
        expect((value as string).trim(), `${language} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same {{placeholders}} in both languages', () => {
    for (const [key, zh] of catalogues['zh-CN']) {
      const other = catalogues.en.get(key);
      if (typeof zh === 'string' && typeof other === 'string') expect(placeholders(other), key).toEqual(placeholders(zh));
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
