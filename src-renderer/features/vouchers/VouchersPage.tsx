import { Alert, AutoComplete, Descriptions, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoucherEntryView } from '../../../src-shared/contract/calls';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { formatTime } from '../call-log/format';
import { formatYuan } from './money';

/** 服务凭证: find the customer as you type, choose the product, read its service history. */
export function VouchersPage() {
  const { t } = useTranslation();
  const hits = useAppStore((s) => s.voucherCustomerHits);
  const customer = useAppStore((s) => s.voucherCustomer);
  const productId = useAppStore((s) => s.voucherProductId);
  const entries = useAppStore((s) => s.voucherEntries);
  const loading = useAppStore((s) => s.voucherLoading);
  const failure = useAppStore((s) => s.voucherError);
  const search = useAppStore((s) => s.searchVoucherCustomers);
  const chooseCustomer = useAppStore((s) => s.chooseVoucherCustomer);
  const chooseProduct = useAppStore((s) => s.chooseVoucherProduct);
  const [query, setQuery] = useState(customer?.name ?? '');
  const product = customer?.products.find((p) => p.id === productId) ?? null;

  const options = useMemo(() => hits.map((c) => ({ value: String(c.id), label: `${c.name}  ${c.phones.join(' / ')}  ${c.address}` })), [hits]);

  const columns: ColumnsType<VoucherEntryView> = [
    { title: t('vouchers.date'), dataIndex: 'at', width: 100, render: formatTime },
    { title: t('vouchers.callNumber'), dataIndex: 'callNumber', width: 150 },
    { title: t('vouchers.kind'), dataIndex: 'kind', width: 90, render: (k: VoucherEntryView['kind']) => t(`vouchers.kinds.${k}`) },
    { title: t('vouchers.category'), dataIndex: 'category', width: 110, render: (c: string) => t(`categories.${c}`) },
    { title: t('vouchers.technician'), dataIndex: 'technicianName', width: 80 },
    { title: t('vouchers.workDone'), dataIndex: 'workDone', ellipsis: true },
    { title: t('vouchers.parts'), dataIndex: 'partsText', ellipsis: true },
    { title: t('vouchers.fee'), dataIndex: 'feeFen', width: 90, align: 'right', render: formatYuan },
    {
      title: t('vouchers.signer'),
      dataIndex: 'signerName',
      width: 140,
      render: (name: string, e) => (
        <Space size={4}>
          {name}
          {e.hasSignatureImage && <Tag>{t('vouchers.signed')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <section aria-labelledby="vouchers-title">
      <Typography.Title level={3} id="vouchers-title">
        {t('nav.vouchers')}
      </Typography.Title>
      <Form layout="vertical" component="div">
        <Space wrap align="start">
          <Form.Item label={t('vouchers.lookup')} htmlFor="voucher-lookup" extra={t('vouchers.lookupHelp')}>
            <AutoComplete
              id="voucher-lookup"
              autoFocus
              style={{ width: 360 }}
              value={query}
              options={options}
              onSearch={(q) => {
                setQuery(q);
                void search(q);
              }}
              onSelect={(id: string) => {
                setQuery(hits.find((c) => String(c.id) === id)?.name ?? '');
                void chooseCustomer(Number(id));
                // The next keystroke goes to the product (arrow keys pick another one).
                setTimeout(() => document.getElementById('voucher-product')?.focus(), 0);
              }}
            />
          </Form.Item>
          {customer && (
            <Form.Item label={t('vouchers.product')} htmlFor="voucher-product">
              <Select
                id="voucher-product"
                style={{ width: 300 }}
                value={productId ?? undefined}
                onChange={(v: number) => void chooseProduct(v)}
                options={customer.products.map((p) => ({ value: p.id, label: `${p.model} · ${p.serial}` }))}
              />
            </Form.Item>
          )}
        </Space>
      </Form>
      {failure && <Alert type="error" showIcon title={errorText(t, failure)} style={{ marginBottom: 12 }} />}
      {customer && product && (
        <Descriptions size="small" bordered column={3} style={{ marginBottom: 12 }} aria-label={t('vouchers.card')}>
          <Descriptions.Item label={t('vouchers.customer')}>{customer.name}</Descriptions.Item>
          <Descriptions.Item label={t('vouchers.phone')}>{customer.phones.join(' / ')}</Descriptions.Item>
          <Descriptions.Item label={t('vouchers.address')}>{customer.address}</Descriptions.Item>
          <Descriptions.Item label={t('vouchers.product')}>{`${product.model} · ${product.serial}`}</Descriptions.Item>
          <Descriptions.Item label={t('vouchers.warrantyEnd')}>{product.warrantyEnd ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('vouchers.contract')}>{product.contract ? `${product.contract.number} · ${product.contract.start} – ${product.contract.end}` : t('vouchers.noContract')}</Descriptions.Item>
        </Descriptions>
      )}
      {customer && (
        <Table<VoucherEntryView>
          aria-label={t('vouchers.history')}
          rowKey="id"
          size="small"
          pagination={false}
          loading={loading}
          columns={columns}
          dataSource={entries}
          locale={{ emptyText: t('vouchers.noEntries') }}
        />
      )}
    </section>
  );
}
