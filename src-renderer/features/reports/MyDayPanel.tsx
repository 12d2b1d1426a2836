import { Alert, Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/contract/errors';
import { ADMIN_TASK_KINDS } from '../../../src-shared/contract/reports';
import { errorText } from '../../app/error-text';
import type { AdminTaskInput } from '../../store/reports-slice';
import { useAppStore } from '../../store/store-context';
import { fieldMessages } from '../settings/field-message';
import { DayLines, TechnicianStatusTag } from './DayLines';

const EMPTY_TASK = { kind: undefined as AdminTaskInput['kind'] | undefined, minutes: null as number | null, note: '' };

/** 技术员工作日报表: the technician's own day, admin tasks (category D) and his confirmation. */
export function MyDayPanel() {
  const { t } = useTranslation();
  const day = useAppStore((s) => s.myDay);
  const addAdminTask = useAppStore((s) => s.addAdminTask);
  const confirmMyDay = useAppStore((s) => s.confirmMyDay);
  const [task, setTask] = useState(EMPTY_TASK);
  const [taskFailure, setTaskFailure] = useState<ApiError | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!day) return null;
  const fields = fieldMessages(t, taskFailure);
  const isConfirmed = day.status === 'confirmed';

  const saveTask = async () => {
    if (busy) return;
    setBusy(true);
    // An unchosen kind or empty minutes go as they are: the main process names the field that is missing.
    const error = await addAdminTask({ kind: task.kind as AdminTaskInput['kind'], minutes: task.minutes as number, note: task.note });
    setBusy(false);
    setTaskFailure(error);
    if (!error) setTask(EMPTY_TASK);
  };
  const confirm = async () => {
    setBusy(true);
    setFailure(await confirmMyDay());
    setBusy(false);
  };

  return (
    <section aria-labelledby="my-day-title">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Space>
          <Typography.Title level={4} id="my-day-title" style={{ margin: 0 }}>
            {t('reportsUi.myDayTitle', { name: day.technician.name })}
          </Typography.Title>
          <TechnicianStatusTag day={day} />
        </Space>
        {!isConfirmed && (
          <Button type="primary" disabled={busy} onClick={() => void confirm()}>
            {t('reportsUi.confirmDay')}
          </Button>
        )}
      </Space>
      {day.status === 'returned' && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('reportsUi.returnedWith', { comment: day.returnComment ?? '' })} />
      )}
      {failure && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={errorText(t, failure)} />}
      <DayLines day={day} idPrefix="my-day" />
      {!isConfirmed && (
        <Form layout="vertical" component="div">
          <form
            aria-label={t('reportsUi.addAdminTask')}
            className="inline-fieldset"
            onSubmit={(e) => {
              e.preventDefault();
              void saveTask();
            }}
          >
            <Typography.Text strong style={{ display: 'block' }}>{t('reportsUi.addAdminTask')}</Typography.Text>
            <Space wrap align="start" style={{ marginTop: 4 }}>
              <Form.Item label={t('reportsUi.taskKind')} htmlFor="task-kind" validateStatus={fields.status('kind')} help={fields.message('kind')}>
                <Select
                  id="task-kind"
                  style={{ width: 160 }}
                  value={task.kind}
                  placeholder={t('reportsUi.chooseKind')}
                  onChange={(kind) => setTask((d) => ({ ...d, kind }))}
                  options={ADMIN_TASK_KINDS.map((k) => ({ value: k, label: t(`reportsUi.taskKinds.${k}`) }))}
                />
              </Form.Item>
              <Form.Item label={t('reportsUi.taskMinutes')} htmlFor="task-minutes" validateStatus={fields.status('minutes')} help={fields.message('minutes')}>
                <InputNumber id="task-minutes" min={1} max={1440} value={task.minutes} onChange={(minutes) => setTask((d) => ({ ...d, minutes }))} />
              </Form.Item>
              <Form.Item label={t('reportsUi.taskNote')} htmlFor="task-note" validateStatus={fields.status('note')} help={fields.message('note')}>
                <Input id="task-note" style={{ width: 280 }} value={task.note} onChange={(e) => setTask((d) => ({ ...d, note: e.target.value }))} />
              </Form.Item>
              <Form.Item label=" ">
                <Button htmlType="submit" disabled={busy}>
                  {t('reportsUi.addAdminTaskSubmit')}
                </Button>
              </Form.Item>
            </Space>
            {taskFailure && !taskFailure.details?.fields && <Alert type="error" showIcon title={errorText(t, taskFailure)} />}
          </form>
        </Form>
      )}
    </section>
  );
}
