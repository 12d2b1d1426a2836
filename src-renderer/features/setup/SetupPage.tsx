import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm, type FieldPath, type FieldPathByValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contract, type InputOf } from '../../../src-shared/contract';
import type { ApiError } from '../../../src-shared/contract/errors';
import type { ApiClient } from '../../api/client';
import { errorText } from '../../app/error-text';
import { LanguageSwitch } from '../../app/LanguageSwitch';

type SetupInput = InputOf<'setup.createBranch'>;

const FIELDS: ReadonlyArray<{ name: FieldPathByValue<SetupInput, string>; label: string; secret?: boolean }> = [
  { name: 'branch.code', label: 'setup.branchCode' },
  { name: 'branch.name', label: 'setup.branchName' },
  { name: 'branch.address', label: 'setup.address' },
  { name: 'branch.phone', label: 'setup.phone' },
  { name: 'admin.username', label: 'setup.adminUsername' },
  { name: 'admin.displayName', label: 'setup.adminName' },
  { name: 'admin.password', label: 'setup.adminPassword', secret: true },
];

/** First run: the branch and its first administrator. */
export function SetupPage({ api, onDone }: { api: ApiClient; onDone: () => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<SetupInput>({
    resolver: zodResolver(contract['setup.createBranch'].input),
    defaultValues: { branch: { code: '', name: '', address: '', phone: '' }, admin: { username: '', displayName: '', password: '' } },
  });
  const onSubmit = handleSubmit(async (values) => {
    const result = await api.call('setup.createBranch', values);
    if (result.ok) return onDone();
    setFailure(result.error);
    for (const f of result.error.details?.fields ?? []) setError(f.path as FieldPath<SetupInput>, { message: f.messageKey });
  });
  return (
    <main className="login-page">
      <Card title={t('setup.title')} extra={<LanguageSwitch />} style={{ width: 460 }}>
        <Typography.Paragraph>{t('setup.intro')}</Typography.Paragraph>
        <Form layout="vertical" component="div">
          <form onSubmit={onSubmit} aria-label={t('setup.title')} noValidate>
            {FIELDS.map((f, index) => (
              <Controller
                key={f.name}
                name={f.name}
                control={control}
                render={({ field, fieldState }) => {
                  const id = `setup-${f.name.replace('.', '-')}`;
                  const props = { id, autoFocus: index === 0, ...field };
                  return (
                    <Form.Item label={t(f.label)} htmlFor={id} validateStatus={fieldState.error ? 'error' : ''} help={fieldState.error?.message && t(fieldState.error.message)}>
                      {f.secret ? <Input.Password {...props} /> : <Input {...props} />}
                    </Form.Item>
                  );
                }}
              />
            ))}
            {failure && <Alert type="error" showIcon title={errorText(t, failure)} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
              {t('setup.submit')}
            </Button>
          </form>
        </Form>
      </Card>
    </main>
  );
}
