import { Alert, Button, DatePicker, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { memo, useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../../../src-shared/contract/calls';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { useShortcut } from '../shell/use-shortcut';
import { CallDetailDrawer } from './CallDetailDrawer';
import { formatTime } from './format';
import { RegisterCallDrawer } from './RegisterCallDrawer';

const VIRTUAL_FROM_ROWS = 200;

/**
 * The search box, on its own: a keystroke re-renders only this box, never the rows. While a search is
 * out the box shows it (the rows keep the previous answer until the new one is drawn).
 */
function CallSearchBox() {
  const { t } = useTranslation();
  const query = useAppStore((s) => s.callQuery);
  const searching = useAppStore((s) => s.callsLoading && s.callQuery.trim() !== '');
  const searchCalls = useAppStore((s) => s.searchCalls);
  return (
    <Input.Search
      aria-label={t('callLog.search')}
      placeholder={t('callLog.searchPlaceholder')}
      allowClear
      loading={searching}
      style={{ width: 320 }}
      value={query}
      onChange={(e) => void searchCalls(e.target.value)}
    />
  );
}

/** The rows, redrawn only when they or the book's loading state change (not when a drawer opens). */
const CallsTable = memo(function CallsTable({ calls, loading }: { calls: CallSummary[]; loading: boolean }) {
  const { t } = useTranslation();
  const openCallDetail = useAppStore((s) => s.openCallDetail);
  const columns = useMemo<ColumnsType<CallSummary>>(
    () => [
      { title: t('callLog.number'), dataIndex: 'number', width: 150 },
      { title: t('callLog.calledAt'), dataIndex: 'calledAt', width: 100, render: formatTime },
      { title: t('callLog.customer'), dataIndex: 'customerName', width: 90 },
      { title: t('callLog.phone'), dataIndex: 'phone', width: 120 },
      { title: t('callLog.product'), dataIndex: 'productModel', width: 150 },
      { title: t('callLog.fault'), dataIndex: 'fault', ellipsis: true },
      { title: t('callLog.category'), dataIndex: 'category', width: 60 },
      { title: t('callLog.status'), dataIndex: 'status', width: 90, render: (s: CallSummary['status']) => t(`callStatus.${s}`) },
      { title: t('callLog.technician'), dataIndex: ['technician', 'name'], width: 80 },
      {
        title: t('callLog.deadline'),
        dataIndex: 'deadlineAt',
        width: 120,
        render: (d: string, call) => (call.isLate ? <Tag color="red">{`${formatTime(d)} ${t('callLog.late')}`}</Tag> : formatTime(d)),
      },
    ],
    [t],
  );
  const onRow = useCallback(
    (call: CallSummary) => ({
      tabIndex: 0,
      style: ROW_STYLE,
      onClick: () => void openCallDetail(call.id),
      onKeyDown: (e: KeyboardEvent) => {
        if (e.key === 'Enter') void openCallDetail(call.id);
      },
    }),
    [openCallDetail],
  );
  return (
    <Table<CallSummary>
      aria-label={t('nav.callLog')}
      rowKey="id"
      size="small"
      // antd's virtual body drops the table roles, so screen readers and role-based tests lose the rows:
      // virtualize only when the list is long enough to need it.
      virtual={calls.length > VIRTUAL_FROM_ROWS}
      scroll={SCROLL}
      pagination={false}
      loading={loading}
      columns={columns}
      dataSource={calls}
      onRow={onRow}
    />
  );
});

const ROW_STYLE = { cursor: 'pointer' } as const;
const SCROLL = { y: 560, x: 1200 } as const;

/** 叫修登记簿: any day's book, filters, search as you type, and the register-call form (F2). */
export function CallLogPage() {
  const { t } = useTranslation();
  const calls = useAppStore((s) => s.calls);
  // A search keeps the rows it has until its answer comes (the search box shows it is busy): covering the
  // book on every keystroke would redraw every row twice per keystroke.
  const loadingBook = useAppStore((s) => s.callsLoading && s.callQuery.trim() === '');
  const filter = useAppStore((s) => s.callFilter);
  const lastError = useAppStore((s) => s.lastError);
  const loadCalls = useAppStore((s) => s.loadCalls);
  const setCallFilter = useAppStore((s) => s.setCallFilter);
  const setCallDate = useAppStore((s) => s.setCallDate);
  const canRegister = useAppStore((s) => s.me?.user.permissions.includes('calls.register') ?? false);
  const [registering, setRegistering] = useState(false);

  useEffect(() => void loadCalls(), [loadCalls]);
  useShortcut('F2', () => canRegister && setRegistering(true));

  return (
    <section aria-labelledby="call-log-title">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} id="call-log-title" style={{ margin: 0 }}>
          {t('nav.callLog')}
        </Typography.Title>
        {canRegister && (
          <Button type="primary" onClick={() => setRegistering(true)}>
            {t('callLog.register')} (F2)
          </Button>
        )}
      </Space>
      <Space style={{ marginBottom: 12 }} wrap>
        <CallSearchBox />
        <Segmented
          aria-label={t('callLog.filter')}
          value={filter}
          onChange={(v) => void setCallFilter(v as typeof filter)}
          options={(['all', 'open', 'late'] as const).map((f) => ({ value: f, label: t(`callLog.filters.${f}`) }))}
        />
        <DatePicker aria-label={t('callLog.day')} onChange={(d) => void setCallDate(d ? d.format('YYYY-MM-DD') : null)} />
      </Space>
      {lastError && <Alert type="error" showIcon title={errorText(t, lastError)} style={{ marginBottom: 12 }} />}
      <CallsTable calls={calls} loading={loadingBook} />
      <CallDetailDrawer />
      {registering && <RegisterCallDrawer onClose={() => setRegistering(false)} />}
    </section>
  );
}
