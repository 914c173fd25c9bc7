// One segment: its rule read aloud, member count and recent entries/exits, a member preview,
// and the actions the operator may take (refresh, export, edit, delete).
import { DeleteOutlined, DownloadOutlined, EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Popconfirm, Row, Space, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { Kpi, PageHeader, QueryState } from '../components/page';
import { useFormat } from '../format';
import { ExportDialog } from './segments/export-dialog';
import { HISTORY_DAYS, useDeleteSegment, useSegment, useSegmentPermissions, type RefreshData, type SegmentHistoryData } from './segments/data';
import { MemberPreview } from './segments/member-preview';
import { MembershipHistoryChart } from './segments/membership-history';
import { SegmentOverlapCard } from './segments/segment-overlap';

export default function SegmentDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const nav = useNavigate();
  const { id } = useParams();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const can = useSegmentPermissions();
  const [exporting, setExporting] = useState(false);
  const seg = useSegment(id);
  const history = useQuery({
    queryKey: ['segments', 'history', id, HISTORY_DAYS],
    queryFn: () => api<SegmentHistoryData>(`/v1/segments/${id ?? ''}/history`, { query: { days: HISTORY_DAYS } }),
    enabled: Boolean(id),
  });
  const refresh = useMutation({
    mutationFn: () => api<RefreshData>(`/v1/segments/${id ?? ''}/refresh`, { method: 'POST', body: {} }),
    onSuccess: (r) => {
      void message.success(t('segment.refreshDone', { members: f.int(r.members), entered: f.int(r.entered), exited: f.int(r.exited) }));
      void qc.invalidateQueries({ queryKey: ['segments'] });
    },
    onError: (err) => void message.error(err instanceof ApiError ? err.message : String(err)),
  });
  const remove = useDeleteSegment(() => void nav('/segments'));

  return (
    <QueryState error={seg.error} pending={seg.isPending} retry={() => void seg.refetch()}>
      {() => {
        const s = seg.data;
        if (!s) return null;
        const dynamic = s.kind === 'dynamic';
        return (
          <div data-testid="segment-detail" data-segment-id={s.id}>
            <PageHeader
              title={<span data-testid="segment-name">{s.name}</span>}
              sub={<Space><Tag color={dynamic ? 'blue' : 'default'} data-testid="segment-kind">{t(`segments.kind.${s.kind}`)}</Tag>{s.description ?? t('segment.noDescription')}</Space>}
              extra={<>
                {dynamic && can.write ? <Button icon={<ReloadOutlined />} loading={refresh.isPending} onClick={() => refresh.mutate()} data-testid="segment-refresh">{t('segment.refresh')}</Button> : null}
                {can.exportable ? <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="segment-export">{t('segment.export')}</Button> : null}
                {dynamic && can.write ? <Button icon={<EditOutlined />} onClick={() => void nav(`/segments/${s.id}/edit`)} data-testid="segment-edit">{t('segment.edit')}</Button> : null}
                {can.write ? (
                  <Popconfirm title={t('segment.deleteConfirm', { name: s.name })} okButtonProps={{ danger: true, 'data-testid': 'segment-delete-ok' } as ButtonProps}
                    onConfirm={() => remove.mutate(s)}>
                    <Button danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid="segment-delete">{t('segment.delete')}</Button>
                  </Popconfirm>
                ) : null}
              </>} />
            <Row gutter={[16, 16]}>
              <Col xs={12} lg={6}><Kpi id="segment-members" title={t('segment.members')} value={f.int(s.memberCount)} raw={s.memberCount} /></Col>
              <Col xs={12} lg={6}><Kpi id="segment-entered" title={t('segment.entered', { n: HISTORY_DAYS })} value={history.data ? f.int(history.data.entered) : '…'} raw={history.data?.entered} color="#389e0d" /></Col>
              <Col xs={12} lg={6}><Kpi id="segment-exited" title={t('segment.exited', { n: HISTORY_DAYS })} value={history.data ? f.int(history.data.exited) : '…'} raw={history.data?.exited} color="#cf1322" /></Col>
              <Col xs={12} lg={6}><Kpi id="segment-refreshed" title={t('segment.refreshedAt')} value={f.dateTime(s.refreshedAt)} raw={null} /></Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('segment.reading')} style={{ height: '100%' }}>
                  {s.reading ? (
                    <>
                      <Typography.Paragraph data-testid="segment-reading" style={{ fontSize: 15 }}>{f.zh ? s.reading.zh : s.reading.en}</Typography.Paragraph>
                      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>{f.zh ? s.reading.en : s.reading.zh}</Typography.Paragraph>
                    </>
                  ) : <Typography.Text type="secondary" data-testid="segment-reading">{t('segment.static')}</Typography.Text>}
                </Card>
              </Col>
              <Col xs={24} lg={12}>{history.data ? <MembershipHistoryChart history={history.data} /> : null}</Col>
              <Col span={24}><MemberPreview segmentId={s.id} /></Col>
              <Col span={24}><SegmentOverlapCard segment={s} /></Col>
            </Row>
            {can.exportable ? <ExportDialog segment={s} open={exporting} onClose={() => setExporting(false)} /> : null}
          </div>
        );
      }}
    </QueryState>
  );
}
