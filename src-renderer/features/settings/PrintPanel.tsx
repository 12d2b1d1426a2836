import { Alert, Button, Checkbox, Form, Input, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/contract/errors';
import { PRINTED_FORMS, RECEIPT_PAPERS, type PrintSettings } from '../../../src-shared/contract/print';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { fieldMessages } from './field-message';

/** 打印: the receipt's paper, the printer per form, and printing the receipt roll without the dialog. */
export function PrintPanel() {
  const { t } = useTranslation();
  const saved = useAppStore((s) => s.printSettings);
  const loadPrintSettings = useAppStore((s) => s.loadPrintSettings);
  const savePrintSettings = useAppStore((s) => s.savePrintSettings);
  const [draft, setDraft] = useState<PrintSettings | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const fields = fieldMessages(t, failure);

  useEffect(() => void loadPrintSettings(), [loadPrintSettings]);
  useEffect(() => setDraft(saved), [saved]);
  if (!draft) return null;

  const save = async () => {
    setDone(false);
    const error = await savePrintSettings(draft);
    setFailure(error);
    setDone(!error);
  };

  return (
    <section aria-labelledby="print-settings-title">
      <Typography.Title level={4} id="print-settings-title">
        {t('settingsUi.print.title')}
      </Typography.Title>
      <Form layout="vertical" component="div">
        <form
          aria-label={t('settingsUi.print.title')}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Space wrap align="start" size="large">
            <Form.Item label={t('settingsUi.print.receiptPaper')}>
              <Radio.Group
                aria-label={t('settingsUi.print.receiptPaper')}
                value={draft.receiptPaper}
                onChange={(e) => setDraft({ ...draft, receiptPaper: e.target.value as PrintSettings['receiptPaper'] })}
                options={RECEIPT_PAPERS.map((paper) => ({ value: paper, label: t(`settingsUi.print.papers.${paper}`) }))}
              />
            </Form.Item>
            <Form.Item label=" ">
              <Checkbox checked={draft.receiptRollSilent} onChange={(e) => setDraft({ ...draft, receiptRollSilent: e.target.checked })}>
                {t('settingsUi.print.receiptRollSilent')}
              </Checkbox>
            </Form.Item>
          </Space>
          <Typography.Paragraph type="secondary">{t('settingsUi.print.printersHelp')}</Typography.Paragraph>
          <Space wrap align="start">
            {PRINTED_FORMS.map((form) => (
              <Form.Item key={form} label={t('settingsUi.print.printerFor', { form: t(`settingsUi.print.forms.${form}`) })} htmlFor={`printer-${form}`} validateStatus={fields.status(`settings.printers.${form}`)} help={fields.message(`settings.printers.${form}`)}>
                <Input
                  id={`printer-${form}`}
                  style={{ width: 220 }}
                  placeholder={t('settingsUi.print.defaultPrinter')}
                  value={draft.printers[form] ?? ''}
                  onChange={(e) => setDraft({ ...draft, printers: { ...draft.printers, [form]: e.target.value } })}
                />
              </Form.Item>
            ))}
          </Space>
          <div>
            <Button htmlType="submit" type="primary">
              {t('settingsUi.print.save')}
            </Button>
          </div>
          {failure && <Alert type="error" showIcon title={errorText(t, failure)} style={{ marginTop: 8 }} />}
          {done && <Alert type="success" showIcon title={t('settingsUi.print.saved')} style={{ marginTop: 8 }} />}
        </form>
      </Form>
    </section>
  );
}
