import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Chart } from '../components/chart';
import { PageHeader, QueryState } from '../components/page';
import { useFormat } from '../format';
import { STAGE_COLORS, TIER_COLORS } from '../labels';
import type { LifecycleData, MigrationData } from '../types';

type By = 'stage' | 'tier' | 'rfm';
const GROUP_OF: Record<By, 'stage' | 'tier' | 'rfm'> = { stage: 'stage', tier: 'tier', rfm: 'rfm' };

export default function Lifecycle() {
  const { t } = useTranslation();
  const f = useFormat();
  const [by, setBy] = useState<By>('stage');
  const [from, setFrom] = useState<string | undefined>();
  const [to, setTo] = useState<string | undefined>();
  const q = useQuery({ queryKey: ['dash', 'lifecycle'], queryFn: () => api<LifecycleData>('/v1/dashboards/lifecycle') });
  const m = useQuery({
    queryKey: ['dash', 'migration', by, from, to],
    queryFn: () => api<MigrationData>('/v1/dashboards/migration', { query: { by, from, to } }),
    enabled: (q.data?.snapshots.length ?? 0) >= 2,
  });
  const snapshots = q.data?.snapshots ?? [];
  const colorOf = (k: string) => (by === 'stage' ? STAGE_COLORS[k] : by === 'tier' ? TIER_COLORS[k] : undefined);
  return (
    <div>
      <PageHeader title={t('lifecycle.title')} sub={q.data?.asOf ? t('common.asOf', { day: f.date(q.data.asOf) }) : undefined} />
      <QueryState error={q.error} pending={q.isPending} retry={() => void q.refetch()}>
        {() => {
          const d = q.data as LifecycleData;
          return (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={9}>
                <Card size="small" title={t('lifecycle.distribution')}>
                  <Chart testId="chart-lifecycle" height={280} option={{
                    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
                    series: [{ type: 'pie', radius: ['35%', '70%'], label: { formatter: '{b}' }, data: d.stages.map((s) => ({ name: f.label('stage', s.stage), value: s.customers, itemStyle: { color: STAGE_COLORS[s.stage] } })) }],
                  }} />
                  <Table size="small" rowKey="stage" pagination={false} dataSource={d.stages} columns={[
                    { title: t('common.stage'), dataIndex: 'stage', render: (s: string) => f.label('stage', s) },
                    { title: t('common.customers'), dataIndex: 'customers', align: 'right', render: (n: number) => f.int(n) },
                    { title: t('common.share'), dataIndex: 'share', align: 'right', render: (n: number) => f.pct(n) },
                    { title: t('lifecycle.predicted'), dataIndex: 'predictedClv', align: 'right', render: (n: number) => f.moneyShort(n) },
                  ]} />
                </Card>
              </Col>
              <Col xs={24} xl={15}>
                <Card size="small" title={t('lifecycle.migration')} extra={
                  <Space wrap>
                    <span>{t('lifecycle.from')}</span>
                    <Select size="small" style={{ width: 130 }} value={from ?? m.data?.from ?? undefined} onChange={setFrom} options={snapshots.map((s) => ({ value: s, label: s }))} data-testid="migration-from" />
                    <span>{t('lifecycle.to')}</span>
                    <Select size="small" style={{ width: 130 }} value={to ?? m.data?.to ?? undefined} onChange={setTo} options={snapshots.map((s) => ({ value: s, label: s }))} data-testid="migration-to" />
                    <span>{t('lifecycle.by')}</span>
                    <Select<By> size="small" style={{ width: 140 }} value={by} onChange={setBy}
                      options={(['stage', 'tier', 'rfm'] as const).map((b) => ({ value: b, label: t(`lifecycle.by.${b}`) }))} />
                  </Space>
                }>
                  {snapshots.length < 2 ? <Alert type="info" showIcon message={t('lifecycle.oneSnapshot')} /> : (
                    <QueryState error={m.error} pending={m.isPending} retry={() => void m.refetch()}>
                      {() => {
                        const md = m.data as MigrationData;
                        const left = (k: string) => `${f.label(GROUP_OF[by], k)} · ${md.from}`;
                        const right = (k: string) => `${f.label(GROUP_OF[by], k)} · ${md.to}`;
                        const keysL = [...new Set(md.cells.map((c) => c.from))];
                        const keysR = [...new Set(md.cells.map((c) => c.to))];
                        const moves = md.cells.filter((c) => c.from !== c.to).slice(0, 8);
                        return (
                          <>
                            <Chart testId="chart-sankey" height={440} option={{
                              tooltip: { trigger: 'item' },
                              series: [{
                                type: 'sankey', left: 8, right: 8, top: 8, bottom: 8, nodeGap: 10, emphasis: { focus: 'adjacency' },
                                data: [...keysL.map((k) => ({ name: left(k), itemStyle: { color: colorOf(k) } })), ...keysR.map((k) => ({ name: right(k), itemStyle: { color: colorOf(k) }, label: { position: 'left' } }))],
                                links: md.cells.map((c) => ({ source: left(c.from), target: right(c.to), value: c.customers })),
                                lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.35 },
                                label: { fontSize: 11 },
                              }],
                            }} />
                            <Typography.Title level={5}>{t('lifecycle.moves')}</Typography.Title>
                            <Table size="small" pagination={false} rowKey={(c) => `${c.from}>${c.to}`} dataSource={moves} columns={[
                              { title: t('lifecycle.moveFrom'), dataIndex: 'from', render: (k: string) => f.label(GROUP_OF[by], k) },
                              { title: t('lifecycle.moveTo'), dataIndex: 'to', render: (k: string) => f.label(GROUP_OF[by], k) },
                              { title: t('common.customers'), dataIndex: 'customers', align: 'right', render: (n: number) => f.int(n) },
                              { title: t('common.revenue'), dataIndex: 'revenue', align: 'right', render: (n: number) => f.money(n) },
                            ]} />
                          </>
                        );
                      }}
                    </QueryState>
                  )}
                </Card>
              </Col>
            </Row>
          );
        }}
      </QueryState>
    </div>
  );
}
