// Page scaffolding: title bar, loading and error states, KPI cards.
import { Alert, Button, Card, Skeleton, Space, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function PageLoading() {
  return <div style={{ padding: 24 }}><Skeleton active paragraph={{ rows: 8 }} /></div>;
}

export function PageHeader({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', marginBottom: 16, gap: 16, flexWrap: 'wrap' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">{title}</Typography.Title>
        {sub ? <Typography.Text type="secondary">{sub}</Typography.Text> : null}
      </div>
      {extra ? <Space wrap>{extra}</Space> : null}
    </div>
  );
}

export function QueryState({ error, pending, retry, children }: { error: unknown; pending: boolean; retry?: () => void; children: () => ReactNode }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Alert
        type="error" showIcon message={t('common.error')} description={error instanceof Error ? error.message : String(error)}
        action={retry ? <Button size="small" onClick={retry}>{t('common.retry')}</Button> : undefined}
      />
    );
  }
  if (pending) return <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>;
  return <>{children()}</>;
}

export function Kpi({ id, title, value, raw, hint, color }: { id: string; title: ReactNode; value: ReactNode; raw: number | null | undefined; hint?: ReactNode; color?: string }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`kpi-${id}`} data-value={raw ?? ''}>
      <Statistic title={title} value={typeof value === 'string' ? value : undefined} formatter={() => value} valueStyle={color ? { color } : undefined} />
      {hint ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text> : null}
    </Card>
  );
}
