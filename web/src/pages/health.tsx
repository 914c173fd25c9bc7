import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { PageHeader, QueryState } from '../components/page';
import { useFormat } from '../format';
import type { ScoreSummaryData, StatsData } from '../types';

export default function Health() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ['stats'], queryFn: () => api<StatsData>('/v1/stats') });
  const scores = useQuery({ queryKey: ['scores', 'summary'], queryFn: () => api<ScoreSummaryData>('/v1/scores/summary'), retry: false });
  return (
    <div>
      <PageHeader title={t('health.title')} />
      <QueryState error={q.error} pending={q.isPending} retry={() => void q.refetch()}>
        {() => {
          const d = q.data as StatsData;
          return (
            <Row gutter={[16, 16]}>
              <Col xs={12} lg={6}><Card size="small"><Statistic title={t('health.engine')} value={d.engine} /></Card></Col>
              <Col xs={12} lg={6}><Card size="small" data-testid="kpi-live" data-value={d.liveCustomers}><Statistic title={t('health.live')} value={f.int(d.liveCustomers)} /></Card></Col>
              <Col xs={12} lg={6}><Card size="small"><Statistic title={t('health.merged')} value={f.int(d.mergedCustomers)} /></Card></Col>
              <Col xs={12} lg={6}>
                <Card size="small"><Statistic title={t('health.scored')} value={scores.data ? f.date(scores.data.asOf) : '—'} />
                  {scores.data ? <span style={{ fontSize: 12, color: '#888' }}>{t('health.scoredCustomers')}: {f.int(scores.data.customersScored)}</span> : null}
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card size="small" title={t('health.rows')}>
                  <Table size="small" pagination={false} rowKey="table" data-testid="health-rows"
                    dataSource={Object.entries(d.tables).map(([table, rows]) => ({ table, rows }))}
                    columns={[{ title: t('health.table'), dataIndex: 'table' }, { title: t('health.rows'), dataIndex: 'rows', align: 'right', render: (n: number) => f.int(n) }]} />
                </Card>
              </Col>
              <Col xs={24} lg={14}>
                <Card size="small" title={t('health.ranges')}>
                  <Table size="small" pagination={false} rowKey="what"
                    dataSource={(['orders', 'events', 'feedback'] as const).map((w) => ({ what: w, ...d[w] }))}
                    columns={[
                      { title: t('health.table'), dataIndex: 'what' },
                      { title: t('health.first'), dataIndex: 'first', render: (v: string | null) => f.dateTime(v) },
                      { title: t('health.last'), dataIndex: 'last', render: (v: string | null) => f.dateTime(v) },
                    ]} />
                </Card>
                <Card size="small" title={t('health.lastImport')} style={{ marginTop: 16 }}>
                  {d.lastImport ? (
                    <Descriptions size="small" column={2} items={[
                      { key: 'e', label: t('health.table'), children: d.lastImport.entity },
                      { key: 'f', label: 'file', children: d.lastImport.file.split('/').pop() },
                      { key: 't', label: t('customer.at'), children: f.dateTime(d.lastImport.finishedAt) },
                      { key: 'i', label: t('health.imported'), children: f.int(d.lastImport.imported) },
                      { key: 'r', label: t('health.rejected'), children: f.int(d.lastImport.rejected) },
                    ]} />
                  ) : t('health.noImport')}
                </Card>
              </Col>
            </Row>
          );
        }}
      </QueryState>
    </div>
  );
}
