import { Alert, Button, Form, Input, InputNumber, Radio, Space } from 'antd';
import { format } from 'date-fns';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallDetail } from '../../../src-shared/contract/calls';
import type { ApiError } from '../../../src-shared/contract/errors';
import { errorText } from '../../app/error-text';
import { fieldErrors } from '../../app/field-errors';
import { useAppStore } from '../../store/store-context';
import { localInputToIso, toLocalInput } from '../vouchers/datetime';
import { yuanToFen } from '../vouchers/money';
import { SignatureCapture, type SignatureValue } from '../vouchers/SignatureCapture';
import { PartsEditor, partsInput, type PartDraft } from './PartsEditor';

type Payment = 'none' | 'cash' | 'invoice';
const signatureInput = (s: SignatureValue) => ({ signerName: s.signerName, ...(s.imagePng ? { imagePng: s.imagePng } : {}) });

/** A visit form in the call drawer: Ctrl+Enter saves, Esc (the drawer) cancels, a failure keeps the input. */
function VisitForm({ name, submit, onSave, onCancel, failure, children }: { name: string; submit: string; onSave: () => Promise<void>; onCancel: () => void; failure: ApiError | null; children: ReactNode }) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (saving) return;
    setSaving(true);
    await onSave();
    setSaving(false);
  };
  return (
    <Form layout="vertical" component="div">
      <form
        aria-label={name}
        className="inline-fieldset"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.ctrlKey) void save();
        }}
      >
        <div style={{ fontWeight: 600, margin: '4px 0 8px' }}>{name}</div>
        {children}
        {failure && <Alert type="error" showIcon title={errorText(t, failure)} style={{ marginBottom: 12 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {submit} (Ctrl+Enter)
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </form>
    </Form>
  );
}

/** 现场完工: the work done, the times, the fee for paid work and how it is paid, the customer's signature. */
export function FinishOnSiteForm({ call, onDone, onCancel }: { call: CallDetail; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const finishCallOnSite = useAppStore((s) => s.finishCallOnSite);
  const [draft, setDraft] = useState({
    workDone: '',
    start: toLocalInput(new Date(Date.now() - 3600_000)),
    end: toLocalInput(new Date()),
    feeYuan: null as number | null,
    payment: 'none' as Payment,
    parts: [] as PartDraft[],
    signature: { signerName: call.customerName } as SignatureValue,
  });
  const [failure, setFailure] = useState<ApiError | null>(null);
  const fields = fieldErrors(t, failure);
  const save = async () => {
    const error = await finishCallOnSite({
      callId: call.id,
      workDone: draft.workDone,
      startedAt: localInputToIso(draft.start),
      endedAt: localInputToIso(draft.end),
      parts: partsInput(draft.parts),
      labourFeeFen: yuanToFen(draft.feeYuan) ?? -1,
      payment: draft.payment === 'none' ? null : draft.payment,
      signature: signatureInput(draft.signature),
    });
    setFailure(error);
    if (!error) onDone();
  };
  return (
    <VisitForm name={t('callDetail.finishOnSite')} submit={t('callDetail.saveFinish')} onSave={save} onCancel={onCancel} failure={failure}>
      <Form.Item label={t('callDetail.workDone')} htmlFor="finish-work" validateStatus={fields.status('workDone')} help={fields.message('workDone')}>
        <Input.TextArea id="finish-work" autoFocus rows={2} value={draft.workDone} onChange={(e) => setDraft((d) => ({ ...d, workDone: e.target.value }))} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item label={t('callDetail.start')} htmlFor="finish-start" validateStatus={fields.status('startedAt')} help={fields.message('startedAt')}>
          <Input id="finish-start" type="datetime-local" value={draft.start} onChange={(e) => setDraft((d) => ({ ...d, start: e.target.value }))} />
        </Form.Item>
        <Form.Item label={t('callDetail.end')} htmlFor="finish-end" validateStatus={fields.status('endedAt')} help={fields.message('endedAt')}>
          <Input id="finish-end" type="datetime-local" value={draft.end} onChange={(e) => setDraft((d) => ({ ...d, end: e.target.value }))} />
        </Form.Item>
        <Form.Item label={t('callDetail.labourFee')} htmlFor="finish-fee" validateStatus={fields.status('labourFeeFen')} help={fields.message('labourFeeFen')}>
          <InputNumber id="finish-fee" min={0} precision={2} style={{ width: 120 }} value={draft.feeYuan} onChange={(v) => setDraft((d) => ({ ...d, feeYuan: v }))} />
        </Form.Item>
        <Form.Item label={t('callDetail.payment')} validateStatus={fields.status('payment')} help={fields.message('payment')}>
          <Radio.Group
            aria-label={t('callDetail.payment')}
            value={draft.payment}
            onChange={(e) => setDraft((d) => ({ ...d, payment: e.target.value as Payment }))}
            options={(['none', 'cash', 'invoice'] as const).map((p) => ({ value: p, label: t(`callDetail.payments.${p}`) }))}
          />
        </Form.Item>
      </Space>
      <PartsEditor id="finish-part" parts={draft.parts} onChange={(parts) => setDraft((d) => ({ ...d, parts }))} fieldMessage={fields.message} />
      <SignatureCapture id="finish-sig" value={draft.signature} onChange={(signature) => setDraft((d) => ({ ...d, signature }))} nameError={fields.message('signature.signerName')} imageError={fields.message('signature.imagePng')} />
    </VisitForm>
  );
}

/** 带回维修: the goods' condition and accessories, the promised date, the customer's signature; a receipt is issued. */
export function TakeInForm({ call, onDone, onCancel }: { call: CallDetail; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const takeInCall = useAppStore((s) => s.takeInCall);
  const [draft, setDraft] = useState({ condition: '', accessories: '', promisedDate: format(new Date(), 'yyyy-MM-dd'), signature: { signerName: call.customerName } as SignatureValue });
  const [failure, setFailure] = useState<ApiError | null>(null);
  const fields = fieldErrors(t, failure);
  const save = async () => {
    const error = await takeInCall({ callId: call.id, condition: draft.condition, accessories: draft.accessories, promisedDate: draft.promisedDate, signature: signatureInput(draft.signature) });
    setFailure(error);
    if (!error) onDone();
  };
  return (
    <VisitForm name={t('callDetail.takeIn')} submit={t('callDetail.saveTakeIn')} onSave={save} onCancel={onCancel} failure={failure}>
      <Space wrap align="start">
        <Form.Item label={t('callDetail.condition')} htmlFor="takein-condition" validateStatus={fields.status('condition')} help={fields.message('condition')}>
          <Input id="takein-condition" autoFocus style={{ width: 260 }} value={draft.condition} onChange={(e) => setDraft((d) => ({ ...d, condition: e.target.value }))} />
        </Form.Item>
        <Form.Item label={t('callDetail.accessories')} htmlFor="takein-accessories" validateStatus={fields.status('accessories')} help={fields.message('accessories')}>
          <Input id="takein-accessories" style={{ width: 200 }} value={draft.accessories} onChange={(e) => setDraft((d) => ({ ...d, accessories: e.target.value }))} />
        </Form.Item>
        <Form.Item label={t('callDetail.promisedDate')} htmlFor="takein-promised" validateStatus={fields.status('promisedDate')} help={fields.message('promisedDate')}>
          <Input id="takein-promised" type="date" value={draft.promisedDate} onChange={(e) => setDraft((d) => ({ ...d, promisedDate: e.target.value }))} />
        </Form.Item>
      </Space>
      <SignatureCapture id="takein-sig" value={draft.signature} onChange={(signature) => setDraft((d) => ({ ...d, signature }))} nameError={fields.message('signature.signerName')} imageError={fields.message('signature.imagePng')} />
    </VisitForm>
  );
}

/** 取消: an open call is cancelled with a reason; it keeps its number in the book. */
export function CancelCallForm({ call, onDone, onCancel }: { call: CallDetail; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const cancelCall = useAppStore((s) => s.cancelCall);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<ApiError | null>(null);
  const fields = fieldErrors(t, failure);
  const save = async () => {
    const error = await cancelCall({ callId: call.id, reason });
    setFailure(error);
    if (!error) onDone();
  };
  return (
    <VisitForm name={t('callDetail.cancelCall')} submit={t('callDetail.saveCancel')} onSave={save} onCancel={onCancel} failure={failure}>
      <Form.Item label={t('callDetail.cancelReason')} htmlFor="cancel-reason" validateStatus={fields.status('reason')} help={fields.message('reason')}>
        <Input id="cancel-reason" autoFocus style={{ width: 420 }} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Form.Item>
    </VisitForm>
  );
}
