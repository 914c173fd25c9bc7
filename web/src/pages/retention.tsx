import { useQuery } from '@tanstack/react-query';
import { Card, InputNumber, Segmented, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Chart } from '../components/chart';
import { PageHeader, QueryState } from '../components/page';
import { useFormat } from '../format';
import type { RetentionData } from '../types';

type Show = 'rate' | 'customers' | 'revenue';

export default function Retention() {
  const { t } = useTranslation();
  const f = useFormat();
  const [show, setShow] = useState<Show>('rate');
  const [months, setMonths] = useState(12);
  const q = useQuery({ queryKey: ['dash', 'retention', months], queryFn: () => api<RetentionData>('/v1/dashboards/retention', { query: { months } }) });
  return (
    <div>
      <PageHeader title={t('retention.title')} extra={<>
        <span>{t('retention.months')}</span>
        <InputNumber min={3} max={36} value={months} onChange={(v) => v && setMonths(v)} style={{ width: 80 }} />
        <Segmented<Show> value={show} onChange={setShow} options={(['rate', 'customers', 'revenue'] as const).map((s) => ({ value: s, label: t(`retention.${s}`) }))} />
      </>} />
      <QueryState error={q.error} pending={q.isPending} retry={() => void q.refetch()}>
        {() => {
          const d = q.data as RetentionData;
          const n = d.cohorts.length;
          const rows = [...d.cohorts].reverse(); // newest at the bottom of the y axis -> top row oldest
          const cells: Array<[number, number, number, number]> = [];
          rows.forEach((c, y) => {
            c.customers.forEach((cnt, k) => {
              const v = show === 'rate' ? (c.size > 0 ? cnt / c.size : 0) : show === 'customers' ? cnt : (c.revenue[k] ?? 0);
              cells.push([k, y, v, cnt]);
            });
          });
          // month 0 is the cohort itself (100%): scale the colours on the later months
          const max = Math.max(show === 'rate' ? 0.05 : 1, ...cells.filter((c) => c[0] > 0).map((c) => c[2]));
          const fmt = (v: number) => (show === 'rate' ? f.pct(v, 0) : show === 'customers' ? f.int(v) : f.moneyShort(v));
          return (
            <Card size="small">
              <Space style={{ marginBottom: 8 }} />
              <Chart testId="chart-retention" height={Math.max(320, 40 * n + 120)} option={{
                tooltip: {
                  formatter: (p: { data: [number, number, number, number] }) => {
                    const c = rows[p.data[1]];
                    return c ? `${t('retention.cohort')} ${c.cohort} (${t('retention.size')} ${f.int(c.size)})<br/>${t('retention.monthN', { n: p.data[0] })}: ${fmt(p.data[2])} · ${f.int(p.data[3])}` : '';
                  },
                },
                grid: { left: 120, right: 24, top: 16, bottom: 100 },
                xAxis: { type: 'category', data: Array.from({ length: n }, (_, k) => t('retention.monthN', { n: k })), splitArea: { show: true } },
                yAxis: { type: 'category', data: rows.map((c) => `${c.cohort} (${f.int(c.size)})`), splitArea: { show: true } },
                visualMap: { dimension: 2, min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f6ffed', '#73d13d', '#135200'] }, formatter: (v: number) => fmt(v) },
                series: [{ type: 'heatmap', data: cells, label: { show: n <= 18, fontSize: 10, formatter: (p: { data: [number, number, number] }) => fmt(p.data[2]) } }],
              }} />
            </Card>
          );
        }}
      </QueryState>
    </div>
  );
}
