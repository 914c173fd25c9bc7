// The recent imports of this server, newest first; polled while one is running.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useFormat } from '../../format';
import type { ImportJob, JobStatus } from '../../../../src/services/import/jobs/import-queue';

const STATUS_COLOR: Record<JobStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

export function RecentImports({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const jobs = useQuery({
    queryKey: ['imports', 'jobs'],
    queryFn: () => api<{ items: ImportJob[] }>('/v1/imports/jobs'),
    refetchInterval: (q) => (q.state.data?.items.some((j) => j.status === 'queued' || j.status === 'running') ? 2000 : false),
  });
  return (
    <Card size="small" title={t('import.recent')} extra={<span style={{ color: '#8c8c8c', fontSize: 12 }}>{t('import.recentHint')}</span>} style={{ marginTop: 16 }}>
      <Table<ImportJob>
        size="small" rowKey="id" loading={jobs.isPending} dataSource={jobs.data?.items ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('import.noJobs') }} data-testid="recent-imports"
        columns={[
          { title: t('import.at'), dataIndex: 'createdAt', render: (v: string) => f.dateTime(v) },
          { title: t('import.file'), dataIndex: 'fileName' },
          { title: t('import.step.entity'), dataIndex: 'entity', render: (e: string) => t(`import.entity.${e}`) },
          { title: t('import.status'), dataIndex: 'status', render: (s: JobStatus, j) => <Tag color={STATUS_COLOR[s]}>{t(`import.status.${s}`)}{s === 'running' ? ` ${j.percent}%` : ''}</Tag> },
          { title: t('import.imported'), key: 'imported', align: 'right', render: (_: unknown, j) => f.int(j.summary?.imported) },
          { title: t('import.rejected'), key: 'rejected', align: 'right', render: (_: unknown, j) => f.int(j.summary?.rejected) },
          { title: t('import.by'), dataIndex: 'createdBy' },
          { title: '', key: 'open', render: (_: unknown, j) => <Button size="small" type="link" onClick={() => onOpen(j.id)}>{t('import.view')}</Button> },
        ]}
      />
    </Card>
  );
}
