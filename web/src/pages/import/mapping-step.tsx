// Step 3: each column of the file with the field it feeds (a Select to change it), sample
// values and what is still missing, re-validated by the server on every change.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Collapse, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { useFormat } from '../../format';
import { ENTITIES, type EntityName, type FieldSpec } from '../../../../src/core/import/entities';
import { IGNORE_COLUMN } from '../../../../src/core/import/map-columns';
import type { ImportJob } from '../../../../src/services/import/jobs/import-queue';
import type { ColumnReport, MappingReport } from '../../../../src/services/import/jobs/mapping-report';
import type { UploadPreview } from '../../../../src/services/import/jobs/preview-file';

const HOW_COLOR: Record<ColumnReport['how'], string> = { auto: 'blue', manual: 'green', attribute: 'purple', ignored: 'default' };

/** A Chinese alias, for the zh console; the English description otherwise. */
function fieldHint(f: FieldSpec, zh: boolean): string {
  return zh ? (f.aliases.find((a) => /[\u4e00-\u9fff]/.test(a)) ?? '') : f.doc;
}

export function MappingStep({ preview, entity, onBack, onStarted }: {
  preview: UploadPreview; entity: EntityName; onBack: () => void; onStarted: (job: ImportJob) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [map, setMap] = useState<Record<string, string>>({});
  const spec = ENTITIES[entity];
  const body = useMemo(() => ({ entity, map }), [entity, map]);
  const report = useQuery({
    queryKey: ['imports', 'mapping', preview.upload.id, JSON.stringify(body)],
    queryFn: ({ signal }) => api<MappingReport>(`/v1/imports/uploads/${preview.upload.id}/mapping`, { method: 'POST', body, signal }),
    initialData: Object.keys(map).length === 0 && preview.mapping?.entity === entity ? preview.mapping : undefined,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const start = useMutation({
    mutationFn: () => api<ImportJob>('/v1/imports/jobs', { method: 'POST', body: { uploadId: preview.upload.id, entity, map } }),
    onSuccess: onStarted,
  });
  const r = report.data;

  // Choosing a field for a column takes it from any other column chosen for it before.
  const choose = (column: string, field: string | undefined) => setMap((m) => {
    // (any number of columns may be left out)
    const next = Object.fromEntries(Object.entries(m).filter(([c, v]) => c !== column && (v !== field || field === IGNORE_COLUMN)));
    return field ? { ...next, [column]: field } : next;
  });
  const options = [{ value: IGNORE_COLUMN, search: `${IGNORE_COLUMN} ignore 忽略`, label: <Typography.Text type="secondary">{t('import.ignoreColumn')}</Typography.Text> }, ...spec.fields.map((fs) => ({
    value: fs.name,
    search: [fs.name, fs.doc, ...fs.aliases].join(' '),
    label: (
      <span>
        {fs.name}
        <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>{fieldHint(fs, f.zh)}</Typography.Text>
        {fs.required ? <Tag color="red" style={{ marginLeft: 6 }}>{t('import.required')}</Tag> : null}
        {fs.identity ? <Tag style={{ marginLeft: 6 }}>{t('import.identifier')}</Tag> : null}
      </span>
    ),
  }))];
  const problems = [
    ...(r && r.missingRequired.length > 0 ? [t('import.missingRequired', { fields: r.missingRequired.join(', ') })] : []),
    ...(r && r.missingIdentity.length > 0 ? [t('import.missingIdentity', { fields: r.missingIdentity.join(', ') })] : []),
  ];
  const fail = report.error ?? start.error;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" column={4} data-testid="upload-info">
        <Descriptions.Item label={t('import.file')}>{preview.upload.name}</Descriptions.Item>
        <Descriptions.Item label={t('import.format')}>{preview.upload.format}</Descriptions.Item>
        <Descriptions.Item label={t('import.encoding')}><span data-testid="upload-encoding">{preview.upload.encoding}</span></Descriptions.Item>
        <Descriptions.Item label={t('import.size')}>{f.num(preview.upload.size / 1024, 1)} KB</Descriptions.Item>
      </Descriptions>
      <Table<ColumnReport>
        size="small" rowKey="column" pagination={false} dataSource={r?.columns ?? []} loading={report.isFetching} data-testid="mapping-table"
        onRow={(c) => ({ 'data-testid': 'mapping-row', 'data-column': c.column, 'data-field': c.field ?? '' } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('import.column'), dataIndex: 'column', render: (c: string) => <Typography.Text strong>{c}</Typography.Text> },
          {
            title: t('import.field'), key: 'field', width: 360,
            render: (_: unknown, c) => (
              <Select
                style={{ width: '100%' }} showSearch optionFilterProp="search" allowClear={map[c.column] !== undefined} value={map[c.column] === IGNORE_COLUMN ? IGNORE_COLUMN : (c.field ?? undefined)}
                placeholder={c.how === 'attribute' ? t('import.asAttribute') : t('import.notMapped')} options={options}
                onChange={(v: string | undefined) => choose(c.column, v)} data-testid="mapping-select"
              />
            ),
          },
          { title: t('import.how'), dataIndex: 'how', width: 120, render: (h: ColumnReport['how']) => <Tag color={HOW_COLOR[h]}>{t(`import.how.${h}`)}</Tag> },
          {
            title: t('import.samples'), dataIndex: 'samples',
            render: (s: string[]) => <Space size={[4, 4]} wrap>{s.map((v) => <Tag key={v} style={{ marginInlineEnd: 0 }}>{v}</Tag>)}</Space>,
          },
        ]}
      />
      {problems.length > 0
        ? <Alert type="warning" showIcon message={<div data-testid="mapping-problems">{problems.map((p) => <div key={p}>{p}</div>)}</div>} />
        : r ? <Alert type="success" showIcon message={t('import.ready')} data-testid="mapping-ready" /> : null}
      {fail ? <Alert type="error" showIcon message={fail instanceof ApiError ? fail.message : String(fail)} data-testid="mapping-error" /> : null}
      <Collapse size="small" items={[{
        key: 'rows', label: t('import.previewRows'),
        children: (
          <Table
            size="small" pagination={false} scroll={{ x: true }} rowKey="__row"
            dataSource={preview.rows.map((row, i) => ({ __row: i, ...Object.fromEntries(row.map((v, j) => [`c${j}`, v])) }))}
            columns={preview.header.map((h, j) => ({ title: h, dataIndex: `c${j}`, ellipsis: true }))}
          />
        ),
      }]} />
      <Space>
        <Button onClick={onBack}>{t('import.back')}</Button>
        <Button type="primary" disabled={!r?.ready || report.isFetching} loading={start.isPending} onClick={() => start.mutate()} data-testid="import-start">
          {t('import.start')}
        </Button>
      </Space>
    </Space>
  );
}
