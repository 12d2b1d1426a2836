import { Alert, Button, Form, Input, InputNumber, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/contract/errors';
import type { RepairCardView } from '../../../src-shared/contract/goods';
import { errorText } from '../../app/error-text';
import { fieldErrors } from '../../app/field-errors';
import { useAppStore } from '../../store/store-context';
import { localInputToIso, toLocalInput } from '../vouchers/datetime';
import { yuanToFen } from '../vouchers/money';

/** One small form on the card: Enter saves, a refusal is shown at the form and next to its fields. */
function CardForm({ name, submit, onSave, failure, children }: { name: string; submit: string; onSave: () => Promise<void>; failure: ApiError | null; children: ReactNode }) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  return (
    <form
      aria-label={name}
      className="inline-fieldset"
      onSubmit={async (e) => {
        e.preventDefault();
        if (saving) return;
        setSaving(true);
        await onSave();
        setSaving(false);
      }}
    >
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{name}</div>
      <Space wrap align="end">
        {children}
        <Form.Item>
          <Button htmlType="submit" type="primary" loading={saving}>
            {submit}
          </Button>
        </Form.Item>
      </Space>
      {failure && <Alert type="error" showIcon title={errorText(t, failure)} />}
    </form>
  );
}

/** Keep what was typed when the save fails; clear it when it succeeded. */
function useCardForm<D>(empty: () => D) {
  const [draft, setDraft] = useState<D>(empty);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const finish = (error: ApiError | null) => {
    setFailure(error);
    if (!error) setDraft(empty());
  };
  return { draft, setDraft, failure, finish };
}

export function AddLabourForm({ cardId }: { cardId: number }) {
  const { t } = useTranslation();
  const addRepairLabour = useAppStore((s) => s.addRepairLabour);
  const form = useCardForm(() => ({ start: toLocalInput(new Date(Date.now() - 3600_000)), end: toLocalInput(new Date()), note: '' }));
  const fields = fieldErrors(t, form.failure);
  const save = async () => form.finish(await addRepairLabour({ cardId, startedAt: localInputToIso(form.draft.start), endedAt: localInputToIso(form.draft.end), note: form.draft.note }));
  return (
    <Form layout="vertical" component="div">
      <CardForm name={t('repairCards.addLabour')} submit={t('repairCards.addLabourSubmit')} onSave={save} failure={form.failure}>
        <Form.Item label={t('repairCards.start')} htmlFor={`labour-start-${cardId}`} validateStatus={fields.status('startedAt')} help={fields.message('startedAt')}>
          <Input id={`labour-start-${cardId}`} type="datetime-local" value={form.draft.start} onChange={(e) => form.setDraft((d) => ({ ...d, start: e.target.value }))} />
        </Form.Item>
        <Form.Item label={t('repairCards.end')} htmlFor={`labour-end-${cardId}`} validateStatus={fields.status('endedAt')} help={fields.message('endedAt')}>
          <Input id={`labour-end-${cardId}`} type="datetime-local" value={form.draft.end} onChange={(e) => form.setDraft((d) => ({ ...d, end: e.target.value }))} />
        </Form.Item>
        <Form.Item label={t('repairCards.note')} htmlFor={`labour-note-${cardId}`} validateStatus={fields.status('note')} help={fields.message('note')}>
          <Input id={`labour-note-${cardId}`} style={{ width: 220 }} value={form.draft.note} onChange={(e) => form.setDraft((d) => ({ ...d, note: e.target.value }))} />
        </Form.Item>
      </CardForm>
    </Form>
  );
}

export function AddPartForm({ cardId }: { cardId: number }) {
  const { t } = useTranslation();
  const addRepairPart = useAppStore((s) => s.addRepairPart);
  const form = useCardForm(() => ({ partNo: '', name: '', quantity: 1 as number | null, serial: '', priceYuan: null as number | null }));
  const fields = fieldErrors(t, form.failure);
  const save = async () => {
    const d = form.draft;
    form.finish(
      await addRepairPart({
        cardId,
        part: { partNo: d.partNo, name: d.name, quantity: d.quantity ?? 0, ...(d.serial.trim() ? { serial: d.serial } : {}), unitPriceFen: yuanToFen(d.priceYuan) ?? -1 },
      }),
    );
  };
  const item = (key: 'partNo' | 'name' | 'serial', label: string, width: number) => (
    <Form.Item label={label} htmlFor={`part-${key}-${cardId}`} validateStatus={fields.status(`part.${key}`)} help={fields.message(`part.${key}`)}>
      <Input id={`part-${key}-${cardId}`} style={{ width }} value={form.draft[key]} onChange={(e) => form.setDraft((d) => ({ ...d, [key]: e.target.value }))} />
    </Form.Item>
  );
  return (
    <Form layout="vertical" component="div">
      <CardForm name={t('repairCards.addPart')} submit={t('repairCards.addPartSubmit')} onSave={save} failure={form.failure}>
        {item('partNo', t('repairCards.partNo'), 100)}
        {item('name', t('repairCards.partName'), 140)}
        <Form.Item label={t('repairCards.quantity')} htmlFor={`part-quantity-${cardId}`} validateStatus={fields.status('part.quantity')} help={fields.message('part.quantity')}>
          <InputNumber id={`part-quantity-${cardId}`} min={1} max={999} style={{ width: 70 }} value={form.draft.quantity} onChange={(v) => form.setDraft((d) => ({ ...d, quantity: v }))} />
        </Form.Item>
        {item('serial', t('repairCards.partSerial'), 120)}
        <Form.Item label={t('repairCards.unitPrice')} htmlFor={`part-price-${cardId}`} validateStatus={fields.status('part.unitPriceFen')} help={fields.message('part.unitPriceFen')}>
          <InputNumber id={`part-price-${cardId}`} min={0} precision={2} style={{ width: 100 }} value={form.draft.priceYuan} onChange={(v) => form.setDraft((d) => ({ ...d, priceYuan: v }))} />
        </Form.Item>
      </CardForm>
    </Form>
  );
}

export function FindingsForm({ card }: { card: RepairCardView }) {
  const { t } = useTranslation();
  const recordRepairFindings = useAppStore((s) => s.recordRepairFindings);
  const [draft, setDraft] = useState({ findings: card.findings, cause: card.cause });
  const [failure, setFailure] = useState<ApiError | null>(null);
  const fields = fieldErrors(t, failure);
  const save = async () => setFailure(await recordRepairFindings({ cardId: card.id, findings: draft.findings, cause: draft.cause }));
  return (
    <Form layout="vertical" component="div">
      <CardForm name={t('repairCards.recordFindings')} submit={t('common.save')} onSave={save} failure={failure}>
        <Form.Item label={t('repairCards.findings')} htmlFor={`findings-${card.id}`} validateStatus={fields.status('findings')} help={fields.message('findings')}>
          <Input id={`findings-${card.id}`} style={{ width: 260 }} value={draft.findings} onChange={(e) => setDraft((d) => ({ ...d, findings: e.target.value }))} />
        </Form.Item>
        <Form.Item label={t('repairCards.cause')} htmlFor={`cause-${card.id}`} validateStatus={fields.status('cause')} help={fields.message('cause')}>
          <Input id={`cause-${card.id}`} style={{ width: 200 }} value={draft.cause} onChange={(e) => setDraft((d) => ({ ...d, cause: e.target.value }))} />
        </Form.Item>
      </CardForm>
    </Form>
  );
}

export function AskForHelpForm({ cardId }: { cardId: number }) {
  const { t } = useTranslation();
  const askRepairHelp = useAppStore((s) => s.askRepairHelp);
  const form = useCardForm(() => ({ note: '' }));
  const fields = fieldErrors(t, form.failure);
  const save = async () => form.finish(await askRepairHelp({ cardId, note: form.draft.note }));
  return (
    <Form layout="vertical" component="div">
      <CardForm name={t('repairCards.askForHelp')} submit={t('repairCards.askForHelpSubmit')} onSave={save} failure={form.failure}>
        <Form.Item label={t('repairCards.helpNote')} htmlFor={`help-note-${cardId}`} validateStatus={fields.status('note')} help={fields.message('note')}>
          <Input id={`help-note-${cardId}`} style={{ width: 320 }} value={form.draft.note} onChange={(e) => form.setDraft({ note: e.target.value })} />
        </Form.Item>
      </CardForm>
    </Form>
  );
}
