import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Chart } from '../components/chart';
import { Kpi, PageHeader, QueryState } from '../components/page';
import { useFormat } from '../format';
import { STAGE_COLORS, TIER_COLORS } from '../labels';
import type { OverviewData } from '../types';
import { KpiTargetsCard } from './kpi-targets';
import { LIFECYCLE_STAGES, VALUE_TIERS } from '../../../src/core/segments/fields';

export default function Overview() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ['dash', 'overview'], queryFn: () => api<OverviewData>('/v1/dashboards/overview') });
  return (
    <div>
      <PageHeader title={t('overview.title')} sub={q.data?.asOf ? t('common.asOf', { day: f.date(q.data.asOf) }) : q.data ? t('common.noScores') : undefined} />
      <QueryState error={q.error} pending={q.isPending} retry={() => void q.refetch()}>
        {() => {
          const d = q.data as OverviewData;
          const revenueTotal = d.revenue.returning + d.revenue.new;
          const tiers = [...VALUE_TIERS.map((x) => x.value), 'none'].filter((k) => (d.byTier[k] ?? 0) > 0);
          const stages = LIFECYCLE_STAGES.map((x) => x.value);
          return (
            <>
              <Row gutter={[16, 16]}>
                <Col xs={12} lg={6} xl={6}><Kpi id="customers" title={t('overview.customers')} value={f.int(d.customers)} raw={d.customers} /></Col>
                <Col xs={12} lg={6} xl={6}><Kpi id="active" title={t('overview.active')} value={f.int(d.activeCustomers)} raw={d.activeCustomers} hint={f.pct(d.activeCustomers / Math.max(1, d.customers))} /></Col>
                <Col xs={12} lg={6} xl={6}><Kpi id="repurchase" title={t('overview.repurchase')} value={f.pct(d.repurchaseRate)} raw={d.repurchaseRate} hint={t('overview.repurchaseHint')} /></Col>
                <Col xs={12} lg={6} xl={6}><Kpi id="predicted-clv" title={t('overview.predictedClv')} value={f.moneyShort(d.predictedClvTotal)} raw={d.predictedClvTotal} hint={f.money(d.predictedClvTotal)} /></Col>
                <Col xs={12} lg={6} xl={6}>
                  <Kpi id="at-risk" title={t('overview.atRisk', { n: d.atRisk.threshold })} value={f.int(d.atRisk.customers)} raw={d.atRisk.customers} color="#cf1322"
                    hint={`${t('overview.valueAtStake')} ${f.money(d.atRisk.valueAtStake)}`} />
                </Col>
                <Col xs={12} lg={6} xl={6}><Kpi id="nps" title={t('overview.nps')} value={f.num(d.nps.score, 1)} raw={d.nps.score} hint={t('overview.npsHint', { n: f.int(d.nps.responses) })} /></Col>
                <Col xs={12} lg={6} xl={6}>
                  <Kpi id="returning-revenue" title={t('overview.returningRevenue')} value={f.moneyShort(d.revenue.returning)} raw={d.revenue.returning}
                    hint={f.pct(revenueTotal > 0 ? d.revenue.returning / revenueTotal : null)} />
                </Col>
                <Col xs={12} lg={6} xl={6}>
                  <Kpi id="new-revenue" title={t('overview.newRevenue')} value={f.moneyShort(d.revenue.new)} raw={d.revenue.new}
                    hint={f.pct(revenueTotal > 0 ? d.revenue.new / revenueTotal : null)} />
                </Col>
              </Row>
              <KpiTargetsCard overview={d} />
              <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
                <Col xs={24} xl={8}>
                  <Card title={t('overview.byTier')} size="small">
                    <Chart testId="chart-tiers" height={300} option={{
                      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
                      legend: { bottom: 0 },
                      series: [{
                        type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'], label: { formatter: '{d}%' },
                        data: tiers.map((k) => ({ name: f.label('tier', k), value: d.byTier[k] ?? 0, itemStyle: { color: TIER_COLORS[k] } })),
                      }],
                    }} />
                  </Card>
                </Col>
                <Col xs={24} xl={16}>
                  <Card title={t('overview.byStage')} size="small">
                    <Chart testId="chart-stages" height={300} option={{
                      tooltip: { trigger: 'axis' },
                      grid: { left: 48, right: 16, top: 16, bottom: 32 },
                      xAxis: { type: 'category', data: stages.map((s) => f.label('stage', s)) },
                      yAxis: { type: 'value' },
                      series: [{ type: 'bar', data: stages.map((s) => ({ value: d.byStage[s] ?? 0, itemStyle: { color: STAGE_COLORS[s] } })), label: { show: true, position: 'top' } }],
                    }} />
                  </Card>
                </Col>
                <Col span={24}>
                  <Card title={t('overview.trend')} size="small">
                    <Chart testId="chart-trend" height={320} option={{
                      tooltip: { trigger: 'axis' },
                      legend: { top: 0 },
                      grid: { left: 72, right: 56, top: 36, bottom: 32 },
                      xAxis: { type: 'category', data: d.trend.map((m) => m.month) },
                      yAxis: [
                        { type: 'value', axisLabel: { formatter: (v: number) => f.moneyShort(v) } },
                        { type: 'value', max: 1, axisLabel: { formatter: (v: number) => f.pct(v, 0) } },
                      ],
                      series: [
                        { name: t('overview.returningRevenue'), type: 'bar', stack: 'rev', data: d.trend.map((m) => m.revenueReturning), itemStyle: { color: '#1677ff' } },
                        { name: t('overview.newRevenue'), type: 'bar', stack: 'rev', data: d.trend.map((m) => m.revenueNew), itemStyle: { color: '#91caff' } },
                        { name: t('overview.monthRate'), type: 'line', yAxisIndex: 1, smooth: true, data: d.trend.map((m) => m.repurchaseRate), itemStyle: { color: '#fa541c' },
                          tooltip: { valueFormatter: (v: number) => f.pct(v) } },
                      ],
                    }} />
                  </Card>
                </Col>
              </Row>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
