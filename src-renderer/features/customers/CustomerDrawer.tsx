import { Drawer, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../../src-shared/contract/customers';
import type { ApiError } from '../../../src-shared/contract/errors';
import { fieldErrors } from '../../app/field-errors';
import { useAppStore } from '../../store/store-context';
import { FormFooter } from './FormFooter';

interface Draft {
  name: string;
  phone: string;
  otherPhone: string;
  address: string;
  district: 'city' | 'suburb';
  notes: string;
}

const EMPTY: Draft = { name: '', phone: '', otherPhone: '', address: '', district: 'city', notes: '' };

const draftOf = (c: CustomerView): Draft => ({ name: c.name, phone: c.phones[0] ?? '', otherPhone: c.phones.slice(1).join(' '), address: c.address, district: c.district, notes: c.notes });

/**
 * 新客户, or 修改客户资料 when `customer` is given: name, one or two phones, address and district (city or
 * suburb sets the arrival promise of his next calls), notes.
 */
export function CustomerDrawer({ customer, onClose }: { customer?: CustomerView; onClose: () => void }) {
  const { t } = useTranslation();
  const createCustomer = useAppStore((s) => s.createCustomer);
  const updateCustomer = useAppStore((s) => s.updateCustomer);
  const [draft, setDraft] = useState<Draft>(customer ? draftOf(customer) : EMPTY);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const errors = fieldErrors(t, failure);
  // A change is refused field by field under `customer.` (the input also names the customer's id).
  const under = customer ? 'customer.' : '';
  const field = { status: (path: string) => errors.status(under + path), message: (path: string) => errors.message(under + path) };
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  const save = async () => {
    if (saving) return;
    setSaving(true);
    const phones = [draft.phone, draft.otherPhone].map((p) => p.trim()).filter(Boolean);
    const details = { name: draft.name, phones, address: draft.address, district: draft.district, ...(draft.notes.trim() ? { notes: draft.notes } : {}) };
    const error = customer ? await updateCustomer({ customerId: customer.id, customer: details }) : await createCustomer(details);
    setSaving(false);
    // A refused save keeps everything typed; the message stands next to the field.
    if (error) return setFailure(error);
    onClose();
  };

  return (
    <Drawer open title={customer ? t('customersUi.editCustomer', { name: customer.name }) : t('customersUi.newCustomer')} size={480} onClose={onClose} destroyOnHidden>
      <Form layout="vertical" onFinish={() => void save()}>
        <Form.Item label={t('customers.name')} validateStatus={field.status('name')} help={field.message('name')}>
          <Input aria-label={t('customers.name')} autoFocus value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        </Form.Item>
        <Form.Item label={t('customers.phone')} validateStatus={field.status('phones.0') ?? field.status('phones')} help={field.message('phones.0') ?? field.message('phones')}>
          <Input aria-label={t('customers.phone')} value={draft.phone} onChange={(e) => set({ phone: e.target.value })} />
        </Form.Item>
        <Form.Item label={t('customersUi.otherPhone')} validateStatus={field.status('phones.1')} help={field.message('phones.1')}>
          <Input aria-label={t('customersUi.otherPhone')} value={draft.otherPhone} onChange={(e) => set({ otherPhone: e.target.value })} />
        </Form.Item>
        <Form.Item label={t('customers.address')} validateStatus={field.status('address')} help={field.message('address')}>
          <Input aria-label={t('customers.address')} value={draft.address} onChange={(e) => set({ address: e.target.value })} />
        </Form.Item>
        <Form.Item label={t('customers.district')}>
          <Radio.Group aria-label={t('customers.district')} value={draft.district} onChange={(e) => set({ district: e.target.value as Draft['district'] })}>
            <Radio value="city">{t('customers.city')}</Radio>
            <Radio value="suburb">{t('customers.suburb')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('customersUi.notes')} validateStatus={field.status('notes')} help={field.message('notes')}>
          <Input.TextArea aria-label={t('customersUi.notes')} rows={2} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} />
        </Form.Item>
        <FormFooter failure={failure} saving={saving} onCancel={onClose} />
      </Form>
    </Drawer>
  );
}
