// How this segment overlaps others: pick segments, see the customers in both and the Jaccard index.
import { useQuery } from '@tanstack/react-query';
import { Card, Progress, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useFormat } from '../../format';
import type { Json, SegmentInfo } from '../../types';
import type { SegmentOverlap } from '../../../../src/services/segments/segment-overlap';

export function SegmentOverlapCard({ segment }: { segment: Pick<SegmentInfo, 'id' | 'name' | 'memberCount'> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [others, setOthers] = useState<number[]>([]);
  const list = useQuery({ queryKey: ['segments'], queryFn: () => api<SegmentInfo[]>('/v1/segments') });
  const overlap = useQuery({
    queryKey: ['segments', 'overlap', segment.id, others],
    queryFn: () => api<Json<SegmentOverlap>>('/v1/segments/overlap', { query: { segments: [segment.id, ...others].join(',') } }),
    enabled: others.length > 0,
  });
  const name = (id: number) => overlap.data?.segments.find((s) => s.id === id)?.name ?? String(id);
  const members = (id: number) => overlap.data?.segments.find((s) => s.id === id)?.members ?? 0;
  // this segment against each chosen one
  const rows = (overlap.data?.pairs ?? []).filter((p) => p.a === segment.id || p.b === segment.id)
    .map((p) => ({ ...p, other: p.a === segment.id ? p.b : p.a }));
  return (
    <Card size="small" title={t('segment.overlap')} data-testid="segment-overlap">
      <Select
        mode="multiple" allowClear style={{ width: '100%', marginBottom: 12 }} placeholder={t('segment.overlapPick')} data-testid="overlap-pick"
        value={others} onChange={setOthers} maxCount={19} optionFilterProp="label"
        options={(list.data ?? []).filter((s) => s.id !== segment.id).map((s) => ({ value: s.id, label: s.name }))}
      />
      {others.length > 0 ? (
        <Table
          size="small" rowKey="other" loading={overlap.isFetching} pagination={false} dataSource={rows} data-testid="overlap-table"
          columns={[
            { title: t('segment.overlapWith'), dataIndex: 'other', render: (id: number) => name(id) },
            { title: t('segment.members'), dataIndex: 'other', align: 'right', render: (id: number) => f.int(members(id)) },
            { title: t('segment.overlapBoth'), dataIndex: 'both', align: 'right', render: (n: number) => <span data-testid="overlap-both" data-value={n}>{f.int(n)}</span> },
            { title: t('segment.overlapShare', { name: segment.name }), dataIndex: 'both', render: (n: number) => <Progress percent={Math.round((100 * n) / Math.max(1, segment.memberCount))} size="small" /> },
            { title: 'Jaccard', dataIndex: 'jaccard', align: 'right', render: (j: number) => f.num(j, 3) },
          ]}
        />
      ) : null}
    </Card>
  );
}
