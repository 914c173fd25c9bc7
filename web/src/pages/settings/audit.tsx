// The audit log: who did what, when and from where, newest first, filtered by action (exact or
// a prefix ending in ".") and actor, paged on the server.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AutoComplete, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useFormat } from '../../format';
import type { AuditItem, AuditPage } from './types';

const ACTION_PREFIXES = ['auth.', 'user.', 'api_key.', 'settings.', 'segment.', 'tag.'];
const OUTCOME_COLORS: Record<string, string> = { ok: 'green', failed: 'orange', denied: 'red' };

export default function Audit() {
  const { t } = useTranslation();
  const f = useFormat();
  const [actionText, setActionText] = useState('');
  const [action, setApplied] = useState('');
  const [actor, setActor] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const q = useQuery({
    queryKey: ['admin', 'audit', action, actor, page],
    queryFn: () => api<AuditPage>('/v1/audit', { query: { action: action.trim(), actor: actor.trim(), ...page } }),
    placeholderData: keepPreviousData,
  });
  const setAction = (v: string) => {
    setActionText(v);
    setApplied(v);
    setPage((p) => ({ ...p, page: 1 }));
  };
  const first = () => setPage((p) => ({ ...p, page: 1 }));
  return (
    <Card size="small" title={t('settings.audit.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <AutoComplete
          style={{ width: 220 }} allowClear placeholder={t('settings.audit.action')} data-testid="audit-action"
          options={ACTION_PREFIXES.map((p) => ({ value: p, label: `${p}*` }))} value={actionText} onChange={setActionText}
          onSelect={(v: string) => setAction(v)} onClear={() => setAction('')}
        >
          <Input.Search enterButton onSearch={(v) => setAction(v)} />
        </AutoComplete>
        <Input.Search style={{ width: 260 }} allowClear placeholder={t('settings.audit.actor')} data-testid="audit-actor" enterButton
          onSearch={(v) => { setActor(v); first(); }} />
      </Space>
      <Table<AuditItem>
        size="small" rowKey="id" loading={q.isFetching} dataSource={q.data?.items ?? []} data-testid="audit-table"
        pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: f.int(n) }),
          onChange: (p, s) => setPage({ page: s !== page.pageSize ? 1 : p, pageSize: s }) }}
        columns={[
          { title: t('settings.audit.at'), dataIndex: 'at', width: 150, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{f.dateTime(v)}</span> },
          { title: t('settings.audit.actor'), dataIndex: 'actor' },
          { title: t('settings.audit.action'), dataIndex: 'action', render: (v: string) => <Tag color="blue" style={{ cursor: 'pointer' }} onClick={() => setAction(v)}>{v}</Tag> },
          { title: t('settings.audit.target'), dataIndex: 'target', render: (v: string | null) => v ?? '—' },
          { title: t('settings.audit.outcome'), dataIndex: 'outcome', render: (v: string) => <Tag color={OUTCOME_COLORS[v] ?? 'default'}>{t(`settings.audit.outcome.${v}`, { defaultValue: v })}</Tag> },
          { title: t('settings.audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          {
            title: t('settings.audit.detail'), dataIndex: 'detail', render: (v: unknown) => (v === null || v === undefined ? '—' : (
              <Typography.Text code ellipsis={{ tooltip: JSON.stringify(v, null, 1) }} style={{ maxWidth: 320, fontSize: 12 }}>{JSON.stringify(v)}</Typography.Text>
            )),
          },
        ]}
      />
    </Card>
  );
}
