import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Input, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { PageHeader } from '../components/page';
import { useFormat } from '../format';
import type { CustomerListData } from '../types';

export default function Customers() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const qText = params.get('q') ?? '';
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const q = useQuery({
    queryKey: ['customers', qText, page],
    queryFn: () => api<CustomerListData>('/v1/customers', { query: { q: qText, ...page } }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <PageHeader title={t('customers.title')} extra={
        <Input.Search allowClear defaultValue={qText} placeholder={t('customers.search')} style={{ width: 320 }} data-testid="customer-search"
          onSearch={(v) => { setParams(v ? { q: v } : {}); setPage((p) => ({ ...p, page: 1 })); }} />
      } />
      <Card size="small">
        <Table size="small" rowKey="id" loading={q.isFetching} dataSource={q.data?.items ?? []}
          pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, showTotal: (n) => t('common.total', { n: f.int(n) }),
            onChange: (p, s) => setPage({ page: s !== page.pageSize ? 1 : p, pageSize: s }) }}
          columns={[
            { title: 'ID', dataIndex: 'id', width: 90 },
            { title: t('common.name'), dataIndex: 'name', render: (n: string | null, r: CustomerListData['items'][number]) => <Link to={`/customers/${r.id}`}>{n ?? `#${r.id}`}</Link> },
            { title: t('customer.gender'), dataIndex: 'gender', render: (g: string | null) => f.label('gender', g ?? 'unknown') },
            { title: t('common.city'), dataIndex: 'city' },
            { title: t('common.channel'), dataIndex: 'acquisitionChannel', render: (c: string | null) => f.label('channel', c ?? 'unknown') },
            { title: t('customers.signup'), dataIndex: 'signupAt', render: (d: string | null) => f.date(d) },
          ]} />
      </Card>
    </div>
  );
}
