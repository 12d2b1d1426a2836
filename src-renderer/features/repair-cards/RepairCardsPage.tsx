import { Alert, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/contract/errors';
import type { RepairCardView } from '../../../src-shared/contract/goods';
import { errorText } from '../../app/error-text';
import type { RepairCardState } from '../../store/repair-cards-slice';
import { useAppStore } from '../../store/store-context';
import { RepairCardDrawer } from './RepairCardDrawer';

const STATES: readonly RepairCardState[] = ['open', 'overdue', 'helpRequested', 'signedOff'];

/** 修护卡: the cards hanging on goods in the shop, by state; a row (click or Enter) opens the card. */
export function RepairCardsPage() {
  const { t } = useTranslation();
  const state = useAppStore((s) => s.repairCardState);
  const cards = useAppStore((s) => s.repairCards);
  const loading = useAppStore((s) => s.repairCardsLoading);
  const listError = useAppStore((s) => s.repairCardsError);
  const openCard = useAppStore((s) => s.repairCard);
  const loadRepairCards = useAppStore((s) => s.loadRepairCards);
  const showRepairCardState = useAppStore((s) => s.showRepairCardState);
  const openRepairCard = useAppStore((s) => s.openRepairCard);
  const [openError, setOpenError] = useState<ApiError | null>(null);

  useEffect(() => void loadRepairCards(), [loadRepairCards]);
  const open = async (card: RepairCardView) => setOpenError(await openRepairCard(card.id));

  const columns: ColumnsType<RepairCardView> = [
    { title: t('repairCards.callNumber'), dataIndex: 'callNumber', width: 150, fixed: 'left' },
    { title: t('repairCards.receiptNumber'), dataIndex: 'receiptNumber', width: 150 },
    { title: t('repairCards.customer'), dataIndex: 'customerName', width: 86 },
    { title: t('repairCards.product'), dataIndex: 'productModel', width: 140, ellipsis: true },
    { title: t('repairCards.serial'), dataIndex: 'serial', width: 128 },
    { title: t('repairCards.fault'), dataIndex: 'fault', width: 160, ellipsis: true },
    { title: t('repairCards.technician'), dataIndex: ['technician', 'name'], width: 96 },
    { title: t('repairCards.promisedDate'), dataIndex: 'promisedDate', width: 100 },
    {
      title: t('repairCards.state'),
      key: 'state',
      width: 200,
      fixed: 'right',
      render: (_v, c) => (
        <Space size={2} wrap>
          {c.isOverdue && !c.signedOffAt && <Tag color="red">{t('repairCards.states.overdue')}</Tag>}
          {c.helpRequestedAt && !c.signedOffAt && <Tag color="orange">{t('repairCards.states.helpRequested')}</Tag>}
          {c.signedOffAt ? <Tag color="green">{t('repairCards.states.signedOff')}</Tag> : <Tag>{t('repairCards.states.open')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <section aria-labelledby="repair-cards-title">
      <Typography.Title level={3} id="repair-cards-title">
        {t('nav.repairCards')}
      </Typography.Title>
      <Space style={{ marginBottom: 12 }}>
        <Segmented
          aria-label={t('repairCards.filter')}
          value={state}
          onChange={(v) => void showRepairCardState(v as RepairCardState)}
          options={STATES.map((s) => ({ value: s, label: t(`repairCards.states.${s}`) }))}
        />
      </Space>
      {(listError ?? openError) && <Alert type="error" showIcon title={errorText(t, (listError ?? openError)!)} style={{ marginBottom: 12 }} />}
      <Table<RepairCardView>
        aria-label={t('nav.repairCards')}
        rowKey="id"
        size="small"
        scroll={{ y: 560, x: 1300 }}
        pagination={false}
        loading={loading}
        columns={columns}
        dataSource={cards}
        onRow={(card) => ({
          tabIndex: 0,
          style: { cursor: 'pointer' },
          onClick: () => void open(card),
          onKeyDown: (e) => {
            if (e.key === 'Enter') void open(card);
          },
        })}
      />
      {openCard && <RepairCardDrawer card={openCard} />}
    </section>
  );
}
