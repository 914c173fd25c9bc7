// Every segment: each row opens its page; operators who may change segments edit and delete here.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Popconfirm, Space, Table, Tag, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { PageHeader } from '../components/page';
import { useFormat } from '../format';
import type { SegmentInfo } from '../types';
import { useDeleteSegment, useSegmentPermissions } from './segments/data';

export default function Segments() {
  const { t } = useTranslation();
  const f = useFormat();
  const nav = useNavigate();
  const can = useSegmentPermissions();
  const q = useQuery({ queryKey: ['segments'], queryFn: () => api<SegmentInfo[]>('/v1/segments') });
  const remove = useDeleteSegment();
  return (
    <div>
      <PageHeader title={t('segments.title')} extra={can.write ? <Button type="primary" data-testid="new-segment" onClick={() => void nav('/segments/new')}>{t('segments.new')}</Button> : null} />
      <Card size="small">
        <Table size="small" rowKey="id" loading={q.isFetching} dataSource={q.data ?? []} pagination={{ pageSize: 20 }} data-testid="segment-list"
          onRow={(s) => ({ 'data-testid': 'segment-row', 'data-name': s.name }) as object}
          columns={[
            { title: '#', dataIndex: 'id', width: 60 },
            { title: t('builder.name'), dataIndex: 'name', render: (n: string, s) => <Link to={`/segments/${s.id}`} data-testid="segment-link">{n}</Link> },
            { title: t('segment.kind'), dataIndex: 'kind', render: (k: 'dynamic' | 'static') => <Tag color={k === 'dynamic' ? 'blue' : 'default'}>{t(`segments.kind.${k}`)}</Tag> },
            { title: t('segments.members'), dataIndex: 'memberCount', align: 'right', render: (n: number) => <span data-testid="segment-row-members">{f.int(n)}</span> },
            { title: t('segments.refreshed'), dataIndex: 'refreshedAt', render: (d: string | null) => f.dateTime(d) },
            { title: t('segment.description'), dataIndex: 'description', ellipsis: true },
            {
              title: t('segment.actions'), key: 'actions', width: 200, render: (_: unknown, s: SegmentInfo) => (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => void nav(`/segments/${s.id}`)}>{t('segment.open')}</Button>
                  {can.write && s.kind === 'dynamic' ? <Button size="small" type="link" onClick={() => void nav(`/segments/${s.id}/edit`)} data-testid="segment-row-edit">{t('segment.edit')}</Button> : null}
                  {can.write ? (
                    <Popconfirm title={t('segment.deleteConfirm', { name: s.name })} okButtonProps={{ danger: true, 'data-testid': 'segment-delete-ok' } as ButtonProps}
                      onConfirm={() => remove.mutate(s)}>
                      <Button size="small" type="link" danger data-testid="segment-row-delete">{t('segment.delete')}</Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]} />
      </Card>
    </div>
  );
}
