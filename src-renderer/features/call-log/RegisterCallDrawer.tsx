import { Alert, AutoComplete, Button, Drawer, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../src-shared/contract';
import type { CustomerHit } from '../../../src-shared/contract/customers';
import type { ApiError } from '../../../src-shared/contract/errors';
import { CALL_CATEGORIES, type CallCategory } from '../../../src-shared/domain/categories';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';

type Draft = {
  lookup: string;
  customer: CustomerHit | null;
  productId: number | null;
  newCustomer: { name: string; phone: string; address: string; district: 'city' | 'suburb' };
  newProduct: { model: string; serial: string; purchaseDate: string; warrantyMonths: number };
  fault: string;
  category: CallCategory | '';
  overrideReason: string;
};

const EMPTY: Draft = {
  lookup: '',
  customer: null,
  productId: null,
  newCustomer: { name: '', phone: '', address: '', district: 'city' },
  newProduct: { model: '', serial: '', purchaseDate: '', warrantyMonths: 12 },
  fault: '',
  category: '',
  overrideReason: '',
};

const newRequestId = () => `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * 登记叫修: type a phone, name or serial and pick the customer (Enter), pick the product, type the fault,
 * Ctrl+Enter saves. A new customer or product is typed in place. A failed save keeps everything typed.
 */
export function RegisterCallDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const hits = useAppStore((s) => s.customerHits);
  const lookUp = useAppStore((s) => s.lookUpCustomers);
  const registerCall = useAppStore((s) => s.registerCall);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // One id per attempt of this form: a double click or a retry after a network error registers once.
  const requestId = useRef(newRequestId());
  const faultRef = useRef<TextAreaRef>(null);

  const fieldError = (path: string) => {
    const problem = failure?.details?.fields?.find((f) => f.path === path || f.path.startsWith(`${path}.`));
    return problem ? t(problem.messageKey) : undefined;
  };
  const status = (path: string) => (fieldError(path) ? ('error' as const) : undefined);

  const options = useMemo(
    () => hits.map((c) => ({ value: String(c.id), label: `${c.name}  ${c.phones.join(' / ')}  ${c.address}` })),
    [hits],
  );

  const chooseCustomer = (id: string) => {
    const customer = hits.find((c) => String(c.id) === id) ?? null;
    setDraft((d) => ({ ...d, customer, lookup: customer?.name ?? d.lookup, productId: customer?.products[0]?.id ?? null }));
    setTimeout(() => faultRef.current?.focus(), 0);
  };

  const save = async () => {
    if (saving) return;
    setSaving(true);
    setSaved(null);
    const d = draft;
    const input: InputOf<'calls.register'> = {
      clientRequestId: requestId.current,
      customer: d.customer
        ? { id: d.customer.id }
        : { new: { name: d.newCustomer.name, phones: d.newCustomer.phone ? [d.newCustomer.phone] : [], address: d.newCustomer.address, district: d.newCustomer.district } },
      product:
        d.customer && d.productId
          ? { id: d.productId }
          : { new: { model: d.newProduct.model, serial: d.newProduct.serial, purchaseDate: d.newProduct.purchaseDate || null, warrantyMonths: d.newProduct.warrantyMonths, exclusions: [] } },
      fault: d.fault,
      ...(d.category ? { category: d.category } : {}),
      ...(d.overrideReason ? { overrideReason: d.overrideReason } : {}),
    };
    const result = await registerCall(input);
    setSaving(false);
    if (!result.ok) return setFailure(result.error);
    setSaved(result.call.number);
    setFailure(null);
    setDraft(EMPTY);
    requestId.current = newRequestId();
  };

  const newCustomerFields = !draft.customer;
  const newProductFields = !draft.customer || draft.productId === null;

  return (
    <Drawer open title={t('callLog.register')} size={560} onClose={onClose} destroyOnHidden keyboard>
      <Form layout="vertical" component="div">
        <form
          aria-label={t('callLog.register')}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.ctrlKey) void save();
          }}
        >
          <Form.Item label={t('callLog.lookup')} htmlFor="call-lookup" extra={t('callLog.lookupHelp')}>
            <AutoComplete
              id="call-lookup"
              autoFocus
              value={draft.lookup}
              options={options}
              onSearch={(q) => {
                setDraft((d) => ({ ...d, lookup: q, customer: null, productId: null }));
                void lookUp(q);
              }}
              onSelect={chooseCustomer}
            />
          </Form.Item>

          {draft.customer && (
            <Form.Item label={t('callLog.product')} htmlFor="call-product">
              <Select
                id="call-product"
                value={draft.productId ?? 'new'}
                onChange={(v) => setDraft((d) => ({ ...d, productId: v === 'new' ? null : Number(v) }))}
                options={[...draft.customer.products.map((p) => ({ value: p.id, label: `${p.model} · ${p.serial}` })), { value: 'new', label: t('callLog.newProduct') }]}
              />
            </Form.Item>
          )}

          {newCustomerFields && (
            <fieldset className="inline-fieldset">
              <legend>{t('callLog.newCustomer')}</legend>
              <Space wrap>
                <Form.Item label={t('customers.name')} htmlFor="nc-name" validateStatus={status('customer.new.name')} help={fieldError('customer.new.name')}>
                  <Input id="nc-name" value={draft.newCustomer.name} onChange={(e) => setDraft((d) => ({ ...d, newCustomer: { ...d.newCustomer, name: e.target.value } }))} />
                </Form.Item>
                <Form.Item label={t('customers.phone')} htmlFor="nc-phone" validateStatus={status('customer.new.phones')} help={fieldError('customer.new.phones')}>
                  <Input id="nc-phone" value={draft.newCustomer.phone} onChange={(e) => setDraft((d) => ({ ...d, newCustomer: { ...d.newCustomer, phone: e.target.value } }))} />
                </Form.Item>
              </Space>
              <Form.Item label={t('customers.address')} htmlFor="nc-address" validateStatus={status('customer.new.address')} help={fieldError('customer.new.address')}>
                <Input id="nc-address" value={draft.newCustomer.address} onChange={(e) => setDraft((d) => ({ ...d, newCustomer: { ...d.newCustomer, address: e.target.value } }))} />
              </Form.Item>
              <Radio.Group
                aria-label={t('customers.district')}
                value={draft.newCustomer.district}
                onChange={(e) => setDraft((d) => ({ ...d, newCustomer: { ...d.newCustomer, district: e.target.value as 'city' | 'suburb' } }))}
                options={[
                  { value: 'city', label: t('customers.city') },
                  { value: 'suburb', label: t('customers.suburb') },
                ]}
              />
            </fieldset>
          )}

          {newProductFields && (
            <fieldset className="inline-fieldset">
              <legend>{t('callLog.newProduct')}</legend>
              <Space wrap>
                <Form.Item label={t('products.model')} htmlFor="np-model" validateStatus={status('product.new.model')} help={fieldError('product.new.model')}>
                  <Input id="np-model" value={draft.newProduct.model} onChange={(e) => setDraft((d) => ({ ...d, newProduct: { ...d.newProduct, model: e.target.value } }))} />
                </Form.Item>
                <Form.Item label={t('products.serial')} htmlFor="np-serial" validateStatus={status('product.new.serial')} help={fieldError('product.new.serial')}>
                  <Input id="np-serial" value={draft.newProduct.serial} onChange={(e) => setDraft((d) => ({ ...d, newProduct: { ...d.newProduct, serial: e.target.value } }))} />
                </Form.Item>
                <Form.Item label={t('products.purchaseDate')} htmlFor="np-date" validateStatus={status('product.new.purchaseDate')} help={fieldError('product.new.purchaseDate')}>
                  <Input id="np-date" placeholder="2026-01-31" value={draft.newProduct.purchaseDate} onChange={(e) => setDraft((d) => ({ ...d, newProduct: { ...d.newProduct, purchaseDate: e.target.value } }))} />
                </Form.Item>
                <Form.Item label={t('products.warrantyMonths')} htmlFor="np-warranty">
                  <InputNumber id="np-warranty" min={0} max={120} value={draft.newProduct.warrantyMonths} onChange={(v) => setDraft((d) => ({ ...d, newProduct: { ...d.newProduct, warrantyMonths: v ?? 0 } }))} />
                </Form.Item>
              </Space>
            </fieldset>
          )}

          <Form.Item label={t('callLog.fault')} htmlFor="call-fault" validateStatus={status('fault')} help={fieldError('fault')}>
            <Input.TextArea id="call-fault" ref={faultRef} rows={3} value={draft.fault} onChange={(e) => setDraft((d) => ({ ...d, fault: e.target.value }))} />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item label={t('callLog.categoryOverride')} htmlFor="call-category">
              <Select
                id="call-category"
                style={{ width: 200 }}
                value={draft.category}
                onChange={(v) => setDraft((d) => ({ ...d, category: v }))}
                options={[{ value: '', label: t('callLog.categoryProposed') }, ...CALL_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))]}
              />
            </Form.Item>
            {draft.category && (
              <Form.Item label={t('callLog.overrideReason')} htmlFor="call-override" validateStatus={status('overrideReason')} help={fieldError('overrideReason')}>
                <Input id="call-override" value={draft.overrideReason} onChange={(e) => setDraft((d) => ({ ...d, overrideReason: e.target.value }))} />
              </Form.Item>
            )}
          </Space>
          {failure && <Alert type="error" showIcon title={errorText(t, failure)} style={{ marginBottom: 12 }} />}
          {saved && <Alert type="success" showIcon title={t('callLog.saved', { number: saved })} style={{ marginBottom: 12 }} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('callLog.save')} (Ctrl+Enter)
            </Button>
            <Button onClick={onClose}>{t('common.cancel')} (Esc)</Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('callLog.promiseHint')}
          </Typography.Paragraph>
        </form>
      </Form>
    </Drawer>
  );
}
