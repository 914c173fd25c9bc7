// A page of the segment's current members, each linking to the customer's profile.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useFormat } from '../../format';
import { STAGE_COLORS, TIER_COLORS } from '../../labels';
import type { SegmentMembersData } from './data';

type Member = SegmentMembersData['items'][number];

export function MemberPreview({ segmentId }: { segmentId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const q = useQuery({
    queryKey: ['segments', 'members', segmentId, page],
    queryFn: () => api<SegmentMembersData>(`/v1/segments/${segmentId}/members`, { query: page }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card size="small" title={t('segment.preview')} data-testid="member-preview" data-total={q.data?.total ?? ''}>
      <Table<Member> size="small" rowKey="id" loading={q.isFetching} dataSource={q.data?.items ?? []}
        onRow={() => ({ 'data-testid': 'member-row' }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => t('common.total', { n: f.int(n) }),
          onChange: (p, s) => setPage({ page: s !== page.pageSize ? 1 : p, pageSize: s }),
        }}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 90 },
          { title: t('common.name'), dataIndex: 'name', render: (n: string | null, r) => <Link to={`/customers/${r.id}`} data-testid="member-link">{n ?? `#${r.id}`}</Link> },
          { title: t('common.city'), dataIndex: 'city' },
          { title: t('common.tier'), dataIndex: 'valueTier', render: (v: string | null) => <Tag color={TIER_COLORS[v ?? 'none']}>{f.label('tier', v ?? 'none')}</Tag> },
          { title: t('common.stage'), dataIndex: 'lifecycleStage', render: (v: string | null) => (v ? <Tag color={STAGE_COLORS[v]}>{f.label('stage', v)}</Tag> : '') },
          { title: t('lifecycle.predicted'), dataIndex: 'predictedClv', align: 'right', render: (v: number | null) => f.money(v) },
          { title: t('churn.risk'), dataIndex: 'churnRisk', align: 'right', render: (v: number | null) => (v === null ? '' : f.int(v)) },
          { title: t('segment.enteredAt'), dataIndex: 'enteredAt', render: (d: string) => f.dateTime(d) },
        ]} />
    </Card>
  );
}
