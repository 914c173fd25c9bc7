// API keys: create one limited to some of your own permissions (the key is shown once, with a
// copy button), see the keys without their secrets, revoke one.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Card, Checkbox, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useFormat } from '../../format';
import { PERMISSIONS } from '../../../../src/services/auth/permissions';
import { errorText, showFieldError, ShowOnce, usePermissions } from './shared';
import type { ApiKeyRow } from './types';

const KEYS_KEY = ['admin', 'api-keys'] as const;

interface NewKey {
  name: string;
  permissions: string[];
}

export default function ApiKeys() {
  const { t } = useTranslation();
  const f = useFormat();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mine = usePermissions();
  const [form] = Form.useForm<NewKey>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const keys = useQuery({ queryKey: KEYS_KEY, queryFn: () => api<ApiKeyRow[]>('/v1/api-keys') });
  // a key can carry only permissions its creator holds
  const grantable = PERMISSIONS.filter((p) => mine.includes(p));

  const create = useMutation({
    mutationFn: (v: NewKey) => api<ApiKeyRow & { key: string }>('/v1/api-keys', { method: 'POST', body: { name: v.name.trim(), permissions: v.permissions } }),
    onSuccess: (k) => {
      setCreating(false);
      form.resetFields();
      setCreated({ name: k.name, key: k.key });
      void qc.invalidateQueries({ queryKey: KEYS_KEY });
    },
    onError: (err) => {
      if (!showFieldError(form, err, ['name', 'permissions'])) void message.error(errorText(err));
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api<ApiKeyRow>(`/v1/api-keys/${id}`, { method: 'DELETE' }),
    onSuccess: (k) => {
      void message.success(t('settings.keys.revoked', { name: k.name }));
      void qc.invalidateQueries({ queryKey: KEYS_KEY });
    },
    onError: (err) => void message.error(errorText(err)),
  });

  return (
    <Card size="small" title={t('settings.keys.title')} extra={
      <Button type="primary" icon={<PlusOutlined />} data-testid="key-new" onClick={() => setCreating(true)}>{t('settings.keys.new')}</Button>
    }>
      <Typography.Paragraph type="secondary">{t('settings.keys.hint')}</Typography.Paragraph>
      <Table<ApiKeyRow>
        size="small" rowKey="id" loading={keys.isFetching} dataSource={keys.data ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="keys-table"
        onRow={(k) => ({ 'data-testid': `key-row-${k.name}` } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('settings.keys.name'), dataIndex: 'name' },
          { title: t('settings.keys.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
          { title: t('settings.keys.permissions'), dataIndex: 'permissions', render: (ps: string[]) => <Space size={[4, 4]} wrap>{ps.map((p) => <Tag key={p} style={{ marginInlineEnd: 0 }}>{p}</Tag>)}</Space> },
          { title: t('settings.keys.createdBy'), dataIndex: 'createdBy' },
          { title: t('settings.keys.created'), dataIndex: 'createdAt', render: (v: string) => f.dateTime(v) },
          {
            title: t('settings.users.status'), dataIndex: 'revokedAt', render: (v: string | null) => (v
              ? <Tag data-testid="key-status">{t('settings.keys.revokedAt', { at: f.dateTime(v) })}</Tag>
              : <Tag color="green" data-testid="key-status">{t('settings.users.active')}</Tag>),
          },
          {
            title: '', key: 'revoke', render: (_: unknown, k) => (k.revokedAt ? null : (
              <Popconfirm title={t('settings.keys.revokeConfirm', { name: k.name })} okType="danger" okText={t('settings.keys.revoke')} cancelText={t('common.cancel')}
                okButtonProps={{ 'data-testid': 'key-revoke-ok' } as ButtonProps} onConfirm={() => revoke.mutateAsync(k.id)}>
                <Button size="small" type="link" danger data-testid="key-revoke">{t('settings.keys.revoke')}</Button>
              </Popconfirm>
            )),
          },
        ]}
      />
      <Modal open={creating} title={t('settings.keys.new')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending} width={640}
        okText={t('settings.keys.create')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'key-create-ok' } as ButtonProps} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ permissions: [] }} onFinish={(v) => create.mutate(v)} preserve={false}>
          <Form.Item name="name" label={t('settings.keys.name')} rules={[{ required: true, whitespace: true, message: t('settings.keys.nameRequired') }]}>
            <Input data-testid="key-name-input" maxLength={100} placeholder="crm sync" />
          </Form.Item>
          <Form.Item name="permissions" label={t('settings.keys.permissions')} rules={[{ required: true, type: 'array', min: 1, message: t('settings.keys.permissionsRequired') }]}>
            <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6 }} data-testid="key-permissions">
              {grantable.map((p) => (
                <Checkbox key={p} value={p} data-testid={`key-perm-${p}`}>
                  <code>{p}</code> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`settings.perm.${p}`)}</Typography.Text>
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={created !== null} title={t('settings.keys.createdTitle')} onCancel={() => setCreated(null)} destroyOnHidden
        footer={<Button type="primary" data-testid="secret-close" onClick={() => setCreated(null)}>{t('settings.done')}</Button>}>
        {created ? (
          <ShowOnce label={t('settings.keys.keyFor', { name: created.name })} secret={created.key} testId="key-secret">
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('settings.keys.usage')} <code>Authorization: Bearer {created.key.slice(0, 12)}…</code></Typography.Paragraph>
          </ShowOnce>
        ) : null}
      </Modal>
    </Card>
  );
}
