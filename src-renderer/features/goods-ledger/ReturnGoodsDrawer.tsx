import { Alert, Button, Drawer, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../src-shared/contract';
import type { ApiError } from '../../../src-shared/contract/errors';
import { errorText } from '../../app/error-text';
import { fieldErrors } from '../../app/field-errors';
import { useAppStore } from '../../store/store-context';
import { yuanToFen } from '../vouchers/money';
import { SignatureCapture, type SignatureValue } from '../vouchers/SignatureCapture';

type Payment = 'cash' | 'invoice' | 'none';

interface Draft {
  mode: 'receipt' | 'lost';
  receiptNumber: string;
  lostCallId: number | null;
  idSeen: string;
  lostNote: string;
  feeYuan: number | null;
  payment: Payment;
  signature: SignatureValue;
}

const EMPTY: Draft = { mode: 'receipt', receiptNumber: '', lostCallId: null, idSeen: '', lostNote: '', feeYuan: null, payment: 'none', signature: { signerName: '' } };

/**
 * 归还商品: scan or type the receipt number (Enter moves on to the signer), the customer signs, the fee
 * for paid work; Ctrl+Enter saves. A supervisor can void a lost receipt instead, noting the ID seen.
 * A failed save keeps everything typed.
 */
export function ReturnGoodsDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const returnGoods = useAppStore((s) => s.returnGoods);
  const inShop = useAppStore((s) => s.goodsInShop);
  const loadGoodsInShop = useAppStore((s) => s.loadGoodsInShop);
  const canVoidLost = useAppStore((s) => s.me?.user.permissions.includes('goods.voidLostReceipt') ?? false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const fields = fieldErrors(t, failure);

  useEffect(() => {
    if (canVoidLost) void loadGoodsInShop();
  }, [canVoidLost, loadGoodsInShop]);

  const save = async () => {
    if (saving) return;
    const labourFeeFen = yuanToFen(draft.feeYuan);
    const input: InputOf<'goods.return'> = {
      receipt: draft.mode === 'lost' ? { lost: { callId: draft.lostCallId ?? 0, idSeen: draft.idSeen, note: draft.lostNote } } : { number: draft.receiptNumber },
      labourFeeFen: labourFeeFen ?? -1,
      payment: draft.payment === 'none' ? null : draft.payment,
      signature: { signerName: draft.signature.signerName, ...(draft.signature.imagePng ? { imagePng: draft.signature.imagePng } : {}) },
    };
    setSaving(true);
    setDone(null);
    const result = await returnGoods(input);
    setSaving(false);
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    setDone(result.line.receiptNumber);
    setDraft(EMPTY);
  };

  const receiptProblem = fields.message('receipt.number') ?? (failure?.details?.reasonKey?.includes('eceipt') ? errorText(t, failure) : undefined);

  return (
    <Drawer open title={t('goods.return')} size={520} onClose={onClose} destroyOnHidden keyboard>
      <Form layout="vertical" component="div">
        <form
          aria-label={t('goods.return')}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.ctrlKey) void save();
          }}
        >
          {canVoidLost && (
            <Radio.Group
              aria-label={t('goods.receiptMode')}
              style={{ marginBottom: 12 }}
              value={draft.mode}
              onChange={(e) => setDraft((d) => ({ ...d, mode: e.target.value as Draft['mode'] }))}
              options={[
                { value: 'receipt', label: t('goods.withReceipt') },
                { value: 'lost', label: t('goods.lostReceipt') },
              ]}
            />
          )}
          {draft.mode === 'receipt' ? (
            <Form.Item label={t('goods.receiptNumber')} htmlFor="return-receipt" extra={t('goods.receiptHelp')} validateStatus={receiptProblem ? 'error' : undefined} help={receiptProblem}>
              <Input
                id="return-receipt"
                autoFocus
                autoComplete="off"
                value={draft.receiptNumber}
                onChange={(e) => setDraft((d) => ({ ...d, receiptNumber: e.target.value }))}
                onPressEnter={(e) => {
                  // A scanner ends with Enter: go on to the signer rather than saving half a form.
                  if (!e.ctrlKey) {
                    e.preventDefault();
                    document.getElementById('return-sig-signer')?.focus();
                  }
                }}
              />
            </Form.Item>
          ) : (
            <fieldset className="inline-fieldset">
              <legend>{t('goods.lostReceipt')}</legend>
              <Form.Item label={t('goods.lostCall')} htmlFor="return-lost-call" validateStatus={fields.status('receipt.lost.callId')} help={fields.message('receipt.lost.callId')}>
                <Select
                  id="return-lost-call"
                  showSearch={{ optionFilterProp: 'label' }}
                  value={draft.lostCallId ?? undefined}
                  placeholder={t('goods.lostCallPlaceholder')}
                  onChange={(v: number) => setDraft((d) => ({ ...d, lostCallId: v }))}
                  options={inShop.map((g) => ({ value: g.callId, label: `${g.callNumber} · ${g.customerName} · ${g.productModel} · ${g.receiptNumber}` }))}
                />
              </Form.Item>
              <Form.Item label={t('goods.idSeen')} htmlFor="return-id-seen" validateStatus={fields.status('receipt.lost.idSeen')} help={fields.message('receipt.lost.idSeen')}>
                <Input id="return-id-seen" value={draft.idSeen} onChange={(e) => setDraft((d) => ({ ...d, idSeen: e.target.value }))} />
              </Form.Item>
              <Form.Item label={t('goods.lostNote')} htmlFor="return-lost-note" validateStatus={fields.status('receipt.lost.note')} help={fields.message('receipt.lost.note')}>
                <Input id="return-lost-note" value={draft.lostNote} onChange={(e) => setDraft((d) => ({ ...d, lostNote: e.target.value }))} />
              </Form.Item>
            </fieldset>
          )}
          <SignatureCapture
            id="return-sig"
            value={draft.signature}
            onChange={(signature) => setDraft((d) => ({ ...d, signature }))}
            nameError={fields.message('signature.signerName')}
            imageError={fields.message('signature.imagePng')}
          />
          <Space wrap align="start">
            <Form.Item label={t('goods.labourFee')} htmlFor="return-fee" extra={t('goods.labourFeeHelp')} validateStatus={fields.status('labourFeeFen')} help={fields.message('labourFeeFen')}>
              <InputNumber id="return-fee" min={0} step={1} precision={2} style={{ width: 140 }} value={draft.feeYuan} onChange={(v) => setDraft((d) => ({ ...d, feeYuan: v }))} />
            </Form.Item>
            <Form.Item label={t('goods.payment')} validateStatus={fields.status('payment')} help={fields.message('payment')}>
              <Radio.Group
                aria-label={t('goods.payment')}
                value={draft.payment}
                onChange={(e) => setDraft((d) => ({ ...d, payment: e.target.value as Payment }))}
                options={(['none', 'cash', 'invoice'] as const).map((p) => ({ value: p, label: t(`goods.payments.${p}`) }))}
              />
            </Form.Item>
          </Space>
          {failure && <Alert type="error" showIcon title={errorText(t, failure)} style={{ marginBottom: 12 }} />}
          {done && <Alert type="success" showIcon title={t('goods.returned', { number: done })} style={{ marginBottom: 12 }} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('goods.confirmReturn')} (Ctrl+Enter)
            </Button>
            <Button onClick={onClose}>{t('common.cancel')} (Esc)</Button>
          </Space>
        </form>
      </Form>
    </Drawer>
  );
}
