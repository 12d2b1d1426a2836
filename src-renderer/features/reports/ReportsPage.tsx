import { Alert, DatePicker, Divider, Space, Spin, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../src-shared/contract/roles';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { DayEndPanel } from './DayEndPanel';
import { MonthSummaryPanel } from './MonthSummaryPanel';
import { MyDayPanel } from './MyDayPanel';
import { SendStatePanel } from './SendStatePanel';
import { SupervisorDayPanel } from './SupervisorDayPanel';

const NO_PERMISSIONS: readonly Permission[] = [];

/**
 * 日报表: the technician's day, the supervisor's report with the signatures, and the send state to head
 * office; for the supervisor and the manager also the month's summary (月度汇总), in a second tab.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const date = useAppStore((s) => s.reportDate);
  const loading = useAppStore((s) => s.reportsLoading);
  const failure = useAppStore((s) => s.reportsError);
  const chooseReportDate = useAppStore((s) => s.chooseReportDate);
  const permissions = useAppStore((s) => s.me?.user.permissions ?? NO_PERMISSIONS);
  const isTechnician = permissions.includes('reports.technician');
  const seesBranch = permissions.includes('calls.read') && !isTechnician;
  const seesSendState = permissions.includes('sync.manage');
  // The permission reports.monthSummary asks for in the main process (supervisor, manager).
  const seesMonth = permissions.includes('reports.month');
  const [tab, setTab] = useState<'day' | 'month'>('day');

  // Today at first; the page (not the store) reads the clock. Coming back keeps the day chosen before.
  const [firstDate] = useState(() => date ?? dayjs().format('YYYY-MM-DD'));
  useEffect(() => void chooseReportDate(firstDate), [chooseReportDate, firstDate]);

  const dayContent = (
    <>
      {failure && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={errorText(t, failure)} />}
      {isTechnician && <MyDayPanel />}
      {seesBranch && <SupervisorDayPanel />}
      {seesBranch && (
        <>
          <Divider />
          <DayEndPanel />
        </>
      )}
      {seesSendState && (
        <>
          <Divider />
          <SendStatePanel />
        </>
      )}
    </>
  );

  return (
    <section aria-labelledby="reports-title">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={3} id="reports-title" style={{ margin: 0 }}>
          {t('nav.reports')}
        </Typography.Title>
        {tab === 'day' && (
          <Space>
            <label htmlFor="report-day">{t('reportsUi.day')}</label>
            <DatePicker
              id="report-day"
              allowClear={false}
              value={date ? dayjs(date) : null}
              onChange={(d) => d && void chooseReportDate(d.format('YYYY-MM-DD'))}
            />
            {loading && <Spin size="small" />}
          </Space>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('areas.reports')}</Typography.Paragraph>
      {seesMonth ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as 'day' | 'month')}
          items={[
            { key: 'day', label: t('monthUi.dayTab'), children: dayContent },
            { key: 'month', label: t('monthUi.title'), children: <MonthSummaryPanel /> },
          ]}
        />
      ) : (
        dayContent
      )}
    </section>
  );
}
