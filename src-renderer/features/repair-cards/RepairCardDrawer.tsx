import { Alert, Button, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { PrintButton } from '../shell/PrintButton';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/contract/errors';
import type { RepairCardView } from '../../../src-shared/contract/goods';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { formatTime } from '../call-log/format';
import { formatYuan } from '../vouchers/money';
import { AddLabourForm, AddPartForm, AskForHelpForm, FindingsForm } from './RepairCardForms';

type Labour = RepairCardView['labour'][number];
type Part = RepairCardView['parts'][number];

/** One repair card: its labour and parts lines, findings, the technician's forms and the supervisor's 验讫. */
export function RepairCardDrawer({ card }: { card: RepairCardView }) {
  const { t } = useTranslation();
  const closeRepairCard = useAppStore((s) => s.closeRepairCard);
  const signOffRepairCard = useAppStore((s) => s.signOffRepairCard);
  const canEdit = useAppStore((s) => s.me?.user.permissions.includes('repairCards.edit') ?? false);
  const canSignOff = useAppStore((s) => s.me?.user.permissions.includes('repairCards.signOff') ?? false);
  const [signOffError, setSignOffError] = useState<ApiError | null>(null);
  const [signing, setSigning] = useState(false);
  const signed = card.signedOffAt !== null;
  const amendment = (isAmendment: boolean) => (isAmendment ? <Tag color="purple">{t('repairCards.amendment')}</Tag> : null);

  const signOff = async () => {
    setSigning(true);
    setSignOffError(await signOffRepairCard(card.id));
    setSigning(false);
  };

  return (
    <Drawer open title={t('repairCards.cardTitle', { number: card.callNumber })} size={760} onClose={closeRepairCard} keyboard>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('repairCards.receiptNumber')}>{card.receiptNumber}</Descriptions.Item>
        <Descriptions.Item label={t('repairCards.customer')}>{card.customerName}</Descriptions.Item>
        <Descriptions.Item label={t('repairCards.product')}>{`${card.productModel} · ${card.serial}`}</Descriptions.Item>
        <Descriptions.Item label={t('repairCards.technician')}>{card.technician?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('repairCards.fault')}>{card.fault}</Descriptions.Item>
        <Descriptions.Item label={t('repairCards.promisedDate')}>
          {card.promisedDate} {card.isOverdue && !signed && <Tag color="red">{t('repairCards.states.overdue')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('repairCards.findings')}>{card.findings || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('repairCards.cause')}>{card.cause || '—'}</Descriptions.Item>
        {card.helpRequestedAt && (
          <Descriptions.Item label={t('repairCards.states.helpRequested')} span={2}>
            {`${formatTime(card.helpRequestedAt)} ${card.helpNote ?? ''}`}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('repairCards.signOffState')} span={2}>
          {signed ? <Tag color="green">{t('repairCards.signedOffBy', { name: card.signedOffBy, time: formatTime(card.signedOffAt!) })}</Tag> : <Tag>{t('repairCards.notSignedOff')}</Tag>}
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('repairCards.labour')}
      </Typography.Title>
      <Table<Labour>
        aria-label={t('repairCards.labour')}
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={card.labour}
        columns={[
          { title: t('repairCards.technician'), dataIndex: 'technicianName', width: 80 },
          { title: t('repairCards.start'), dataIndex: 'startedAt', width: 100, render: formatTime },
          { title: t('repairCards.end'), dataIndex: 'endedAt', width: 100, render: formatTime },
          { title: t('repairCards.minutes'), dataIndex: 'minutes', width: 70 },
          { title: t('repairCards.note'), dataIndex: 'note', render: (n: string, l) => <Space>{n}{amendment(l.isAmendment)}</Space> },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('repairCards.parts')}
      </Typography.Title>
      <Table<Part>
        aria-label={t('repairCards.parts')}
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={card.parts}
        columns={[
          { title: t('repairCards.partNo'), dataIndex: 'partNo', width: 90 },
          { title: t('repairCards.partName'), dataIndex: 'name', render: (n: string, p) => <Space>{n}{amendment(p.isAmendment)}</Space> },
          { title: t('repairCards.quantity'), dataIndex: 'quantity', width: 60 },
          { title: t('repairCards.partSerial'), dataIndex: 'serial', width: 120 },
          { title: t('repairCards.unitPrice'), dataIndex: 'unitPriceFen', width: 90, render: formatYuan },
        ]}
      />

      {canEdit && (
        <div style={{ marginTop: 16 }}>
          {signed && <Alert type="info" showIcon title={t('repairCards.amendmentHint')} style={{ marginBottom: 12 }} />}
          <AddLabourForm cardId={card.id} />
          <AddPartForm cardId={card.id} />
          {!signed && <FindingsForm card={card} />}
          {!signed && <AskForHelpForm cardId={card.id} />}
        </div>
      )}

      <div style={{ marginTop: 16 }}>
        <PrintButton label={t('print.actions.repairCard')} request={{ form: 'repairCard', cardId: card.id }} />
      </div>
      {canSignOff && !signed && (
        <div style={{ marginTop: 16 }}>
          {signOffError && <Alert type="error" showIcon title={errorText(t, signOffError)} style={{ marginBottom: 12 }} />}
          <Button type="primary" loading={signing} onClick={() => void signOff()}>
            {t('repairCards.signOff')}
          </Button>
        </div>
      )}
    </Drawer>
  );
}
