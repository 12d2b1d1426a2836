import { Drawer, Form, Input, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView, ProductView } from '../../../src-shared/contract/customers';
import type { ApiError } from '../../../src-shared/contract/errors';
import { fieldErrors } from '../../app/field-errors';
import { useAppStore } from '../../store/store-context';
import { FormFooter } from './FormFooter';

interface Draft {
  model: string;
  serial: string;
  purchaseDate: string;
  warrantyMonths: number;
  contractNumber: string;
  contractStart: string;
  contractEnd: string;
}

const EMPTY: Draft = { model: '', serial: '', purchaseDate: '', warrantyMonths: 12, contractNumber: '', contractStart: '', contractEnd: '' };

const draftOf = (p: ProductView): Draft => ({
  model: p.model,
  serial: p.serial,
  purchaseDate: p.purchaseDate ?? '',
  warrantyMonths: p.warrantyMonths,
  contractNumber: p.contract?.number ?? '',
  contractStart: p.contract?.start ?? '',
  contractEnd: p.contract?.end ?? '',
});

/**
 * 添加产品 (its voucher comes with it), or 修改产品 when `product` is given: model, serial, purchase date
 * and warranty; a maintenance contract if he has one.
 */
export function ProductDrawer({ customer, product, onClose }: { customer: CustomerView; product?: ProductView; onClose: () => void }) {
  const { t } = useTranslation();
  const addProduct = useAppStore((s) => s.addProduct);
  const updateProduct = useAppStore((s) => s.updateProduct);
  const [draft, setDraft] = useState<Draft>(product ? draftOf(product) : EMPTY);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const field = fieldErrors(t, failure);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  const save = async () => {
    if (saving) return;
    setSaving(true);
    const hasContract = draft.contractNumber.trim() !== '' || draft.contractStart !== '' || draft.contractEnd !== '';
    const details = {
      model: draft.model,
      serial: draft.serial,
      purchaseDate: draft.purchaseDate || null,
      warrantyMonths: draft.warrantyMonths,
      // Warranty exclusions are not edited here: a correction keeps the ones recorded.
      exclusions: product?.exclusions ?? [],
      contract: hasContract ? { number: draft.contractNumber, start: draft.contractStart, end: draft.contractEnd } : null,
    };
    const error = product ? await updateProduct({ productId: product.id, product: details }, customer.id) : await addProduct({ customerId: customer.id, product: details });
    setSaving(false);
    if (error) return setFailure(error);
    onClose();
  };

  const item = (path: string, label: string, input: React.ReactNode) => (
    <Form.Item label={label} validateStatus={field.status(path)} help={field.message(path)}>
      {input}
    </Form.Item>
  );
  return (
    <Drawer open title={product ? t('customersUi.editProduct', { serial: product.serial }) : t('customersUi.addProductFor', { name: customer.name })} size={480} onClose={onClose} destroyOnHidden>
      <Form layout="vertical" onFinish={() => void save()}>
        {item('product.model', t('customersUi.model'), <Input aria-label={t('customersUi.model')} autoFocus value={draft.model} onChange={(e) => set({ model: e.target.value })} />)}
        {item('product.serial', t('customersUi.serial'), <Input aria-label={t('customersUi.serial')} value={draft.serial} onChange={(e) => set({ serial: e.target.value })} />)}
        {item('product.purchaseDate', t('customersUi.purchaseDate'), <Input type="date" aria-label={t('customersUi.purchaseDate')} value={draft.purchaseDate} onChange={(e) => set({ purchaseDate: e.target.value })} />)}
        {item(
          'product.warrantyMonths',
          t('customersUi.warrantyMonths'),
          <InputNumber aria-label={t('customersUi.warrantyMonths')} min={0} max={120} value={draft.warrantyMonths} onChange={(v) => set({ warrantyMonths: v ?? 0 })} />,
        )}
        {item('product.contract.number', t('customersUi.contractNumber'), <Input aria-label={t('customersUi.contractNumber')} value={draft.contractNumber} onChange={(e) => set({ contractNumber: e.target.value })} />)}
        <Space>
          {item('product.contract.start', t('customersUi.contractStart'), <Input type="date" aria-label={t('customersUi.contractStart')} value={draft.contractStart} onChange={(e) => set({ contractStart: e.target.value })} />)}
          {item('product.contract.end', t('customersUi.contractEnd'), <Input type="date" aria-label={t('customersUi.contractEnd')} value={draft.contractEnd} onChange={(e) => set({ contractEnd: e.target.value })} />)}
        </Space>
        <FormFooter failure={failure} saving={saving} onCancel={onClose} />
      </Form>
    </Drawer>
  );
}
