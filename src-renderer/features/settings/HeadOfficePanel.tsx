import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/contract/errors';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { fieldMessages } from './field-message';

/** 总部连接: the head-office URL and the secret head office printed for this branch. The secret is never shown again. */
export function HeadOfficePanel() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.syncStatus);
  const loadSyncStatus = useAppStore((s) => s.loadSyncStatus);
  const configureHeadOffice = useAppStore((s) => s.configureHeadOffice);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const fields = fieldMessages(t, failure);

  useEffect(() => void loadSyncStatus(), [loadSyncStatus]);

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setSaved(false);
    const error = await configureHeadOffice({ headOfficeUrl: url, branchSecret: secret });
    setBusy(false);
    setFailure(error);
    if (!error) {
      setSecret('');
      setSaved(true);
    }
  };

  return (
    <section aria-labelledby="head-office-title">
      <Typography.Title level={4} id="head-office-title">
        {t('settingsUi.headOffice')}
      </Typography.Title>
      {status && (
        <Typography.Paragraph type="secondary">{status.isConfigured ? t('settingsUi.headOfficeConfigured') : t('reportsUi.notConfigured')}</Typography.Paragraph>
      )}
      <Form layout="vertical" component="div">
        <form
          aria-label={t('settingsUi.headOffice')}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Space wrap align="start">
            <Form.Item label={t('settingsUi.headOfficeUrl')} htmlFor="head-office-url" validateStatus={fields.status('headOfficeUrl')} help={fields.message('headOfficeUrl')}>
              <Input id="head-office-url" style={{ width: 340 }} placeholder="https://hq.example.com" value={url} onChange={(e) => setUrl(e.target.value)} />
            </Form.Item>
            <Form.Item label={t('settingsUi.branchSecret')} htmlFor="branch-secret" validateStatus={fields.status('branchSecret')} help={fields.message('branchSecret')}>
              <Input.Password id="branch-secret" style={{ width: 280 }} autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />
            </Form.Item>
            <Form.Item label=" ">
              <Button htmlType="submit" type="primary" disabled={busy}>
                {t('settingsUi.saveHeadOffice')}
              </Button>
            </Form.Item>
          </Space>
          {failure && <Alert type="error" showIcon title={errorText(t, failure)} />}
          {saved && <Alert type="success" showIcon title={t('settingsUi.headOfficeSaved')} />}
        </form>
      </Form>
    </section>
  );
}
