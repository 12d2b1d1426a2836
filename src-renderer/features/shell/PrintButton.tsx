import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../src-shared/contract';
import type { ApiError } from '../../../src-shared/contract/errors';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';

/** Print one form of one record: the main process builds the PDF from the records and logs the print. */
export function PrintButton({ request, label }: { request: InputOf<'print.form'>; label: string }) {
  const { t } = useTranslation();
  const printForm = useAppStore((s) => s.printForm);
  const [printing, setPrinting] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  return (
    <Space direction="vertical">
      <Button
        loading={printing}
        onClick={async () => {
          setPrinting(true);
          setFailure(await printForm(request));
          setPrinting(false);
        }}
      >
        {label}
      </Button>
      {failure && <Alert type="error" showIcon title={errorText(t, failure)} />}
    </Space>
  );
}
