import { Alert, Button, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/contract/errors';
import type { SupervisorDayView } from '../../../src-shared/contract/reports';
import type { Permission } from '../../../src-shared/contract/roles';
import { SERVICE_CATEGORIES } from '../../../src-shared/sync/report-envelope';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { formatInstant, formatMinutes } from './format';
import { TechnicianDayDrawer } from './TechnicianDayDrawer';

type Row = SupervisorDayView['rows'][number];
const NO_PERMISSIONS: readonly Permission[] = [];
const COUNTS = ['received', 'dispatched', 'finishedOnSite', 'takenIn', 'returned', 'late', 'openAtDayEnd'] as const;
const STATUS_COLOR = { draft: 'default', supervisorSigned: 'blue', managerSigned: 'green' } as const;

/** 服务主任日报表: minutes by technician and category, the day's counts, who still has to confirm, the signatures. */
export function SupervisorDayPanel() {
  const { t } = useTranslation();
  const day = useAppStore((s) => s.supervisorDay);
  const technicians = useAppStore((s) => s.reportTechnicians);
  const permissions = useAppStore((s) => s.me?.user.permissions ?? NO_PERMISSIONS);
  const viewTechnicianDay = useAppStore((s) => s.viewTechnicianDay);
  const signSupervisorDay = useAppStore((s) => s.signSupervisorDay);
  const managerSignDay = useAppStore((s) => s.managerSignDay);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!day) return null;

  const run = async (action: () => Promise<ApiError | null>) => {
    setBusy(true);
    setFailure(await action());
    setBusy(false);
  };
  const canSign = permissions.includes('reports.supervisor') && day.status !== 'supervisorSigned';
  const canManagerSign = permissions.includes('reports.managerSign') && day.status === 'supervisorSigned';
  const sumOf = (row: Row) => SERVICE_CATEGORIES.reduce((s, c) => s + row[c], 0);
  const columns: ColumnsType<Row> = [
    { title: t('reportsUi.technician'), dataIndex: 'technicianName', width: 120 },
    ...SERVICE_CATEGORIES.map((c) => ({ title: t(`categories.${c}`), dataIndex: c, width: 120, render: (m: number) => formatMinutes(t, m) })),
    { title: t('reportsUi.total'), key: 'total', width: 120, render: (_v, row) => formatMinutes(t, sumOf(row)) },
  ];

  return (
    <section aria-labelledby="supervisor-day-title">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Space>
          <Typography.Title level={4} id="supervisor-day-title" style={{ margin: 0 }}>
            {t('reportsUi.supervisorTitle')}
          </Typography.Title>
          <Tag color={STATUS_COLOR[day.status]}>{t(`reportsUi.supervisorStatus.${day.status}`)}</Tag>
          {day.revision > 1 && <Tag>{t('reportsUi.revision', { revision: day.revision })}</Tag>}
        </Space>
        <Space>
          {canSign && (
            <Button type="primary" disabled={busy} onClick={() => void run(signSupervisorDay)}>
              {day.status === 'managerSigned' ? t('reportsUi.signCorrection') : t('reportsUi.sign')}
            </Button>
          )}
          {canManagerSign && (
            <Button type="primary" disabled={busy} onClick={() => void run(managerSignDay)}>
              {t('reportsUi.managerSign')}
            </Button>
          )}
        </Space>
      </Space>
      {failure && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={errorText(t, failure)} />}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {day.supervisorSignedBy ? t('reportsUi.supervisorSigned', { name: day.supervisorSignedBy, at: formatInstant(day.supervisorSignedAt) }) : t('reportsUi.supervisorNotSigned')}
        {' · '}
        {day.managerSignedBy ? t('reportsUi.managerSigned', { name: day.managerSignedBy, at: formatInstant(day.managerSignedAt) }) : t('reportsUi.managerNotSigned')}
      </Typography.Paragraph>
      {day.waitingFor.length > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('reportsUi.waitingFor', { names: day.waitingFor.map((w) => `${w.name}（${t(`reportsUi.technicianStatus.${w.status}`)}）`).join('、') })}
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 8 }} title={t('reportsUi.allConfirmed')} />
      )}
      <section aria-labelledby="day-counts-title" style={{ marginBottom: 12 }}>
        <Descriptions
          title={<span id="day-counts-title">{t('reportsUi.counts')}</span>}
          size="small"
          bordered
          column={7}
          layout="vertical"
          items={COUNTS.map((c) => ({ key: c, label: t(`reportsUi.countNames.${c}`), children: day.counts[c] }))}
        />
      </section>
      <Table<Row>
        aria-label={t('reportsUi.byTechnician')}
        rowKey="technicianCode"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={day.rows}
        locale={{ emptyText: t('reportsUi.noConfirmedDays') }}
        style={{ marginBottom: 12 }}
      />
      <Space wrap aria-label={t('reportsUi.technicianDays')} role="group">
        <Typography.Text>{t('reportsUi.technicianDays')}:</Typography.Text>
        {technicians.map((tech) => (
          <Button key={tech.id} aria-label={t('reportsUi.viewDayOf', { name: tech.name })} onClick={() => void viewTechnicianDay(tech.id).then(setFailure)}>
            {tech.name}
          </Button>
        ))}
      </Space>
      <TechnicianDayDrawer />
    </section>
  );
}
