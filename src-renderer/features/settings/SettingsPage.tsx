import { Divider, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useAppStore } from '../../store/store-context';
import { BackupsPanel } from './BackupsPanel';
import { CalendarPanel } from './CalendarPanel';
import { HeadOfficePanel } from './HeadOfficePanel';
import { PrintPanel } from './PrintPanel';
import { UsersPanel } from './UsersPanel';

/** 设置: users and roles, business hours with holidays and 调休 days, the head-office connection, the language. */
export function SettingsPage() {
  const { t } = useTranslation();
  const canManageUsers = useAppStore((s) => s.me?.user.permissions.includes('users.manage') ?? false);
  const canManageSettings = useAppStore((s) => s.me?.user.permissions.includes('settings.manage') ?? false);
  const canManageBackups = useAppStore((s) => s.me?.user.permissions.includes('backups.manage') ?? false);
  return (
    <section aria-labelledby="settings-title">
      <Typography.Title level={3} id="settings-title">
        {t('nav.settings')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('areas.settings')}</Typography.Paragraph>
      {canManageUsers && (
        <>
          <UsersPanel />
          <Divider />
        </>
      )}
      {canManageSettings && (
        <>
          <CalendarPanel />
          <Divider />
          <HeadOfficePanel />
          <Divider />
          <PrintPanel />
          <Divider />
        </>
      )}
      {canManageBackups && (
        <>
          <BackupsPanel />
          <Divider />
        </>
      )}
      <section aria-labelledby="language-title">
        <Typography.Title level={4} id="language-title">
          {t('settingsUi.language')}
        </Typography.Title>
        <Space>
          <LanguageSwitch />
          <Typography.Text type="secondary">{t('settingsUi.languageHelp')}</Typography.Text>
        </Space>
      </section>
    </section>
  );
}
