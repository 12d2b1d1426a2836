import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../src-shared/contract';
import type { ApiError } from '../../../src-shared/contract/errors';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';

type Output = 'print' | 'pdf';

/**
 * Print one form of one record, or save it as a PDF file: the main process builds the PDF from the
 * records and logs the print. In browser mode the print opens the PDF in a new tab.
 */
export function PrintButton({ request, label }: { request: InputOf<'print.form'>; label: string }) {
  const { t } = useTranslation();
  const printForm = useAppStore((s) => s.printForm);
  const [busy, setBusy] = useState<Output | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const run = async (output: Output) => {
    if (busy) return;
    setBusy(output);
    setFailure(await printForm({ ...request, output }));
    setBusy(null);
  };
  return (
    <Space direction="vertical">
      <Space.Compact>
        <Button disabled={busy !== null} onClick={() => void run('print')}>
          {label}
        </Button>
        <Button disabled={busy !== null} aria-label={t('print.saveAsPdfOf', { what: label })} onClick={() => void run('pdf')}>
          {t('print.saveAsPdf')}
        </Button>
      </Space.Compact>
      {failure && <Alert type="error" showIcon title={errorText(t, failure)} />}
    </Space>
  );
}
