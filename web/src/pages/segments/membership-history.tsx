// Entries and exits per day over the last days, as a small bar chart.
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../components/chart';
import type { SegmentHistoryData } from './data';

export function MembershipHistoryChart({ history }: { history: SegmentHistoryData }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('segment.history')}>
      <Chart height={180} testId="segment-history-chart" option={{
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 30, bottom: 24 },
        xAxis: { type: 'category', data: history.byDay.map((d) => d.day.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('segment.historyEntered'), type: 'bar', itemStyle: { color: '#52c41a' }, data: history.byDay.map((d) => d.entered) },
          { name: t('segment.historyExited'), type: 'bar', itemStyle: { color: '#cf1322' }, data: history.byDay.map((d) => d.exited) },
        ],
      }} />
    </Card>
  );
}
