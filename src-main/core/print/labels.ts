import en from '../../../src-shared/i18n/en.json';
import zhCN from '../../../src-shared/i18n/zh-CN.json';
import type { PrintLanguage } from '../../../src-shared/print/form-models';

/** The `print` section of the i18n catalogues: every label a printed form shows. */
export type PrintLabels = typeof zhCN.print;

/** The labels for a language (labels follow the UI language; data is printed as entered). */
export function printLabels(language: PrintLanguage): PrintLabels {
  return language === 'en' ? en.print : zhCN.print;
}

/** Replaces `{{name}}` placeholders, as i18next does. A missing value leaves the placeholder visible. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
