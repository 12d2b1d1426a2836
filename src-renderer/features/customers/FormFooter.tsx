import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/contract/errors';
import { errorText } from '../../app/error-text';

/**
 * The foot of the customer and product forms: a refusal that names no field (its message stands above
 * the buttons; field messages stand by their fields), then 保存 and 取消.
 */
export function FormFooter({ failure, saving, onCancel }: { failure: ApiError | null; saving: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {failure && !failure.details?.fields && <Alert type="error" showIcon title={errorText(t, failure)} style={{ marginBottom: 12 }} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('customersUi.save')}
        </Button>
        <Button onClick={onCancel}>{t('customersUi.cancel')}</Button>
      </Space>
    </>
  );
}
