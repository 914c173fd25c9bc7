// Users and roles: operators, create one (a generated password shown once), change a role,
// disable / enable, reset a password (a new one shown once; their sessions end).
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useMe } from '../../auth';
import { useFormat } from '../../format';
import { ROLES } from '../../../../src/services/auth/permissions';
import { errorText, showFieldError, ShowOnce } from './shared';
import type { UserRow } from './types';

const USERS_KEY = ['admin', 'users'] as const;

interface NewUser {
  email: string;
  name?: string;
  role: string;
}

export default function Users() {
  const { t } = useTranslation();
  const f = useFormat();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe();
  const [form] = Form.useForm<NewUser>();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ email: string; password: string } | null>(null);
  const users = useQuery({ queryKey: USERS_KEY, queryFn: () => api<UserRow[]>('/v1/users') });
  const refresh = () => void qc.invalidateQueries({ queryKey: USERS_KEY });

  const create = useMutation({
    mutationFn: (v: NewUser) => api<{ user: UserRow; generatedPassword?: string }>('/v1/users', { method: 'POST', body: { email: v.email.trim(), role: v.role, ...(v.name?.trim() ? { name: v.name.trim() } : {}) } }),
    onSuccess: (r) => {
      setCreating(false);
      form.resetFields();
      if (r.generatedPassword) setSecret({ email: r.user.email, password: r.generatedPassword });
      refresh();
    },
    onError: (err) => {
      if (!showFieldError(form, err, ['email', 'role', 'name'])) void message.error(errorText(err));
    },
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: number; body: { role?: string; disabled?: boolean } }) => api<UserRow>(`/v1/users/${id}`, { method: 'PATCH', body }),
    onSuccess: () => {
      void message.success(t('settings.saved'));
      refresh();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  // the server generates the new password and shows it once
  const reset = useMutation({
    mutationFn: (id: number) => api<{ user: UserRow; password: string }>(`/v1/users/${id}/reset-password`, { method: 'POST', body: {} }),
    onSuccess: (r) => {
      setSecret({ email: r.user.email, password: r.password });
      refresh();
    },
    onError: (err) => void message.error(errorText(err)),
  });

  return (
    <Card size="small" title={t('settings.users.title')} extra={
      <Button type="primary" icon={<PlusOutlined />} data-testid="user-new" onClick={() => setCreating(true)}>{t('settings.users.new')}</Button>
    }>
      <Table<UserRow>
        size="small" rowKey="id" loading={users.isFetching} dataSource={users.data ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="users-table"
        onRow={(u) => ({ 'data-testid': `user-row-${u.email}` } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('settings.users.email'), dataIndex: 'email' },
          { title: t('settings.users.name'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
          {
            title: t('settings.users.role'), dataIndex: 'role', width: 160, render: (role: string, u) => (
              <Select size="small" value={role} style={{ width: 140 }} data-testid="user-role" disabled={update.isPending}
                options={ROLES.map((r) => ({ value: r, label: t(`settings.role.${r}`) }))}
                onChange={(v) => update.mutate({ id: u.id, body: { role: v } })} />
            ),
          },
          { title: t('settings.users.status'), dataIndex: 'disabled', render: (d: boolean) => <Tag color={d ? 'default' : 'green'}>{t(d ? 'settings.users.disabled' : 'settings.users.active')}</Tag> },
          { title: t('settings.users.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => f.dateTime(v) },
          { title: t('settings.users.created'), dataIndex: 'createdAt', render: (v: string) => f.date(v) },
          {
            title: '', key: 'actions', render: (_: unknown, u) => {
              // not yourself: either would end your own session mid-task
              const self = u.email === me.data?.email;
              return (
                <Space size={4}>
                  <Popconfirm title={t(u.disabled ? 'settings.users.enableConfirm' : 'settings.users.disableConfirm', { email: u.email })}
                    okButtonProps={{ 'data-testid': 'user-toggle-ok' } as ButtonProps} onConfirm={() => update.mutate({ id: u.id, body: { disabled: !u.disabled } })}>
                    <Button size="small" type="link" danger={!u.disabled} disabled={self} data-testid="user-toggle">{t(u.disabled ? 'settings.users.enable' : 'settings.users.disable')}</Button>
                  </Popconfirm>
                  <Popconfirm title={t('settings.users.resetConfirm', { email: u.email })}
                    okButtonProps={{ 'data-testid': 'user-reset-ok' } as ButtonProps} onConfirm={() => reset.mutate(u.id)}>
                    <Button size="small" type="link" disabled={self} data-testid="user-reset">{t('settings.users.reset')}</Button>
                  </Popconfirm>
                </Space>
              );
            },
          },
        ]}
      />
      <Modal open={creating} title={t('settings.users.new')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending}
        okText={t('settings.users.create')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'user-create-ok' } as ButtonProps} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ role: 'viewer' }} onFinish={(v) => create.mutate(v)} preserve={false}>
          <Form.Item name="email" label={t('settings.users.email')} rules={[{ required: true, type: 'email', message: t('settings.users.emailInvalid') }]}>
            <Input data-testid="user-email-input" maxLength={254} autoComplete="off" />
          </Form.Item>
          <Form.Item name="name" label={t('settings.users.name')}><Input data-testid="user-name-input" maxLength={200} /></Form.Item>
          <Form.Item name="role" label={t('settings.users.role')} extra={t('settings.users.roleHint')}>
            <Select data-testid="user-role-input" options={ROLES.map((r) => ({ value: r, label: t(`settings.role.${r}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={secret !== null} title={t('settings.users.password')} onCancel={() => setSecret(null)} closable destroyOnHidden
        footer={<Button type="primary" data-testid="secret-close" onClick={() => setSecret(null)}>{t('settings.done')}</Button>}>
        {secret ? <ShowOnce label={t('settings.users.passwordFor', { email: secret.email })} secret={secret.password} testId="user-password" /> : null}
      </Modal>
    </Card>
  );
}
