import { Descriptions, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { TechnicianDayView } from '../../../src-shared/contract/reports';
import { SERVICE_CATEGORIES, type TechnicianLine } from '../../../src-shared/sync/report-envelope';
import { formatInstant, formatMinutes } from './format';

const STATUS_COLOR = { open: 'default', confirmed: 'green', returned: 'orange' } as const;

export function TechnicianStatusTag({ day }: { day: TechnicianDayView }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[day.status]}>{t(`reportsUi.technicianStatus.${day.status}`)}</Tag>;
}

/** A technician's day: each job or task with its category and time, then the totals by category A-D. */
export function DayLines({ day, idPrefix }: { day: TechnicianDayView; idPrefix: string }) {
  const { t } = useTranslation();
  const columns: ColumnsType<TechnicianLine & { key: number }> = [
    { title: t('reportsUi.category'), dataIndex: 'category', width: 130, render: (c: string) => t(`categories.${c}`) },
    { title: t('reportsUi.minutes'), dataIndex: 'minutes', width: 110, render: (m: number) => formatMinutes(t, m) },
    { title: t('reportsUi.callNumber'), dataIndex: 'callNumber', width: 160, render: (n: string | null) => n ?? '—' },
    { title: t('reportsUi.description'), dataIndex: 'description', ellipsis: true },
  ];
  const total = SERVICE_CATEGORIES.reduce((sum, c) => sum + day.totalsByCategory[c], 0);
  return (
    <>
      <Table
        aria-label={t('reportsUi.lines')}
        rowKey="key"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={day.lines.map((line, key) => ({ ...line, key }))}
        locale={{ emptyText: t('reportsUi.noLines') }}
        style={{ marginBottom: 12 }}
      />
      <section aria-labelledby={`${idPrefix}-totals`}>
        <Descriptions
          title={<span id={`${idPrefix}-totals`}>{t('reportsUi.totals')}</span>}
          size="small"
          bordered
          column={5}
          items={[
            ...SERVICE_CATEGORIES.map((c) => ({ key: c, label: t(`categories.${c}`), children: formatMinutes(t, day.totalsByCategory[c]) })),
            { key: 'total', label: t('reportsUi.total'), children: formatMinutes(t, total) },
          ]}
        />
      </section>
      {day.confirmedAt && <p>{t('reportsUi.confirmedAt', { at: formatInstant(day.confirmedAt) })}</p>}
    </>
  );
}
