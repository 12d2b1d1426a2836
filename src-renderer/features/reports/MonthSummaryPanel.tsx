import { Alert, DatePicker, Space, Spin, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonthDayRow, MonthTechnicianRow } from '../../../src-shared/contract/reports';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { monthDayColumns, monthTechnicianColumns } from './month-columns';
import { MonthTotals } from './MonthTotals';

/**
 * 月度汇总: the branch's month from the books — the totals, each day's calls, jobs, late arrivals, fees,
 * parts and report signatures, and each technician's jobs, time and fees.
 */
export function MonthSummaryPanel() {
  const { t, i18n } = useTranslation();
  const month = useAppStore((s) => s.summaryMonth);
  const summary = useAppStore((s) => s.monthSummary);
  const loading = useAppStore((s) => s.monthSummaryLoading);
  const failure = useAppStore((s) => s.monthSummaryError);
  const chooseSummaryMonth = useAppStore((s) => s.chooseSummaryMonth);
  // This month at first (the panel, not the store, reads the clock); read afresh whenever it is opened.
  const [firstMonth] = useState(() => month ?? dayjs().format('YYYY-MM'));
  useEffect(() => void chooseSummaryMonth(firstMonth), [chooseSummaryMonth, firstMonth]);

  return (
    <section aria-labelledby="month-summary-title">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={4} id="month-summary-title" style={{ margin: 0 }}>
          {t('monthUi.title')}
        </Typography.Title>
        <Space>
          <label htmlFor="summary-month">{t('monthUi.month')}</label>
          <DatePicker id="summary-month" picker="month" allowClear={false} value={month ? dayjs(`${month}-01`) : null} onChange={(d) => d && void chooseSummaryMonth(d.format('YYYY-MM'))} />
          {loading && <Spin size="small" />}
        </Space>
      </Space>
      {failure && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={errorText(t, failure)} />}
      {summary && (
        <>
          <MonthTotals totals={summary.totals} />
          <Typography.Title level={5}>{t('monthUi.daysTable')}</Typography.Title>
          <Table<MonthDayRow>
            aria-label={t('monthUi.daysTable')}
            rowKey="date"
            size="small"
            pagination={false}
            dataSource={summary.days}
            columns={monthDayColumns(t, i18n.language)}
            scroll={{ x: 'max-content' }}
            style={{ marginBottom: 12 }}
          />
          <Typography.Title level={5}>{t('monthUi.techniciansTable')}</Typography.Title>
          <Table<MonthTechnicianRow>
            aria-label={t('monthUi.techniciansTable')}
            rowKey={(row) => row.technician.id}
            size="small"
            pagination={false}
            dataSource={summary.technicians}
            columns={monthTechnicianColumns(t, i18n.language)}
            locale={{ emptyText: t('monthUi.noTechnicianWork') }}
          />
        </>
      )}
    </section>
  );
}
