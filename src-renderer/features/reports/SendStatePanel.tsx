import { Alert, Button, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/contract/errors';
import type { SupervisorDayView } from '../../../src-shared/contract/reports';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { formatInstant } from './format';

type OutboxEntry = SupervisorDayView['outbox'][number];

/** The day's reports on their way to head office, and the state of the sending itself, in plain words. */
export function SendStatePanel() {
  const { t } = useTranslation();
  const outbox = useAppStore((s) => s.supervisorDay?.outbox ?? null);
  const status = useAppStore((s) => s.syncStatus);
  const canManage = useAppStore((s) => s.me?.user.permissions.includes('sync.manage') ?? false);
  const sendReportsNow = useAppStore((s) => s.sendReportsNow);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);

  const columns: ColumnsType<OutboxEntry> = [
    { title: t('reportsUi.outboxKind'), dataIndex: 'kind', width: 140, render: (k: OutboxEntry['kind']) => t(`reportsUi.reportKinds.${k}`) },
    { title: t('reportsUi.outboxKey'), dataIndex: 'reportKey', ellipsis: true },
    { title: t('reportsUi.outboxRevision'), dataIndex: 'revision', width: 90 },
    {
      title: t('reportsUi.outboxState'),
      key: 'state',
      width: 240,
      render: (_v, e) =>
        e.sentAt ? <Tag color="green">{t('reportsUi.sentAt', { at: formatInstant(e.sentAt) })}</Tag> : <Tag color="gold">{t('reportsUi.queuedTries', { tries: e.attempts })}</Tag>,
    },
  ];
  // Not configured is said once, in plain words, rather than also as the last error.
  const lastError = status?.lastError && (status.isConfigured || status.lastError.key !== 'sync.error.notConfigured') ? status.lastError : null;

  return (
    <section aria-labelledby="send-state-title">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={4} id="send-state-title" style={{ margin: 0 }}>
          {t('reportsUi.sendState')}
        </Typography.Title>
        {canManage && (
          <Button
            disabled={sending}
            onClick={async () => {
              setSending(true);
              setFailure(await sendReportsNow());
              setSending(false);
            }}
          >
            {t('reportsUi.sendNow')}
          </Button>
        )}
      </Space>
      {failure && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={errorText(t, failure)} />}
      {outbox && (
        <Table<OutboxEntry>
          aria-label={t('reportsUi.outbox')}
          rowKey={(e) => `${e.reportKey}/${e.revision}`}
          size="small"
          pagination={false}
          columns={columns}
          dataSource={outbox}
          locale={{ emptyText: t('reportsUi.outboxEmpty') }}
          style={{ marginBottom: 12 }}
        />
      )}
      {status && (
        <>
          {!status.isConfigured && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('reportsUi.notConfigured')} />}
          {lastError && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t('reportsUi.lastError', { message: t(lastError.key, lastError.params), at: formatInstant(lastError.at) })} />}
          <section aria-labelledby="sync-status-title">
            <Descriptions
              title={<span id="sync-status-title">{t('reportsUi.syncStatus')}</span>}
              size="small"
              bordered
              column={4}
              items={[
                { key: 'queued', label: t('reportsUi.queued'), children: status.queued },
                { key: 'lastSuccess', label: t('reportsUi.lastSuccess'), children: status.lastSuccessAt ? formatInstant(status.lastSuccessAt) : t('reportsUi.never') },
                { key: 'nextTry', label: t('reportsUi.nextTry'), children: status.nextTryAt ? formatInstant(status.nextTryAt) : t('reportsUi.nothingToSend') },
                { key: 'failures', label: t('reportsUi.failures'), children: status.failures },
              ]}
            />
          </section>
        </>
      )}
    </section>
  );
}
