import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Progress, Row, Segmented, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { Chart } from '../components/chart';
import { PageHeader, QueryState } from '../components/page';
import { useFormat } from '../format';
import type { RfmData } from '../types';

type Metric = 'customers' | 'monetary';

export default function Rfm() {
  const { t } = useTranslation();
  const f = useFormat();
  const nav = useNavigate();
  const [metric, setMetric] = useState<Metric>('customers');
  const q = useQuery({ queryKey: ['dash', 'rfm'], queryFn: () => api<RfmData>('/v1/dashboards/rfm') });
  return (
    <div>
      <PageHeader title={t('rfm.title')} sub={q.data?.asOf ? t('common.asOf', { day: f.date(q.data.asOf) }) : undefined} />
      <QueryState error={q.error} pending={q.isPending} retry={() => void q.refetch()}>
        {() => {
          const d = q.data as RfmData;
          const values = d.grid.map((c) => (metric === 'customers' ? c.customers : c.monetary));
          const max = Math.max(1, ...values);
          const scores = ['1', '2', '3', '4', '5'];
          return (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={11}>
                <Card size="small" title={t('rfm.grid')} extra={
                  <Segmented<Metric> size="small" value={metric} onChange={setMetric}
                    options={[{ label: t('rfm.metric.customers'), value: 'customers' }, { label: t('rfm.metric.monetary'), value: 'monetary' }]} />
                }>
                  <Chart testId="chart-rfm-grid" height={420} option={{
                    tooltip: {
                      formatter: (p: { data: [number, number, number] }) => {
                        const cell = d.grid.find((c) => c.f === p.data[0] + 1 && c.r === p.data[1] + 1);
                        return cell ? `R${cell.r} · F${cell.f}<br/>${t('rfm.metric.customers')}: ${f.int(cell.customers)}<br/>${t('rfm.metric.monetary')}: ${f.money(cell.monetary)}` : '';
                      },
                    },
                    grid: { left: 64, right: 16, top: 16, bottom: 100 },
                    xAxis: { type: 'category', data: scores, name: t('rfm.f'), nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
                    yAxis: { type: 'category', data: scores, name: t('rfm.r'), nameLocation: 'middle', nameGap: 36, splitArea: { show: true } },
                    visualMap: { dimension: 2, min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f0f5ff', '#597ef7', '#10239e'] },
                      formatter: (v: number) => (metric === 'customers' ? f.int(v) : f.moneyShort(v)) },
                    series: [{
                      type: 'heatmap',
                      data: d.grid.map((c) => [c.f - 1, c.r - 1, metric === 'customers' ? c.customers : c.monetary]),
                      label: { show: true, formatter: (p: { data: [number, number, number] }) => (metric === 'customers' ? f.int(p.data[2]) : f.moneyShort(p.data[2])) },
                    }],
                  }} />
                </Card>
              </Col>
              <Col xs={24} xl={13}>
                <Card size="small" title={t('rfm.groups')}>
                  <Table
                    size="small" rowKey="group" pagination={false} dataSource={d.groups} data-testid="rfm-groups"
                    columns={[
                      { title: t('common.rfmGroup'), dataIndex: 'group', render: (g: string) => f.label('rfm', g) },
                      { title: t('common.customers'), dataIndex: 'customers', align: 'right', render: (n: number) => f.int(n) },
                      { title: t('common.share'), dataIndex: 'customerShare', align: 'right', render: (n: number) => f.pct(n) },
                      { title: t('common.revenue'), dataIndex: 'monetary', align: 'right', render: (n: number) => f.money(n) },
                      { title: t('common.revenueShare'), dataIndex: 'revenueShare', width: 150, render: (n: number) => <Progress percent={Math.round(n * 1000) / 10} size="small" /> },
                      {
                        title: '', key: 'go', width: 90,
                        render: (_: unknown, g: RfmData['groups'][number]) => (
                          <Button size="small" type="link" onClick={() => void nav('/segments/new', { state: { rule: { type: 'and', conditions: [{ type: 'score', field: 'rfm_group', op: 'equals', value: g.group }] } } })}>
                            {t('rfm.select')}
                          </Button>
                        ),
                      },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
          );
        }}
      </QueryState>
    </div>
  );
}
