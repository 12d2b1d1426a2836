import { Alert, Button, Drawer, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/contract/errors';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { fieldMessages } from '../settings/field-message';
import { DayLines, TechnicianStatusTag } from './DayLines';

/** One technician's day as the supervisor or manager reads it; the supervisor can send it back with a comment. */
export function TechnicianDayDrawer() {
  const { t } = useTranslation();
  const day = useAppStore((s) => s.viewedDay);
  const close = useAppStore((s) => s.closeTechnicianDay);
  const returnTechnicianDay = useAppStore((s) => s.returnTechnicianDay);
  const canReturn = useAppStore((s) => s.me?.user.permissions.includes('reports.supervisor') ?? false);
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<ApiError | null>(null);
  if (!day) return null;
  const fields = fieldMessages(t, failure);

  const sendBack = async () => {
    const error = await returnTechnicianDay(day.technician.id, comment);
    setFailure(error);
    if (!error) setComment('');
  };

  return (
    <Drawer open size={720} title={t('reportsUi.dayOf', { name: day.technician.name, date: day.date })} onClose={close} keyboard>
      <Space style={{ marginBottom: 8 }}>
        <TechnicianStatusTag day={day} />
      </Space>
      {day.status === 'returned' && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('reportsUi.returnedWith', { comment: day.returnComment ?? '' })} />}
      <DayLines day={day} idPrefix="viewed-day" />
      {canReturn && day.status === 'confirmed' && (
        <Form layout="vertical" component="div">
          <form
            aria-label={t('reportsUi.sendBack')}
            className="inline-fieldset"
            onSubmit={(e) => {
              e.preventDefault();
              void sendBack();
            }}
          >
            <Form.Item label={t('reportsUi.returnComment')} htmlFor="return-comment" validateStatus={fields.status('comment')} help={fields.message('comment')}>
              <Input.TextArea id="return-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
            </Form.Item>
            {failure && !failure.details?.fields && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={errorText(t, failure)} />}
            <Button htmlType="submit" danger>
              {t('reportsUi.sendBack')}
            </Button>
          </form>
        </Form>
      )}
    </Drawer>
  );
}
