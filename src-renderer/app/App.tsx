import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter } from 'react-router';
import type { ApiClient } from '../api/client';
import { LoginPage } from '../features/login/LoginPage';
import { SetupPage } from '../features/setup/SetupPage';
import { Shell } from '../features/shell/Shell';
import { useAppStore } from '../store/store-context';

/** Chooses the screen from the session state, and keeps antd, i18next and <html lang> on one language. */
export function App({ api }: { api: ApiClient }) {
  const { i18n } = useTranslation();
  const status = useAppStore((s) => s.status);
  const language = useAppStore((s) => s.language);
  const startSession = useAppStore((s) => s.startSession);

  useEffect(() => void startSession(), [startSession]);
  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
    document.title = i18n.t('app.fullName');
  }, [i18n, language]);

  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} componentSize="small" button={{ autoInsertSpace: false }}>
      <AntApp>
        <HashRouter>
          {status === 'starting' && <Spin fullscreen />}
          {status === 'needsSetup' && <SetupPage api={api} onDone={() => void startSession()} />}
          {status === 'signedOut' && <LoginPage />}
          {status === 'signedIn' && <Shell />}
        </HashRouter>
      </AntApp>
    </ConfigProvider>
  );
}
