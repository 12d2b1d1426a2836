import { Alert, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardCall } from '../../../src-shared/contract/calls';
import type { ApiError } from '../../../src-shared/contract/errors';
import { errorText } from '../../app/error-text';
import { BOARD_ROWS } from '../../store/call-log-slice';
import { useAppStore } from '../../store/store-context';
import { deadlineTone, formatTime } from '../call-log/format';
import { DispatchAction, type TechnicianOption } from './DispatchAction';

/** 派工: carried-over calls first, then by deadline, each with the time left to the promised arrival. */
export function DispatchBoardPage() {
  const { t } = useTranslation();
  const board = useAppStore((s) => s.board);
  const boardOffset = useAppStore((s) => s.boardOffset);
  const showBoardPage = useAppStore((s) => s.showBoardPage);
  const loadBoard = useAppStore((s) => s.loadBoard);
  const forgetBoard = useAppStore((s) => s.forgetBoard);
  const dispatchCall = useAppStore((s) => s.dispatchCall);
  const canDispatch = useAppStore((s) => s.me?.user.permissions.includes('calls.dispatch') ?? false);
  const loadError = useAppStore((s) => s.lastError);
  const [failure, setFailure] = useState<ApiError | null>(null);

  // The countdown moves, and new calls appear, while the supervisor watches. On leaving, the board is
  // dropped: drawing the old one on the next visit would only delay the request for the new one.
  useEffect(() => {
    void loadBoard();
    const timer = setInterval(() => void loadBoard(), 30_000);
    return () => {
      clearInterval(timer);
      forgetBoard();
    };
  }, [loadBoard, forgetBoard]);

  const technicians = board?.technicians;
  const options = useMemo<TechnicianOption[]>(
    () => (technicians ?? []).map((tech) => ({ value: tech.id, label: `${tech.name} (${tech.openCalls})` })),
    [technicians],
  );
  const dispatch = useCallback(async (callId: number, technicianId: number) => setFailure(await dispatchCall(callId, technicianId)), [dispatchCall]);

  const columns = useMemo<ColumnsType<BoardCall>>(
    () => [
      { title: t('callLog.number'), dataIndex: 'number', width: 150, render: (n: string, c) => (c.carriedOver ? <Space>{n}<Tag color="purple">{t('dispatch.carriedOver')}</Tag></Space> : n) },
      { title: t('callLog.customer'), dataIndex: 'customerName', width: 90 },
      { title: t('callLog.address'), dataIndex: 'address', ellipsis: true },
      { title: t('callLog.fault'), dataIndex: 'fault', ellipsis: true },
      { title: t('customers.district'), dataIndex: 'district', width: 70, render: (d: string) => t(`customers.${d}`) },
      {
        title: t('dispatch.promise'),
        dataIndex: 'deadlineAt',
        width: 200,
        render: (d: string, c) => {
          const minutes = c.workingMinutesLeft;
          const text = minutes >= 0 ? t('dispatch.left', { hours: Math.floor(minutes / 60), minutes: minutes % 60 }) : t('callLog.late');
          return <Tag color={deadlineTone(c)}>{`${formatTime(d)} · ${text}`}</Tag>;
        },
      },
      { title: t('callLog.technician'), dataIndex: ['technician', 'name'], width: 80 },
      {
        title: t('dispatch.action'),
        key: 'dispatch',
        width: 260,
        render: (_v, c) => canDispatch && <DispatchAction callId={c.id} number={c.number} redispatch={c.technician !== null} options={options} onDispatch={dispatch} />,
      },
    ],
    [t, canDispatch, options, dispatch],
  );

  return (
    <section aria-labelledby="dispatch-title">
      <Typography.Title level={3} id="dispatch-title">
        {t('nav.dispatch')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('areas.dispatch')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }} aria-label={t('dispatch.technicians')}>
        {(technicians ?? []).map((tech) => (
          <Tag key={tech.id}>{t('dispatch.load', { name: tech.name, count: tech.openCalls })}</Tag>
        ))}
      </Space>
      {(failure ?? loadError) && <Alert type="error" showIcon title={errorText(t, (failure ?? loadError)!)} style={{ marginBottom: 12 }} />}
      <Table<BoardCall>
        aria-label={t('nav.dispatch')}
        rowKey="id"
        size="small"
        // The server sends one page of fifty: a large branch's board stays quick to fetch and to draw.
        pagination={{
          current: Math.floor(boardOffset / BOARD_ROWS) + 1,
          pageSize: BOARD_ROWS,
          total: board?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('dispatch.waiting', { count: total }),
          onChange: (page) => void showBoardPage((page - 1) * BOARD_ROWS),
        }}
        loading={board === null && loadError === null}
        columns={columns}
        dataSource={board?.calls ?? []}
      />
    </section>
  );
}
