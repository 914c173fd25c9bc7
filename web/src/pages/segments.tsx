import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { PageHeader } from '../components/page';
import { useFormat } from '../format';
import type { SegmentInfo } from '../types';

export default function Segments() {
  const { t } = useTranslation();
  const f = useFormat();
  const nav = useNavigate();
  const q = useQuery({ queryKey: ['segments'], queryFn: () => api<SegmentInfo[]>('/v1/segments') });
  return (
    <div>
      <PageHeader title={t('segments.title')} extra={<Button type="primary" data-testid="new-segment" onClick={() => void nav('/segments/new')}>{t('segments.new')}</Button>} />
      <Card size="small">
        <Table size="small" rowKey="id" loading={q.isFetching} dataSource={q.data ?? []} pagination={{ pageSize: 20 }} columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          { title: t('builder.name'), dataIndex: 'name' },
          { title: '', dataIndex: 'kind', render: (k: 'dynamic' | 'static') => <Tag color={k === 'dynamic' ? 'blue' : 'default'}>{t(`segments.kind.${k}`)}</Tag> },
          { title: t('segments.members'), dataIndex: 'memberCount', align: 'right', render: (n: number) => f.int(n) },
          { title: t('segments.refreshed'), dataIndex: 'refreshedAt', render: (d: string | null) => f.dateTime(d) },
          { title: '', dataIndex: 'description' },
          { title: '', key: 'edit', render: (_: unknown, s: SegmentInfo) => (s.rule ? <Button size="small" type="link" onClick={() => void nav('/segments/new', { state: { rule: s.rule } })}>{t('builder.title')}</Button> : null) },
        ]} />
      </Card>
    </div>
  );
}
