import { Alert, Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/contract/errors';
import { ROLES, type Role } from '../../../src-shared/contract/roles';
import type { UserView } from '../../../src-shared/contract/users';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { fieldMessages } from './field-message';

const EMPTY = { username: '', displayName: '', role: 'clerk' as Role, password: '' };
/** From the fifth wrong password each try waits longer: the admin can clear it. */
const LOCKING_FAILURES = 5;

/** 用户与角色: who may sign in, with which role; create a user, unlock one after wrong passwords. */
export function UsersPanel() {
  const { t } = useTranslation();
  const users = useAppStore((s) => s.users);
  const loadUsers = useAppStore((s) => s.loadUsers);
  const createUser = useAppStore((s) => s.createUser);
  const unlockUser = useAppStore((s) => s.unlockUser);
  // Only an administrator makes another administrator (the main process refuses it to anyone else).
  const myRole = useAppStore((s) => s.me?.user.role);
  const [draft, setDraft] = useState(EMPTY);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldMessages(t, failure);

  useEffect(() => void loadUsers(), [loadUsers]);

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setCreated(null);
    const error = await createUser(draft);
    setBusy(false);
    setFailure(error);
    if (!error) {
      setCreated(draft.username);
      setDraft(EMPTY);
    }
  };

  const columns: ColumnsType<UserView> = [
    { title: t('settingsUi.username'), dataIndex: 'username', width: 140 },
    { title: t('settingsUi.displayName'), dataIndex: 'displayName', width: 120 },
    { title: t('settingsUi.role'), dataIndex: 'role', width: 120, render: (r: Role) => t(`roles.${r}`) },
    {
      title: t('settingsUi.state'),
      key: 'state',
      render: (_v, u) => (
        <Space size={4}>
          {u.isActive ? <Tag color="green">{t('settingsUi.active')}</Tag> : <Tag>{t('settingsUi.inactive')}</Tag>}
          {u.failedLogins > 0 && <Tag color={u.failedLogins >= LOCKING_FAILURES ? 'red' : 'gold'}>{t('settingsUi.failedLogins', { n: u.failedLogins })}</Tag>}
        </Space>
      ),
    },
    {
      title: t('settingsUi.actions'),
      key: 'actions',
      width: 120,
      render: (_v, u) =>
        u.failedLogins > 0 && (
          <Button aria-label={t('settingsUi.unlockUser', { name: u.displayName })} onClick={async () => setFailure(await unlockUser(u.id))}>
            {t('settingsUi.unlock')}
          </Button>
        ),
    },
  ];

  return (
    <section aria-labelledby="users-title">
      <Typography.Title level={4} id="users-title">
        {t('settingsUi.users')}
      </Typography.Title>
      <Table<UserView> aria-label={t('settingsUi.users')} rowKey="id" size="small" pagination={false} columns={columns} dataSource={users} style={{ marginBottom: 12 }} />
      <Form layout="vertical" component="div">
        <form
          aria-label={t('settingsUi.createUser')}
          className="inline-fieldset"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Typography.Text strong style={{ display: 'block' }}>{t('settingsUi.createUser')}</Typography.Text>
          <Space wrap align="start" style={{ marginTop: 4 }}>
            <Form.Item label={t('settingsUi.username')} htmlFor="new-username" validateStatus={fields.status('username')} help={fields.message('username')}>
              <Input id="new-username" autoComplete="off" value={draft.username} onChange={(e) => setDraft((d) => ({ ...d, username: e.target.value }))} />
            </Form.Item>
            <Form.Item label={t('settingsUi.displayName')} htmlFor="new-display-name" validateStatus={fields.status('displayName')} help={fields.message('displayName')}>
              <Input id="new-display-name" value={draft.displayName} onChange={(e) => setDraft((d) => ({ ...d, displayName: e.target.value }))} />
            </Form.Item>
            <Form.Item label={t('settingsUi.role')} htmlFor="new-role" validateStatus={fields.status('role')} help={fields.message('role')}>
              <Select id="new-role" style={{ width: 130 }} value={draft.role} onChange={(role) => setDraft((d) => ({ ...d, role }))} options={ROLES.filter((r) => r !== 'admin' || myRole === 'admin').map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
            </Form.Item>
            <Form.Item label={t('settingsUi.password')} htmlFor="new-password" validateStatus={fields.status('password')} help={fields.message('password') ?? t('settingsUi.passwordHelp')}>
              <Input.Password id="new-password" autoComplete="new-password" value={draft.password} onChange={(e) => setDraft((d) => ({ ...d, password: e.target.value }))} />
            </Form.Item>
            <Form.Item label=" ">
              <Button htmlType="submit" type="primary" disabled={busy}>
                {t('settingsUi.createUserSubmit')}
              </Button>
            </Form.Item>
          </Space>
          {failure && <Alert type="error" showIcon title={errorText(t, failure)} />}
          {created && <Alert type="success" showIcon title={t('settingsUi.userCreated', { username: created })} />}
        </form>
      </Form>
    </section>
  );
}
