import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contract, type InputOf } from '../../../src-shared/contract';
import type { ApiError } from '../../../src-shared/contract/errors';
import { errorText } from '../../app/error-text';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useAppStore } from '../../store/store-context';

type LoginInput = InputOf<'auth.login'>;

export function LoginPage() {
  const { t } = useTranslation();
  const signIn = useAppStore((s) => s.signIn);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const { control, handleSubmit, formState } = useForm<LoginInput>({
    resolver: zodResolver(contract['auth.login'].input),
    defaultValues: { username: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => setFailure(await signIn(values.username, values.password)));

  return (
    <main className="login-page">
      <Card title={`${t('app.fullName')} · ${t('login.title')}`} extra={<LanguageSwitch />} style={{ width: 380 }}>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        <Form layout="vertical" component="div">
          <form onSubmit={onSubmit} aria-label={t('login.title')} noValidate>
            <Controller
              name="username"
              control={control}
              render={({ field, fieldState }) => (
                <Form.Item label={t('login.username')} htmlFor="login-username" validateStatus={fieldState.error ? 'error' : ''} help={fieldState.error?.message && t(fieldState.error.message)}>
                  <Input id="login-username" autoFocus autoComplete="username" {...field} />
                </Form.Item>
              )}
            />
            <Controller
              name="password"
              control={control}
              render={({ field, fieldState }) => (
                <Form.Item label={t('login.password')} htmlFor="login-password" validateStatus={fieldState.error ? 'error' : ''} help={fieldState.error?.message && t(fieldState.error.message)}>
                  <Input.Password id="login-password" autoComplete="current-password" {...field} />
                </Form.Item>
              )}
            />
            {failure && <Alert type="error" showIcon title={errorText(t, failure)} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
              {t('login.submit')}
            </Button>
          </form>
        </Form>
      </Card>
    </main>
  );
}
