import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MonthSummaryView } from '../../../src-shared/contract/reports';
import { formatMinutes } from './format';
import { yuanFormatter } from './month-columns';

/** The month's totals, above its days: what the manager reads first. */
export function MonthTotals({ totals }: { totals: MonthSummaryView['totals'] }) {
  const { t, i18n } = useTranslation();
  const yuan = yuanFormatter(i18n.language);
  const item = (label: string, value: React.ReactNode, span = 1) => (
    <Descriptions.Item label={t(label)} span={span}>
      {value}
    </Descriptions.Item>
  );
  return (
    <section aria-labelledby="month-totals-title">
      <Typography.Title level={5} id="month-totals-title">
        {t('monthUi.totals')}
      </Typography.Title>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginBottom: 12 }}>
        {item('monthUi.registered', totals.registered)}
        {item('monthUi.finished', t('monthUi.finishedByCategory', { total: totals.finished, ...totals.finishedByCategory }))}
        {item('monthUi.onSiteTakenIn', `${totals.onSite} / ${totals.takenIn}`)}
        {item('monthUi.cancelled', totals.cancelled)}
        {item('monthUi.late', totals.late)}
        {item('monthUi.fees', t('monthUi.feesWithCash', { fees: yuan(totals.feesFen), cash: yuan(totals.cashFen) }))}
        {item('monthUi.partsLines', totals.partsLines)}
        {item('monthUi.openAtEnd', totals.openAtEnd ?? '—')}
        {item('monthUi.labour', formatMinutes(t, totals.labourMinutes))}
        {item('monthUi.admin', formatMinutes(t, totals.adminMinutes))}
        {item(
          'monthUi.signedDays',
          t('monthUi.signedDaysValue', { workingDays: totals.workingDays, supervisor: totals.daysSupervisorSigned, manager: totals.daysManagerSigned, sent: totals.daysSent }),
          2,
        )}
      </Descriptions>
    </section>
  );
}
