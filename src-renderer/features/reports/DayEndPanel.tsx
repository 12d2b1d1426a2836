import { Alert, Button, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../../../src-shared/contract/calls';
import type { CashHandoverView, CashierLine, CashOutstanding } from '../../../src-shared/contract/day';
import type { ApiError } from '../../../src-shared/contract/errors';
import { errorText } from '../../app/error-text';
import { fieldErrors } from '../../app/field-errors';
import { useAppStore } from '../../store/store-context';
import { formatYuan, yuanToFen } from '../vouchers/money';
import { formatInstant } from './format';

/** One list of the day's check: the call's number, customer and state. */
function CheckList({ title, calls }: { title: string; calls: CallSummary[] }) {
  const { t } = useTranslation();
  return (
    <section aria-label={title} style={{ minWidth: 260, flex: 1 }}>
      <Typography.Text strong>
        {title} <Tag>{calls.length}</Tag>
      </Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
        {calls.slice(0, 50).map((c) => (
          <li key={c.id}>
            {c.number} · {c.customerName} · {t(`callStatus.${c.status}`)}
            {c.technician ? ` · ${c.technician.name}` : ''}
          </li>
        ))}
        {calls.length > 50 && <li>{t('dayEnd.more', { count: calls.length - 50 })}</li>}
      </ul>
    </section>
  );
}

/** 交款 for one technician: what his jobs collected, the amount counted, a note when they differ. */
function HandoverRow({ date, due, canReceive }: { date: string; due: CashOutstanding; canReceive: boolean }) {
  const { t } = useTranslation();
  const recordHandover = useAppStore((s) => s.recordHandover);
  const [receivedYuan, setReceivedYuan] = useState<number | null>(due.amountFen / 100);
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<ApiError | null>(null);
  const fields = fieldErrors(t, failure);
  const save = async () => setFailure(await recordHandover({ date, technicianId: due.technicianId, receivedFen: yuanToFen(receivedYuan) ?? -1, ...(note.trim() ? { note } : {}) }));
  return (
    <div role="group" aria-label={t('dayEnd.handoverOf', { name: due.technicianName })} style={{ marginBottom: 8 }}>
      <Space wrap align="start">
        <Typography.Text>{t('dayEnd.due', { name: due.technicianName, amount: formatYuan(due.amountFen), count: due.jobs })}</Typography.Text>
        {canReceive && (
          <>
            <InputNumber aria-label={t('dayEnd.received')} min={0} precision={2} style={{ width: 120 }} value={receivedYuan} onChange={setReceivedYuan} status={fields.status('receivedFen')} />
            <Space direction="vertical" size={0}>
              <Input aria-label={t('dayEnd.note')} placeholder={t('dayEnd.note')} style={{ width: 240 }} value={note} onChange={(e) => setNote(e.target.value)} status={fields.status('note')} />
              {fields.message('note') && <Typography.Text type="danger">{fields.message('note')}</Typography.Text>}
            </Space>
            <Button type="primary" onClick={() => void save()}>
              {t('dayEnd.recordHandover', { name: due.technicianName })}
            </Button>
          </>
        )}
      </Space>
      {failure && !failure.details?.fields && <Alert type="error" showIcon title={errorText(t, failure)} style={{ marginTop: 4 }} />}
    </div>
  );
}

/**
 * 日终: the day's check (核对) and the cashier's side of it: cash still with the technicians, the
 * handovers received, the jobs to invoice.
 */
export function DayEndPanel() {
  const { t } = useTranslation();
  const date = useAppStore((s) => s.reportDate);
  const check = useAppStore((s) => s.dayCheck);
  const cashier = useAppStore((s) => s.cashierDay);
  const failure = useAppStore((s) => s.dayEndError);
  const loadDayEnd = useAppStore((s) => s.loadDayEnd);
  const canReceive = useAppStore((s) => s.me?.user.permissions.includes('cashier.receive') ?? false);
  useEffect(() => {
    if (date) void loadDayEnd(date);
  }, [date, loadDayEnd]);
  if (!date) return null;

  const money = (fen: number) => formatYuan(fen);
  return (
    <section aria-labelledby="day-end-title">
      <Typography.Title level={4} id="day-end-title">
        {t('dayEnd.title')}
      </Typography.Title>
      {failure && <Alert type="error" showIcon title={errorText(t, failure)} />}
      {check && (
        <Space align="start" wrap style={{ width: '100%', marginBottom: 12 }}>
          <CheckList title={t('dayEnd.stillOut')} calls={check.stillOut} />
          <CheckList title={t('dayEnd.awaitingClose')} calls={check.awaitingClose} />
          <CheckList title={t('dayEnd.notDispatched')} calls={check.notDispatched} />
        </Space>
      )}
      {cashier && (
        <>
          <Typography.Title level={5}>{t('dayEnd.cashTitle', { cash: money(cashier.cashTotalFen), invoice: money(cashier.invoiceTotalFen) })}</Typography.Title>
          {cashier.outstanding.length === 0 && <Typography.Paragraph type="secondary">{t('dayEnd.nothingOutstanding')}</Typography.Paragraph>}
          {cashier.outstanding.map((due) => (
            <HandoverRow key={`${date}-${due.technicianId}-${due.amountFen}`} date={date} due={due} canReceive={canReceive} />
          ))}
          <Table<CashHandoverView>
            aria-label={t('dayEnd.handovers')}
            rowKey="id"
            size="small"
            pagination={false}
            locale={{ emptyText: t('dayEnd.noHandovers') }}
            dataSource={cashier.handovers}
            columns={[
              { title: t('callLog.technician'), dataIndex: 'technicianName' },
              { title: t('dayEnd.expected'), render: (_, h) => money(h.expectedFen) },
              { title: t('dayEnd.received'), render: (_, h) => money(h.receivedFen) },
              { title: t('dayEnd.difference'), render: (_, h) => (h.differenceFen === 0 ? '0.00' : <Typography.Text type="danger">{money(h.differenceFen)}</Typography.Text>) },
              { title: t('dayEnd.jobs'), render: (_, h) => h.jobs.map((j) => j.callNumber).join('、') },
              { title: t('dayEnd.note'), render: (_, h) => h.note ?? '' },
              { title: t('dayEnd.receivedBy'), render: (_, h) => `${h.receivedByName} ${formatInstant(h.receivedAt)}` },
            ]}
          />
          <Table<CashierLine>
            aria-label={t('dayEnd.toInvoice')}
            style={{ marginTop: 12 }}
            rowKey="callId"
            size="small"
            pagination={false}
            locale={{ emptyText: t('dayEnd.nothingToInvoice') }}
            dataSource={cashier.toInvoice}
            columns={[
              { title: t('dayEnd.jobs'), dataIndex: 'callNumber' },
              { title: t('callLog.customer'), dataIndex: 'customerName' },
              { title: t('callLog.technician'), render: (_, l) => l.technicianName ?? '—' },
              { title: t('dayEnd.amount'), render: (_, l) => money(l.totalFen) },
            ]}
          />
        </>
      )}
    </section>
  );
}
