// ECharts with only the pieces the console uses (bar, line, pie, heatmap, sankey), so the
// chart chunk stays small; loaded with the first page that draws a chart.
import { BarChart, HeatmapChart, LineChart, PieChart, SankeyChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import type { CSSProperties } from 'react';

echarts.use([BarChart, HeatmapChart, LineChart, PieChart, SankeyChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = Record<string, unknown>;

export function Chart({ option, height = 320, style, testId }: { option: ChartOption; height?: number; style?: CSSProperties; testId?: string }) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge lazyUpdate style={{ height, width: '100%', ...style }} />
    </div>
  );
}
