import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Segmented, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { Chart } from '../components/chart';
import { PageHeader, QueryState } from '../components/page';
import { useFormat } from '../format';
import type { ChannelsData, HistogramData, TopCustomersData } from '../types';

type Metric = 'predicted' | 'historical';
type Sort = 'predicted_clv' | 'historical_clv' | 'spend_365d';

export default function Value() {
  const { t } = useTranslation();
  const f = useFormat();
  const [metric, setMetric] = useState<Metric>('predicted');
  const [sort, setSort] = useState<Sort>('predicted_clv');
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const hist = useQuery({ queryKey: ['dash', 'clv', metric], queryFn: () => api<HistogramData>('/v1/dashboards/value/clv-histogram', { query: { metric } }) });
  const channels = useQuery({ queryKey: ['dash', 'channels'], queryFn: () => api<ChannelsData>('/v1/dashboards/value/channels') });
  const top = useQuery({
    queryKey: ['dash', 'top', sort, page],
    queryFn: () => api<TopCustomersData>('/v1/dashboards/value/top-customers', { query: { sort, ...page } }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <PageHeader title={t('value.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('value.histogram')} extra={
            <Segmented<Metric> size="small" value={metric} onChange={setMetric} options={[{ value: 'predicted', label: t('value.predicted') }, { value: 'historical', label: t('value.historical') }]} />
          }>
            <QueryState error={hist.error} pending={hist.isPending}>
              {() => {
                const h = hist.data as HistogramData;
                return (
                  <>
                    <Row gutter={16}>
                      <Col span={6}><Statistic title={t('common.customers')} value={f.int(h.customers)} /></Col>
                      <Col span={6}><Statistic title={t('value.total')} value={f.moneyShort(h.total)} /></Col>
                      <Col span={6}><Statistic title={t('value.mean')} value={f.money(h.mean)} /></Col>
                      <Col span={6}><Statistic title={t('value.median')} value={f.money(h.median)} /></Col>
                    </Row>
                    <Chart testId="chart-clv" height={300} option={{
                      tooltip: { trigger: 'axis' },
                      grid: { left: 48, right: 16, top: 24, bottom: 56 },
                      xAxis: { type: 'category', data: h.bins.map((b) => (b.to === null ? `≥${f.moneyShort(b.from)}` : `${f.moneyShort(b.from)}–${f.moneyShort(b.to)}`)), axisLabel: { rotate: 40, fontSize: 10 } },
                      yAxis: { type: 'value', name: t('common.customers') },
                      series: [{ type: 'bar', data: h.bins.map((b) => b.customers), itemStyle: { color: metric === 'predicted' ? '#722ed1' : '#13c2c2' }, barCategoryGap: '8%' }],
                    }} />
                  </>
                );
              }}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('value.channels')}>
            <QueryState error={channels.error} pending={channels.isPending}>
              {() => {
                const items = (channels.data as ChannelsData).items;
                return (
                  <>
                    <Chart testId="chart-channels" height={220} option={{
                      tooltip: { trigger: 'axis' },
                      grid: { left: 90, right: 24, top: 8, bottom: 24 },
                      yAxis: { type: 'category', data: items.map((c) => f.label('channel', c.channel)), inverse: true },
                      xAxis: { type: 'value' },
                      series: [{ type: 'bar', data: items.map((c) => ({ value: c.clvToCac, itemStyle: { color: (c.clvToCac ?? 0) >= 3 ? '#52c41a' : (c.clvToCac ?? 0) >= 1 ? '#faad14' : '#f5222d' } })),
                        label: { show: true, position: 'right', formatter: (p: { value: number }) => `${f.num(p.value, 1)}x` } }],
                    }} />
                    <Table size="small" rowKey="channel" pagination={false} dataSource={items} columns={[
                      { title: t('common.channel'), dataIndex: 'channel', render: (c: string) => f.label('channel', c) },
                      { title: t('common.customers'), dataIndex: 'customers', align: 'right', render: (n: number) => f.int(n) },
                      { title: t('value.cac'), dataIndex: 'cac', align: 'right', render: (n: number | null) => f.money(n) },
                      { title: t('value.hist'), dataIndex: 'historicalClv', align: 'right', render: (n: number) => f.money(n) },
                      { title: t('value.pred'), dataIndex: 'predictedClv', align: 'right', render: (n: number | null) => f.money(n) },
                      { title: t('value.ratio'), dataIndex: 'clvToCac', align: 'right', render: (n: number | null) => (n === null ? '—' : `${f.num(n, 1)}x`) },
                    ]} />
                  </>
                );
              }}
            </QueryState>
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('value.top')} extra={
            <Segmented<Sort> size="small" value={sort} onChange={(s) => { setSort(s); setPage((p) => ({ ...p, page: 1 })); }}
              options={[{ value: 'predicted_clv', label: t('value.pred') }, { value: 'historical_clv', label: t('value.hist') }, { value: 'spend_365d', label: t('value.spend365') }]} />
          }>
            <Table
              size="small" rowKey="id" loading={top.isFetching} dataSource={top.data?.items ?? []} data-testid="top-customers"
              pagination={{ current: page.page, pageSize: page.pageSize, total: top.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: f.int(n) }),
                onChange: (p, s) => setPage({ page: s !== page.pageSize ? 1 : p, pageSize: s }) }}
              columns={[
                { title: t('common.customer'), dataIndex: 'id', render: (id: number, r: TopCustomersData['items'][number]) => <Link to={`/customers/${id}`}>{r.name ?? `#${id}`}</Link> },
                { title: t('common.city'), dataIndex: 'city' },
                { title: t('common.tier'), dataIndex: 'valueTier', render: (v: string | null) => f.label('tier', v) },
                { title: t('common.stage'), dataIndex: 'lifecycleStage', render: (v: string) => f.label('stage', v) },
                { title: t('value.orders'), dataIndex: 'frequency', align: 'right' },
                { title: t('value.hist'), dataIndex: 'historicalClv', align: 'right', render: (n: number) => f.money(n) },
                { title: t('value.pred'), dataIndex: 'predictedClv', align: 'right', render: (n: number | null) => f.money(n) },
                { title: t('value.pAlive'), dataIndex: 'pAlive', align: 'right', render: (n: number | null) => f.pct(n, 0) },
                { title: t('churn.risk'), dataIndex: 'churnRisk', align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
