import { Alert, Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoodsLineView } from '../../../src-shared/contract/goods';
import { errorText } from '../../app/error-text';
import type { GoodsTab } from '../../store/goods-slice';
import { useAppStore } from '../../store/store-context';
import { ReturnGoodsDrawer } from './ReturnGoodsDrawer';

const TABS: readonly GoodsTab[] = ['inShop', 'overdue', 'returned'];
const VIRTUAL_FROM_ROWS = 200;

/** 客户商品进出登记簿: goods in the shop, overdue against the promised date, returned; the return form. */
export function GoodsLedgerPage() {
  const { t } = useTranslation();
  const tab = useAppStore((s) => s.goodsTab);
  const lines = useAppStore((s) => s.goodsLines);
  const loading = useAppStore((s) => s.goodsLoading);
  const failure = useAppStore((s) => s.goodsError);
  const loadGoods = useAppStore((s) => s.loadGoods);
  const showGoodsTab = useAppStore((s) => s.showGoodsTab);
  const canReturn = useAppStore((s) => s.me?.user.permissions.includes('goods.return') ?? false);
  const [returning, setReturning] = useState(false);

  useEffect(() => void loadGoods(), [loadGoods]);

  // Kept narrow for a 1366-pixel screen: the overdue tag sits with the promised date; the return date
  // replaces the signed-off state once the goods are back (returned goods were always signed off). The
  // receipt number and the states stay in view while the middle scrolls.
  const returned = tab === 'returned';
  const columns: ColumnsType<GoodsLineView> = [
    { title: t('goods.receiptNumber'), dataIndex: 'receiptNumber', width: 150, fixed: 'left' },
    { title: t('goods.callNumber'), dataIndex: 'callNumber', width: 142 },
    { title: t('goods.customer'), dataIndex: 'customerName', width: 76, ellipsis: true },
    { title: t('goods.phone'), dataIndex: 'phone', width: 108 },
    { title: t('goods.product'), dataIndex: 'productModel', width: 130, ellipsis: true },
    { title: t('goods.serial'), dataIndex: 'serial', width: 124 },
    { title: t('goods.dateIn'), dataIndex: 'dateIn', width: 92 },
    { title: t('goods.broughtBy'), dataIndex: 'broughtBy', width: 76, ellipsis: true },
    {
      title: t('goods.promisedDate'),
      dataIndex: 'promisedDate',
      width: 128,
      render: (date: string, line) => (
        <Space size={4}>
          {date}
          {line.isOverdue && <Tag color="red">{t('goods.overdueTag')}</Tag>}
        </Space>
      ),
    },
    ...(returned
      ? [{ title: t('goods.dateOut'), dataIndex: 'dateOut', width: 92, fixed: 'right' as const }]
      : [
          {
            title: t('goods.signedOff'),
            dataIndex: 'signedOff',
            width: 76,
            fixed: 'right' as const,
            render: (signed: boolean) => (signed ? <Tag color="green">{t('goods.signedOffYes')}</Tag> : <Tag>{t('goods.signedOffNo')}</Tag>),
          },
        ]),
    {
      title: t('goods.receiptStatus'),
      dataIndex: 'receiptStatus',
      width: 72,
      fixed: 'right',
      render: (s: GoodsLineView['receiptStatus']) => <Tag color={s === 'voided' ? 'default' : 'blue'}>{t(`goods.receiptStatuses.${s}`)}</Tag>,
    },
  ];

  return (
    <section aria-labelledby="goods-title">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={3} id="goods-title" style={{ margin: 0 }}>
          {t('nav.goodsLedger')}
        </Typography.Title>
        {canReturn && (
          <Button type="primary" onClick={() => setReturning(true)}>
            {t('goods.return')}
          </Button>
        )}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(key) => void showGoodsTab(key as GoodsTab)}
        items={TABS.map((key) => ({ key, label: t(`goods.tabs.${key}`) }))}
      />
      {failure && <Alert type="error" showIcon title={errorText(t, failure)} style={{ marginBottom: 12 }} />}
      <Table<GoodsLineView>
        aria-label={t('nav.goodsLedger')}
        rowKey="ledgerId"
        size="small"
        virtual={lines.length > VIRTUAL_FROM_ROWS}
        scroll={{ y: 560, x: 1250 }}
        pagination={false}
        loading={loading}
        columns={columns}
        dataSource={lines}
      />
      {returning && <ReturnGoodsDrawer onClose={() => setReturning(false)} />}
    </section>
  );
}
