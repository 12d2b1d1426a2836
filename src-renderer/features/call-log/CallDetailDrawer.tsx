import { Alert, Button, Descriptions, Drawer, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import { PrintButton } from '../shell/PrintButton';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallEventView } from '../../../src-shared/contract/calls';
import type { ApiError } from '../../../src-shared/contract/errors';
import { nextStatus } from '../../../src-shared/domain/call-states';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { formatYuan } from '../vouchers/money';
import { CancelCallForm, FinishOnSiteForm, TakeInForm } from './CallVisitForms';
import { formatTime } from './format';

type Mode = 'none' | 'finish' | 'takeIn' | 'cancel';
type Notice = 'finished' | 'takenIn' | 'closed' | 'cancelled';

/** What an event's details say, in words: the technician, the receipt, the signer, the reason. */
function eventDetails(t: (key: string, params?: Record<string, unknown>) => string, event: CallEventView): string {
  const d = event.details;
  const parts: string[] = [];
  // A registration's reason is a code (why the category was proposed); its category says it in words.
  if (event.event === 'registered' && typeof d.category === 'string') return t(`categories.${d.category}`);
  if (typeof d.technicianName === 'string') parts.push(d.technicianName);
  if (typeof d.receiptNumber === 'string') parts.push(t('callDetail.receipt', { number: d.receiptNumber }));
  if (typeof d.promisedDate === 'string') parts.push(t('callDetail.promisedDateIs', { date: d.promisedDate }));
  if (typeof d.feeFen === 'number' && d.feeFen > 0) parts.push(t('callDetail.feeIs', { fee: formatYuan(d.feeFen) }));
  if (typeof d.signer === 'string') parts.push(t('callDetail.signerIs', { name: d.signer }));
  if (typeof d.reason === 'string') parts.push(d.reason);
  if (typeof d.note === 'string') parts.push(d.note);
  if (d.late === true) parts.push(t('callLog.late'));
  if (d.lostReceipt === true) parts.push(t('callDetail.lostReceipt'));
  return parts.join(' · ');
}

/** A call's page: its whole history and, by permission and state, arrive / finish on site / take in / close / cancel. */
export function CallDetailDrawer() {
  const { t } = useTranslation();
  const call = useAppStore((s) => s.callDetail);
  const close = useAppStore((s) => s.closeCallDetail);
  const arriveAtCall = useAppStore((s) => s.arriveAtCall);
  const closeCall = useAppStore((s) => s.closeCall);
  const permissions = useAppStore((s) => s.me?.user.permissions);
  const openError = useAppStore((s) => s.callDetailError);
  const [mode, setMode] = useState<Mode>('none');
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  if (!call) return openError ? <Alert type="error" showIcon title={errorText(t, openError)} style={{ marginTop: 12 }} /> : null;

  const can = (permission: 'calls.recordVisit' | 'goods.takeIn' | 'calls.close' | 'calls.cancel') => permissions?.includes(permission) ?? false;
  const canArrive = can('calls.recordVisit') && nextStatus(call.status, 'arrive') !== null;
  const canFinish = can('calls.recordVisit') && nextStatus(call.status, 'finishOnSite') !== null;
  const canTakeIn = can('goods.takeIn') && nextStatus(call.status, 'takeIn') !== null;
  const canClose = can('calls.close') && nextStatus(call.status, 'close') !== null;
  const canCancel = can('calls.cancel') && nextStatus(call.status, 'cancel') !== null;

  const arrive = async () => {
    setNotice(null);
    setFailure(await arriveAtCall(call.id));
  };
  const closeThisCall = async () => {
    setNotice(null);
    const error = await closeCall(call.id);
    setFailure(error);
    if (!error) setNotice('closed');
  };
  const done = (kind: Notice) => {
    setMode('none');
    setFailure(null);
    setNotice(kind);
  };
  const onClose = () => {
    setMode('none');
    setFailure(null);
    setNotice(null);
    close();
  };

  return (
    <Drawer open title={t('callDetail.title', { number: call.number })} size={720} onClose={onClose} keyboard>
      <Descriptions size="small" column={2} bordered aria-label={t('callDetail.summary')}>
        <Descriptions.Item label={t('callLog.customer')}>{call.customerName}</Descriptions.Item>
        <Descriptions.Item label={t('callLog.phone')}>{call.phone}</Descriptions.Item>
        <Descriptions.Item label={t('callLog.address')} span={2}>{call.address}</Descriptions.Item>
        <Descriptions.Item label={t('callLog.product')}>{`${call.productModel} · ${call.serial}`}</Descriptions.Item>
        <Descriptions.Item label={t('callLog.category')}>{t(`categories.${call.category}`)}</Descriptions.Item>
        <Descriptions.Item label={t('callLog.fault')} span={2}>{call.fault}</Descriptions.Item>
        <Descriptions.Item label={t('callLog.status')}>
          <Space size={4}>
            {t(`callStatus.${call.status}`)}
            {call.isLate && <Tag color="red">{t('callLog.late')}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('callLog.technician')}>{call.technician?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('callLog.deadline')}>{formatTime(call.deadlineAt)}</Descriptions.Item>
        <Descriptions.Item label={t('callDetail.receiptNumber')}>{call.receiptNumber ?? '—'}</Descriptions.Item>
      </Descriptions>

      {call.receiptNumber && (
        <Space style={{ marginTop: 12 }}>
          {/* On the paper chosen in the settings (80 mm roll at the counter, or A5). */}
          <PrintButton label={t('print.actions.receipt')} request={{ form: 'receipt', receiptNumber: call.receiptNumber, copy: 'customer' }} />
          <PrintButton label={t('print.actions.receiptShopCopy')} request={{ form: 'receipt', receiptNumber: call.receiptNumber, copy: 'shop' }} />
        </Space>
      )}
      {(canArrive || canFinish || canTakeIn || canClose || canCancel) && (
        <Space style={{ margin: '12px 0' }} wrap>
          {canArrive && (
            <Button type="primary" onClick={() => void arrive()}>
              {t('callDetail.arrive')}
            </Button>
          )}
          {canFinish && <Button onClick={() => setMode('finish')}>{t('callDetail.finishOnSite')}</Button>}
          {canTakeIn && <Button onClick={() => setMode('takeIn')}>{t('callDetail.takeIn')}</Button>}
          {canClose && (
            <Popconfirm title={t('callDetail.closeConfirm')} okText={t('callDetail.closeCall')} cancelText={t('common.cancel')} onConfirm={() => closeThisCall()}>
              <Button type="primary">{t('callDetail.closeCall')}</Button>
            </Popconfirm>
          )}
          {canCancel && (
            <Button danger onClick={() => setMode('cancel')}>
              {t('callDetail.cancelCall')}
            </Button>
          )}
        </Space>
      )}
      {failure && <Alert type="error" showIcon title={errorText(t, failure)} style={{ marginBottom: 12 }} />}
      {notice && <Alert type="success" showIcon title={notice === 'takenIn' ? t('callDetail.takenIn', { number: call.receiptNumber ?? '' }) : t(`callDetail.${notice}`)} style={{ margin: '12px 0' }} />}
      {mode === 'finish' && <FinishOnSiteForm call={call} onDone={() => done('finished')} onCancel={() => setMode('none')} />}
      {mode === 'cancel' && <CancelCallForm call={call} onDone={() => done('cancelled')} onCancel={() => setMode('none')} />}
      {mode === 'takeIn' && <TakeInForm call={call} onDone={() => done('takenIn')} onCancel={() => setMode('none')} />}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('callDetail.history')}
      </Typography.Title>
      <section aria-label={t('callDetail.history')}>
        <Timeline
          items={call.events.map((e, index) => ({
            key: `${e.at}-${index}`,
            content: (
              <span>
                <Typography.Text type="secondary">{formatTime(e.at)}</Typography.Text> <Typography.Text strong>{t(`callDetail.events.${e.event}`, { defaultValue: e.event })}</Typography.Text>{' '}
                {e.userName} {eventDetails(t, e) && <Typography.Text type="secondary">· {eventDetails(t, e)}</Typography.Text>}
              </span>
            ),
          }))}
        />
      </section>
    </Drawer>
  );
}
