import { Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { format, parseISO } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';
import type { TFunction } from 'i18next';
import type { MonthDayRow, MonthTechnicianRow } from '../../../src-shared/contract/reports';
import { formatMinutes } from './format';

const REPORT_COLOR = { unsigned: 'default', supervisorSigned: 'blue', managerSigned: 'green' } as const;

/** Money in the UI language ('¥1,250.00' / 'CN¥1,250.00'); the contract carries integer fen. */
export function yuanFormatter(language: string): (fen: number) => string {
  const money = new Intl.NumberFormat(language === 'en' ? 'en' : 'zh-CN', { style: 'currency', currency: 'CNY' });
  return (fen) => money.format(fen / 100);
}

/** A business day with its weekday, as people say it: '11月23日 周一' / 'Mon 23 Nov'. */
export function formatMonthDay(language: string, date: string): string {
  return language === 'en' ? format(parseISO(date), 'EEE d MMM', { locale: enUS }) : format(parseISO(date), 'M月d日 EEE', { locale: zhCN });
}

/** The columns of the month's days: the books' counts, fees and parts, and the day's report state. */
export function monthDayColumns(t: TFunction, language: string): ColumnsType<MonthDayRow> {
  const yuan = yuanFormatter(language);
  const count = (key: keyof MonthDayRow & string, title: string) => ({ title: t(title), dataIndex: key, align: 'right' as const });
  return [
    {
      title: t('monthUi.date'),
      dataIndex: 'date',
      render: (date: string, row) => (
        <Space size={4}>
          {formatMonthDay(language, date)}
          {!row.isWorkingDay && <Tag>{t('monthUi.closedDay')}</Tag>}
        </Space>
      ),
    },
    count('registered', 'monthUi.registered'),
    count('finished', 'monthUi.finished'),
    count('takenIn', 'monthUi.takenIn'),
    count('cancelled', 'monthUi.cancelled'),
    { ...count('openAtDayEnd', 'monthUi.openAtDayEnd'), render: (n: number | null) => (n === null ? '—' : n) },
    count('late', 'monthUi.late'),
    { ...count('feesFen', 'monthUi.fees'), render: yuan },
    { ...count('cashFen', 'monthUi.cash'), render: yuan },
    count('partsLines', 'monthUi.partsLines'),
    {
      title: t('monthUi.report'),
      key: 'report',
      // A day still to come has no report to sign yet (its open count is blank for the same reason).
      render: (_v, row) =>
        row.openAtDayEnd === null ? (
          '—'
        ) : (
          <Space size={4}>
            <Tag color={REPORT_COLOR[row.report]}>{t(`monthUi.reportStates.${row.report}`)}</Tag>
            {row.sent && <Tag color="green">{t('monthUi.sent')}</Tag>}
          </Space>
        ),
    },
  ];
}

/** The columns of the technicians' month: jobs, time (A-C work and D admin tasks), late arrivals, fees. */
export function monthTechnicianColumns(t: TFunction, language: string): ColumnsType<MonthTechnicianRow> {
  const yuan = yuanFormatter(language);
  const minutes = (m: number) => formatMinutes(t, m);
  return [
    { title: t('reportsUi.technician'), key: 'name', render: (_v, row) => row.technician.name },
    { title: t('monthUi.jobs'), dataIndex: 'jobs', align: 'right' },
    { title: t('monthUi.onSite'), dataIndex: 'onSite', align: 'right' },
    { title: t('monthUi.takenIn'), dataIndex: 'takenIn', align: 'right' },
    { title: t('monthUi.labour'), dataIndex: 'labourMinutes', align: 'right', render: minutes },
    { title: t('monthUi.admin'), dataIndex: 'adminMinutes', align: 'right', render: minutes },
    { title: t('monthUi.late'), dataIndex: 'late', align: 'right' },
    { title: t('monthUi.fees'), dataIndex: 'feesFen', align: 'right', render: yuan },
  ];
}
