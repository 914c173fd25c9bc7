import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Empty, Progress, Row, Space, Table, Tag, Timeline, Typography, Pagination } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../api';
import { PageHeader, QueryState } from '../components/page';
import { useFormat } from '../format';
import type { CustomerProfileData, CustomerScoresData, CustomerTagsData, Reason, TimelineData } from '../types';

const KIND_COLOR = { order: 'blue', event: 'gray', feedback: 'orange' } as const;

function reasonsOf(v: unknown): Reason[] {
  const raw = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(raw) ? (raw as Reason[]) : [];
}

export default function Customer() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const [tl, setTl] = useState({ page: 1, pageSize: 15 });
  const profile = useQuery({ queryKey: ['customer', id], queryFn: () => api<CustomerProfileData>(`/v1/customers/${encodeURIComponent(id)}`) });
  const scores = useQuery({ queryKey: ['customer', id, 'scores'], queryFn: () => api<CustomerScoresData>(`/v1/customers/${encodeURIComponent(id)}/scores`, { query: { history: 12 } }) });
  const tags = useQuery({ queryKey: ['customer', id, 'tags'], queryFn: () => api<CustomerTagsData>(`/v1/customers/${encodeURIComponent(id)}/tags`) });
  const timeline = useQuery({
    queryKey: ['customer', id, 'timeline', tl],
    queryFn: () => api<TimelineData>(`/v1/customers/${encodeURIComponent(id)}/timeline`, { query: tl }),
    placeholderData: keepPreviousData,
  });
  const c = profile.data?.customer;
  const yes = (b: boolean | null) => (b === null ? '—' : b ? t('builder.yes') : t('builder.no'));
  return (
    <div>
      <PageHeader title={<>{t('customers.title')} · <span data-testid="customer-name">{c ? (c.name ?? `#${c.id}`) : id}</span></>} />
      <QueryState error={profile.error} pending={profile.isPending} retry={() => void profile.refetch()}>
        {() => {
          const p = profile.data as CustomerProfileData;
          const s = scores.data?.current;
          return (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('customer.profile')}>
                  <Descriptions size="small" column={2} items={[
                    { key: 'id', label: 'ID', children: p.customer.id },
                    { key: 'name', label: t('common.name'), children: p.customer.name ?? '—' },
                    { key: 'gender', label: t('customer.gender'), children: f.label('gender', p.customer.gender ?? 'unknown') },
                    { key: 'birthday', label: t('customer.birthday'), children: f.date(p.customer.birthday) },
                    { key: 'city', label: t('common.city'), children: p.customer.city ?? '—' },
                    { key: 'province', label: t('customer.province'), children: p.customer.province ?? '—' },
                    { key: 'channel', label: t('common.channel'), children: f.label('channel', p.customer.acquisition_channel ?? 'unknown') },
                    { key: 'cac', label: t('value.cac'), children: f.money(p.customer.acquisition_cost, 2) },
                    { key: 'signup', label: t('customers.signup'), children: f.dateTime(p.customer.signup_at) },
                    { key: 'consent', label: t('customer.consent'), children: `Email ${yes(p.customer.consent_email)} · SMS ${yes(p.customer.consent_sms)} · WeChat ${yes(p.customer.consent_wechat)}` },
                    { key: 'orders', label: t('customer.orders'), children: `${f.int(p.orders.paidCount)} / ${f.int(p.orders.count)}` },
                    { key: 'value', label: t('customer.paidValue'), children: f.money(p.orders.value, 2) },
                  ]} />
                </Card>
                <Card size="small" title={t('customer.tags')} style={{ marginTop: 16 }} data-testid="customer-tags">
                  {(tags.data?.items.length ?? 0) === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
                    <Space size={[6, 6]} wrap>
                      {tags.data?.items.map((x) => (
                        <Tag key={x.tagId} color={x.group === 'basic' ? 'blue' : x.group === 'behaviour' ? 'green' : 'purple'} title={t(`customer.tagGroup.${x.group}` as 'customer.tagGroup.basic')}>{x.name}</Tag>
                      ))}
                    </Space>
                  )}
                </Card>
                <Card size="small" title={t('customer.identities')} style={{ marginTop: 16 }}>
                  <Table size="small" pagination={false} rowKey={(r) => `${r.kind}:${r.value}`} dataSource={p.identities} columns={[
                    { title: t('customer.kind'), dataIndex: 'kind' },
                    { title: t('customer.value'), dataIndex: 'value' },
                    { title: t('customer.source'), dataIndex: 'source' },
                    { title: t('customer.at'), dataIndex: 'createdAt', render: (d: string) => f.dateTime(d) },
                  ]} />
                  <Typography.Title level={5} style={{ marginTop: 12 }}>{t('customer.merges')}</Typography.Title>
                  {p.merges.length === 0 ? <Typography.Text type="secondary">{t('customer.noMerges')}</Typography.Text> : (
                    <Table size="small" pagination={false} rowKey="id" dataSource={p.merges} columns={[
                      { title: '#', dataIndex: 'id' },
                      { title: 'survivor → merged', key: 'sm', render: (_: unknown, m: CustomerProfileData['merges'][number]) => `${m.survivorId} ← ${m.mergedId}` },
                      { title: t('customer.kind'), dataIndex: 'identity' },
                      { title: t('customer.at'), dataIndex: 'mergedAt', render: (d: string) => f.dateTime(d) },
                      { title: 'undone', dataIndex: 'undoneAt', render: (d: string | null) => (d ? f.dateTime(d) : '—') },
                    ]} />
                  )}
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('customer.scores')} data-testid="customer-scores">
                  {!s ? <Empty description={t('customer.noScores')} /> : (
                    <>
                      <Descriptions size="small" column={2} items={[
                        { key: 'tier', label: t('common.tier'), children: <Tag color="geekblue">{f.label('tier', s.value_tier)}</Tag> },
                        { key: 'stage', label: t('common.stage'), children: <Tag color="green">{f.label('stage', s.lifecycle_stage)}</Tag> },
                        { key: 'rfm', label: t('common.rfmGroup'), children: `${f.label('rfm', s.rfm_group)} (R${s.r_score ?? '-'} F${s.f_score ?? '-'} M${s.m_score ?? '-'})` },
                        { key: 'rec', label: t('churn.recency'), children: s.recency_days ?? '—' },
                        { key: 'hist', label: t('value.hist').replace(/（均值）| \(avg\)/, ''), children: f.money(s.historical_clv, 2) },
                        { key: 'pred', label: t('lifecycle.predicted'), children: f.money(s.predicted_clv, 2) },
                        { key: 'alive', label: t('value.pAlive'), children: f.pct(s.p_alive) },
                        { key: 'next', label: 'E[next order]', children: f.date(s.expected_next_order_at) },
                      ]} />
                      <div style={{ marginTop: 8 }}>
                        <Typography.Text strong>{t('churn.risk')}: </Typography.Text>
                        <Progress percent={s.churn_risk ?? 0} size="small" style={{ width: 200, display: 'inline-block', marginLeft: 8 }} strokeColor={(s.churn_risk ?? 0) >= 70 ? '#cf1322' : '#52c41a'} format={(v) => `${v}`} />
                        <ul style={{ margin: '4px 0 0 0', paddingLeft: 20 }} data-testid="churn-reasons">
                          {reasonsOf(s.churn_reasons).map((r) => <li key={r.key}>{f.zh ? r.zh : r.en}</li>)}
                        </ul>
                      </div>
                      {(scores.data?.history.length ?? 0) > 1 ? (
                        <>
                          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('customer.history')}</Typography.Title>
                          <Table size="small" pagination={false} rowKey="as_of" dataSource={scores.data?.history ?? []} columns={[
                            { title: 'as of', dataIndex: 'as_of' },
                            { title: t('common.tier'), dataIndex: 'value_tier', render: (v: string | null) => f.label('tier', v) },
                            { title: t('common.stage'), dataIndex: 'lifecycle_stage', render: (v: string) => f.label('stage', v) },
                            { title: t('churn.risk'), dataIndex: 'churn_risk', align: 'right' },
                            { title: t('lifecycle.predicted'), dataIndex: 'predicted_clv', align: 'right', render: (n: number | null) => f.money(n) },
                          ]} />
                        </>
                      ) : null}
                    </>
                  )}
                </Card>
                <Card size="small" title={`${t('customer.timeline')} (${f.int(timeline.data?.total)})`} style={{ marginTop: 16 }} data-testid="customer-timeline">
                  <QueryState error={timeline.error} pending={timeline.isPending}>
                    {() => (
                      <>
                        <Timeline
                          items={(timeline.data as TimelineData).items.map((it) => ({
                            color: KIND_COLOR[it.kind],
                            children: (
                              <div data-testid="timeline-item">
                                <Typography.Text type="secondary">{f.dateTime(it.at)}</Typography.Text>{' '}
                                <Tag>{t(`customer.kind.${it.kind}`)}</Tag>
                                <Typography.Text strong>{it.label}</Typography.Text>
                                {it.kind === 'order' && it.value !== null ? <> · {f.money(it.value, 2)}</> : null}
                                {it.kind === 'feedback' && it.value !== null ? <> · {it.value}</> : null}
                                {it.channel ? <Typography.Text type="secondary"> · {it.channel}</Typography.Text> : null}
                                {it.detail ? <div><Typography.Text type="secondary" ellipsis style={{ maxWidth: 480 }}>{it.detail}</Typography.Text></div> : null}
                              </div>
                            ),
                          }))}
                        />
                        <Pagination size="small" current={tl.page} pageSize={tl.pageSize} total={timeline.data?.total ?? 0} onChange={(pg, ps) => setTl({ page: pg, pageSize: ps })} />
                      </>
                    )}
                  </QueryState>
                </Card>
              </Col>
            </Row>
          );
        }}
      </QueryState>
    </div>
  );
}
