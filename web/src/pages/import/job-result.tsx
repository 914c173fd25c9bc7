// Step 4: the job's progress (polled), then what it did and its rejected rows, paged, with a
// CSV download.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { QueryState } from '../../components/page';
import { useFormat } from '../../format';
import { rejectReasonZh } from '../../../../src/core/import/reject-reasons';
import type { ImportJob } from '../../../../src/services/import/jobs/import-queue';
import type { RejectRow, RejectsPage } from '../../../../src/services/import/jobs/rejects-file';

const finished = (j: ImportJob | undefined) => j?.status === 'done' || j?.status === 'failed';

export function JobResult({ jobId, onAgain }: { jobId: string; onAgain: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const job = useQuery({
    queryKey: ['imports', 'job', jobId],
    queryFn: () => api<ImportJob>(`/v1/imports/jobs/${jobId}`),
    refetchInterval: (q) => (finished(q.state.data) ? false : 500),
  });
  const j = job.data;
  const status = j?.status;
  // The list of recent imports follows this job's status.
  useEffect(() => {
    if (status) void qc.invalidateQueries({ queryKey: ['imports', 'jobs'] });
  }, [status, qc]);
  return (
    <QueryState error={job.error} pending={job.isPending}>
      {() => (j ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="import-job" data-status={j.status}>
          {!finished(j) ? (
            <div data-testid="import-progress">
              <Typography.Text>{t(`import.phase.${j.status === 'queued' ? 'queued' : (j.phase ?? 'reading')}`)}</Typography.Text>
              <Progress percent={j.percent} status="active" />
            </div>
          ) : null}
          {j.status === 'failed' ? (
            <Alert type="error" showIcon message={t('import.failed')} description={j.error?.message} data-testid="import-failed" />
          ) : null}
          {j.status === 'done' && j.summary ? (
            <>
              <Typography.Text type="secondary">
                {t('import.result', { rows: f.int(j.summary.rows), file: j.fileName, seconds: f.num(j.summary.seconds, 1) })}
              </Typography.Text>
              <Row gutter={16}>
                {([
                  ['imported', j.summary.imported, '#389e0d'], ['duplicates', j.summary.duplicates, undefined], ['merged', j.summary.merged, undefined],
                  ['rejected', j.summary.rejected, j.summary.rejected > 0 ? '#cf1322' : undefined],
                  ...(j.summary.updated > 0 ? [['updated', j.summary.updated, undefined] as const] : []),
                  ...(j.summary.customersCreated > 0 && j.entity !== 'customers' ? [['customersCreated', j.summary.customersCreated, undefined] as const] : []),
                ] as const).map(([key, n, color]) => (
                  <Col key={key} xs={12} md={4}>
                    <Card size="small" data-testid={`result-${key}`} data-value={n}>
                      <Statistic title={t(`import.${key}`)} value={f.int(n)} valueStyle={color ? { color } : undefined} />
                    </Card>
                  </Col>
                ))}
              </Row>
              {j.summary.ignoredColumns.length > 0
                ? <Typography.Text type="secondary">{t('import.ignoredColumns', { cols: j.summary.ignoredColumns.join(', ') })}</Typography.Text> : null}
              <Rejects job={j} />
            </>
          ) : null}
          {finished(j) ? <Button onClick={onAgain} data-testid="import-again">{t('import.another')}</Button> : null}
        </Space>
      ) : null)}
    </QueryState>
  );
}

function Rejects({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const rejects = useQuery({
    queryKey: ['imports', 'rejects', job.id, page],
    queryFn: () => api<RejectsPage>(`/v1/imports/jobs/${job.id}/rejects`, { query: page }),
    enabled: job.rejectsAvailable,
    placeholderData: keepPreviousData,
  });
  const title = <span>{t('import.rejects')}</span>;
  if (!job.rejectsAvailable) {
    const gone = (job.summary?.rejected ?? 0) > 0;
    return <Card size="small" title={title}><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(gone ? 'import.rejectsGone' : 'import.noRejects')} /></Card>;
  }
  return (
    <Card size="small" title={title} extra={<a href={`/v1/imports/jobs/${job.id}/rejects.csv`} download data-testid="rejects-download">{t('import.download')}</a>}>
      <Table<RejectRow>
        size="small" rowKey={(r) => `${r.line}:${r.field ?? ''}`} loading={rejects.isFetching} dataSource={[...(rejects.data?.items ?? [])]} data-testid="rejects-table"
        onRow={(r) => ({ 'data-testid': 'reject-row', 'data-line': r.line } as HTMLAttributes<HTMLElement>)}
        pagination={{ current: page.page, pageSize: page.pageSize, total: rejects.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: f.int(n) }),
          onChange: (p, s) => setPage({ page: s !== page.pageSize ? 1 : p, pageSize: s }) }}
        columns={[
          { title: t('import.line'), dataIndex: 'line', width: 90 },
          { title: t('import.field'), dataIndex: 'field', width: 160 },
          { title: t('import.reason'), dataIndex: 'reason', render: (r: string) => <span data-testid="reject-reason" title={r}>{f.zh ? rejectReasonZh(r) : r}</span> },
          { title: t('import.value'), dataIndex: 'value', ellipsis: true },
        ]}
      />
    </Card>
  );
}
