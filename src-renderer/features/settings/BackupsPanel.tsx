import { Alert, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { format } from 'date-fns';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupKind, BackupView, RestoreOutcome } from '../../../src-shared/contract/backups';
import type { ApiError } from '../../../src-shared/contract/errors';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';

const KIND_COLOURS: Record<BackupKind, string> = { daily: 'blue', manual: 'green', beforeMigration: 'purple', beforeRestore: 'gold' };

const formatTaken = (iso: string) => format(new Date(iso), 'yyyy-MM-dd HH:mm:ss');
const formatSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const totalRows = (b: BackupView) => Object.values(b.tables).reduce((sum, n) => sum + n, 0);

/** 备份: the backups folder, 'back up now', and restore with a confirmation. Admin and manager only. */
export function BackupsPanel() {
  const { t } = useTranslation();
  const list = useAppStore((s) => s.backupList);
  const loadBackups = useAppStore((s) => s.loadBackups);
  const backUpNow = useAppStore((s) => s.backUpNow);
  const restoreBackup = useAppStore((s) => s.restoreBackup);
  // Signing out reloads the page: nothing of the replaced data stays on screen or in memory.
  const signOut = useAppStore((s) => s.signOut);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [restored, setRestored] = useState<RestoreOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => void loadBackups(), [loadBackups]);

  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    setCreated(null);
    await work();
    setBusy(false);
  };
  const onBackUpNow = () =>
    run(async () => {
      const result = await backUpNow();
      if ('error' in result) setFailure(result.error);
      else setCreated(result.created.id);
    });
  const onRestore = (id: string) =>
    run(async () => {
      const result = await restoreBackup(id);
      if ('error' in result) setFailure(result.error);
      else setRestored(result.outcome);
    });

  if (restored) {
    return (
      <section aria-labelledby="backups-title">
        <Typography.Title level={4} id="backups-title">
          {t('backupsUi.title')}
        </Typography.Title>
        <Alert
          type="success"
          showIcon
          title={t('backupsUi.restored', { time: formatTaken(restored.restored.createdAt), safety: restored.safetyBackup.id })}
          action={<Button onClick={() => void signOut()}>{t('backupsUi.signInAgain')}</Button>}
        />
      </section>
    );
  }

  const columns: ColumnsType<BackupView> = [
    { title: t('backupsUi.createdAt'), dataIndex: 'createdAt', width: 170, render: (iso: string) => formatTaken(iso) },
    { title: t('backupsUi.kind'), dataIndex: 'kind', width: 110, render: (kind: BackupKind) => <Tag color={KIND_COLOURS[kind]}>{t(`backupsUi.kinds.${kind}`)}</Tag> },
    { title: t('backupsUi.size'), dataIndex: 'sizeBytes', width: 90, align: 'right', render: formatSize },
    { title: t('backupsUi.schemaVersion'), dataIndex: 'schemaVersion', width: 90, align: 'right' },
    { title: t('backupsUi.records'), key: 'records', width: 90, align: 'right', render: (_v, b) => totalRows(b) },
    { title: t('backupsUi.createdBy'), dataIndex: 'createdBy', width: 110, render: (by: string | null) => by ?? '—' },
    {
      title: t('backupsUi.actions'),
      key: 'actions',
      width: 110,
      render: (_v, b) => (
        <Popconfirm
          title={t('backupsUi.confirmTitle', { time: formatTaken(b.createdAt) })}
          description={<div style={{ maxWidth: 360 }}>{t('backupsUi.confirmBody')}</div>}
          okText={t('backupsUi.confirmOk')}
          okButtonProps={{ danger: true }}
          cancelText={t('backupsUi.cancel')}
          onConfirm={() => onRestore(b.id)}
        >
          <Button danger disabled={busy} aria-label={t('backupsUi.restoreNamed', { time: formatTaken(b.createdAt) })}>
            {t('backupsUi.restore')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <section aria-labelledby="backups-title">
      <Typography.Title level={4} id="backups-title">
        {t('backupsUi.title')}
      </Typography.Title>
      {list && <Typography.Paragraph type="secondary">{t('backupsUi.intro', { folder: list.folder })}</Typography.Paragraph>}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button type="primary" disabled={busy} onClick={() => void onBackUpNow()}>
          {t('backupsUi.backUpNow')}
        </Button>
        {failure && <Alert type="error" showIcon title={errorText(t, failure)} />}
        {created && <Alert type="success" showIcon title={t('backupsUi.created', { id: created })} />}
        <Table<BackupView>
          aria-label={t('backupsUi.list')}
          rowKey="id"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={list?.backups ?? []}
          locale={{ emptyText: t('backupsUi.empty') }}
        />
      </Space>
    </section>
  );
}
