import { Alert, Button, Descriptions, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerHit, CustomerView, ProductView } from '../../../src-shared/contract/customers';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { useShortcut } from '../shell/use-shortcut';
import { ProductDrawer } from './ProductDrawer';
import { CustomerDrawer } from './CustomerDrawer';

/** A customer's products: model, serial, warranty to when, a maintenance contract, the voucher; 修改 for a clerk. */
function ProductsTable({ customer, onEdit }: { customer: CustomerView; onEdit: ((product: ProductView) => void) | null }) {
  const { t } = useTranslation();
  const columns = useMemo<ColumnsType<ProductView>>(
    () => [
      { title: t('customersUi.model'), dataIndex: 'model' },
      { title: t('customersUi.serial'), dataIndex: 'serial' },
      { title: t('customersUi.purchaseDate'), dataIndex: 'purchaseDate', render: (d: string | null) => d ?? '—' },
      { title: t('customersUi.warrantyEnd'), dataIndex: 'warrantyEnd', render: (d: string | null) => d ?? '—' },
      {
        title: t('customersUi.contract'),
        key: 'contract',
        render: (_v, p) => (p.contract ? `${p.contract.number} (${p.contract.start} – ${p.contract.end})` : '—'),
      },
      { title: t('customersUi.voucher'), dataIndex: 'voucherId', render: (id: number) => `#${id}` },
      ...(onEdit
        ? [{ title: '', key: 'edit', width: 90, render: (_v: unknown, p: ProductView) => <Button size="small" aria-label={t('customersUi.editProduct', { serial: p.serial })} onClick={() => onEdit(p)}>{t('customersUi.change')}</Button> }]
        : []),
    ],
    [t, onEdit],
  );
  return <Table<ProductView> aria-label={t('customersUi.products')} rowKey="id" size="small" pagination={false} columns={columns} dataSource={customer.products} />;
}

/** 客户与产品: find a customer as you type, see his phones, address and products; new customers (F2), changed details, new products. */
export function CustomersPage() {
  const { t } = useTranslation();
  const query = useAppStore((s) => s.customerQuery);
  const found = useAppStore((s) => s.customerList);
  const shown = useAppStore((s) => s.shownCustomer);
  const failure = useAppStore((s) => s.customersError);
  const findCustomers = useAppStore((s) => s.findCustomers);
  const showCustomer = useAppStore((s) => s.showCustomer);
  const canManage = useAppStore((s) => s.me?.user.permissions.includes('customers.manage') ?? false);
  const [creating, setCreating] = useState(false);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [editingProduct, setEditingProduct] = useState<ProductView | null>(null);
  useShortcut('F2', () => canManage && setCreating(true));

  const columns = useMemo<ColumnsType<CustomerHit>>(
    () => [
      { title: t('customers.name'), dataIndex: 'name', width: 120 },
      { title: t('customers.phone'), dataIndex: 'phones', width: 220, render: (phones: string[]) => phones.join(' / ') },
      { title: t('customers.address'), dataIndex: 'address', ellipsis: true },
      { title: t('customers.district'), dataIndex: 'district', width: 80, render: (d: CustomerHit['district']) => t(`customers.${d}`) },
      { title: t('customersUi.products'), key: 'products', width: 260, render: (_v, c) => c.products.map((p) => `${p.model} ${p.serial}`).join('，') },
    ],
    [t],
  );
  const onRow = (customer: CustomerHit) => ({
    tabIndex: 0,
    style: { cursor: 'pointer' },
    onClick: () => void showCustomer(customer.id),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter') void showCustomer(customer.id);
    },
  });

  return (
    <section aria-labelledby="customers-title">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} id="customers-title" style={{ margin: 0 }}>
          {t('nav.customers')}
        </Typography.Title>
        {canManage && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('customersUi.newCustomer')} (F2)
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('areas.customers')}</Typography.Paragraph>
      <Input.Search
        aria-label={t('customersUi.search')}
        placeholder={t('customersUi.searchPlaceholder')}
        allowClear
        autoFocus
        style={{ width: 360, marginBottom: 12 }}
        value={query}
        onChange={(e) => void findCustomers(e.target.value)}
      />
      {failure && <Alert type="error" showIcon title={errorText(t, failure)} style={{ marginBottom: 12 }} />}
      <Table<CustomerHit>
        aria-label={t('customersUi.found')}
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={found}
        onRow={onRow}
        locale={{ emptyText: <Empty description={query.trim() ? t('customersUi.noneFound') : t('customersUi.typeToFind')} /> }}
      />
      {shown && (
        <section aria-label={t('customersUi.customer', { name: shown.name })} style={{ marginTop: 16 }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {shown.name} <Tag>{t(`customers.${shown.district}`)}</Tag>
            </Typography.Title>
            {canManage && (
              <Space>
                <Button onClick={() => setEditing(true)}>{t('customersUi.edit')}</Button>
                <Button onClick={() => setAdding(true)}>{t('customersUi.addProduct')}</Button>
              </Space>
            )}
          </Space>
          <Descriptions size="small" column={2} style={{ margin: '12px 0' }}>
            <Descriptions.Item label={t('customers.phone')}>{shown.phones.join(' / ')}</Descriptions.Item>
            <Descriptions.Item label={t('customers.address')}>{shown.address}</Descriptions.Item>
            <Descriptions.Item label={t('customersUi.notes')}>{shown.notes || '—'}</Descriptions.Item>
          </Descriptions>
          <ProductsTable customer={shown} onEdit={canManage ? setEditingProduct : null} />
        </section>
      )}
      {creating && <CustomerDrawer onClose={() => setCreating(false)} />}
      {editing && shown && <CustomerDrawer customer={shown} onClose={() => setEditing(false)} />}
      {adding && shown && <ProductDrawer customer={shown} onClose={() => setAdding(false)} />}
      {editingProduct && shown && <ProductDrawer customer={shown} product={editingProduct} onClose={() => setEditingProduct(null)} />}
    </section>
  );
}
