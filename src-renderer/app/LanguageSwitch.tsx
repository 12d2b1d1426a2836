import { Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/contract/common';
import { LANGUAGES } from '../i18n/i18n';
import { useAppStore } from '../store/store-context';

/** 中文 / English, always visible: on the login screen and in the header. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const chooseLanguage = useAppStore((s) => s.chooseLanguage);
  return (
    <Radio.Group
      aria-label={t('language.label')}
      size="small"
      optionType="button"
      value={language}
      onChange={(e) => void chooseLanguage(e.target.value as Language)}
      options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
    />
  );
}
