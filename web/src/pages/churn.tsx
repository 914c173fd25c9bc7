import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Card, Form, Input, InputNumber, Modal, Progress, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api';
import { PageHeader } from '../components/page';
import { useFormat } from '../format';
import type { ChurnData, SegmentInfo } from '../types';
import { LIFECYCLE_STAGES, VALUE_TIERS } from '../../../src/core/segments/fields';

type Sort = 'expected_loss' | 'risk' | 'spend_365d' | 'predicted_clv';

export default function Churn() {
  const { t } = useTranslation();
  const f = useFormat();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [minRisk, setMinRisk] = useState(70);
  const [stage, setStage] = useState<string | undefined>();
  const [tier, setTier] = useState<string | undefined>();
  const [sort, setSort] = useState<Sort>('expected_loss');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const q = useQuery({
    queryKey: ['dash', 'churn', minRisk, stage, tier, sort, page],
    queryFn: () => api<ChurnData>('/v1/dashboards/churn', { query: { minRisk, stage, tier, sort, ...page } }),
    placeholderData: keepPreviousData,
  });
  const save = useMutation({
    mutationFn: (segName: string) => api<SegmentInfo>('/v1/segments', { method: 'POST', body: { kind: 'dynamic', name: segName, description: `churn risk >= ${minRisk}`, rule: q.data?.rule } }),
    onSuccess: (seg) => {
      void message.success(t('churn.saved', { name: seg.name, n: f.int(seg.memberCount) }));
      setSaving(false);
      void qc.invalidateQueries({ queryKey: ['segments'] });
    },
    onError: (err) => void message.error(err instanceof ApiError ? err.message : String(err)),
  });
  const reset = () => setPage((p) => ({ ...p, page: 1 }));
  const defaultName = () => `${t('churn.winBack')} ${t('churn.risk')}≥${minRisk}${stage ? ` ${f.label('stage', stage)}` : ''}${tier ? ` ${f.label('tier', tier)}` : ''}`;
  return (
    <div>
      <PageHeader title={t('churn.title')} extra={
        <Button type="primary" data-testid="save-segment" disabled={!q.data} onClick={() => { setName(defaultName()); setSaving(true); }}>{t('churn.save')}</Button>
      } />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size="large">
          <Space>
            <span>{t('churn.minRisk')}</span>
            <InputNumber min={0} max={100} value={minRisk} data-testid="churn-min-risk" onChange={(v) => { if (v !== null) { setMinRisk(v); reset(); } }} />
          </Space>
          <Space>
            <span>{t('common.stage')}</span>
            <Select allowClear style={{ width: 140 }} placeholder={t('common.all')} value={stage} onChange={(v) => { setStage(v); reset(); }}
              options={LIFECYCLE_STAGES.map((s) => ({ value: s.value, label: f.label('stage', s.value) }))} />
          </Space>
          <Space>
            <span>{t('common.tier')}</span>
            <Select allowClear style={{ width: 140 }} placeholder={t('common.all')} value={tier} onChange={(v) => { setTier(v); reset(); }}
              options={VALUE_TIERS.map((s) => ({ value: s.value, label: f.label('tier', s.value) }))} />
          </Space>
          <Statistic title={t('common.customers')} value={f.int(q.data?.total)} valueStyle={{ fontSize: 20 }} />
          <Statistic title={t('churn.expectedLoss')} value={f.money(q.data?.totals.expectedLoss)} valueStyle={{ fontSize: 20, color: '#cf1322' }} />
        </Space>
      </Card>
      <Card size="small">
        <Table
          size="small" rowKey="id" loading={q.isFetching} dataSource={q.data?.items ?? []} data-testid="churn-table"
          onChange={(_p, _f, s) => {
            const one = Array.isArray(s) ? s[0] : s;
            const key = one?.order ? String(one.columnKey) : 'expected_loss';
            setSort(key as Sort);
            reset();
          }}
          pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: f.int(n) }),
            onChange: (p, s) => setPage({ page: s !== page.pageSize ? 1 : p, pageSize: s }) }}
          columns={[
            { title: t('common.customer'), dataIndex: 'id', render: (id: number, r: ChurnData['items'][number]) => <Link to={`/customers/${id}`} data-testid="churn-customer-link" style={{ whiteSpace: 'nowrap' }}>{r.name ?? `#${id}`}</Link> },
            { title: t('churn.risk'), key: 'risk', dataIndex: 'churnRisk', width: 130, sorter: true, sortOrder: sort === 'risk' ? 'descend' : null, sortDirections: ['descend'],
              render: (n: number) => <Progress percent={n} status="normal" size="small" strokeColor={n >= 85 ? '#cf1322' : '#fa8c16'} format={(p) => `${p}`} /> },
            { title: t('churn.reasons'), dataIndex: 'reasons', render: (rs: ChurnData['items'][number]['reasons']) => (
              <Space size={[4, 4]} wrap>{rs.map((r) => <Tag key={r.key} color="volcano" style={{ marginInlineEnd: 0 }}>{f.zh ? r.zh : r.en}</Tag>)}</Space>
            ) },
            { title: t('common.stage'), dataIndex: 'lifecycleStage', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{f.label('stage', v)}</span> },
            { title: t('common.tier'), dataIndex: 'valueTier', render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{f.label('tier', v)}</span> },
            { title: t('churn.recency'), dataIndex: 'recencyDays', align: 'right' },
            { title: t('value.spend365'), key: 'spend_365d', dataIndex: 'spend365d', align: 'right', sorter: true, sortOrder: sort === 'spend_365d' ? 'descend' : null, sortDirections: ['descend'], render: (n: number) => <span style={{ whiteSpace: 'nowrap' }}>{f.money(n)}</span> },
            { title: t('churn.expectedLoss'), key: 'expected_loss', dataIndex: 'expectedLoss', align: 'right', sorter: true, sortOrder: sort === 'expected_loss' ? 'descend' : null, sortDirections: ['descend'],
              render: (n: number) => <Typography.Text type="danger">{f.money(n)}</Typography.Text> },
          ]}
        />
      </Card>
      <Modal open={saving} title={t('churn.save')} onCancel={() => setSaving(false)} onOk={() => save.mutate(name.trim())} confirmLoading={save.isPending}
        okButtonProps={{ disabled: !name.trim(), 'data-testid': 'save-segment-ok' } as ButtonProps} okText={t('common.save')} cancelText={t('common.cancel')}>
        <Form layout="vertical">
          <Form.Item label={t('churn.segmentName')}><Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} data-testid="save-segment-name" /></Form.Item>
          <Typography.Text type="secondary">{t('churn.summary', { n: f.int(q.data?.total), loss: f.money(q.data?.totals.expectedLoss) })}</Typography.Text>
        </Form>
      </Modal>
    </div>
  );
}
