// KPI targets on the overview: each target beside its actual with the progress toward it (green
// when met, red when not), and for holders of settings:write a dialog to change them.
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Card, Col, Form, InputNumber, Modal, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { business, useFormat, type Formatters } from '../format';
import type { OverviewData } from '../types';
import { KPI_KEYS, kpiActuals, kpiProgress, type KpiKey, type KpiTargets } from '../../../src/services/settings/kpi-target-rules';
import { errorText, showFieldError, usePermissions } from './settings/shared';
import type { KpiTargetsData } from './settings/types';

export const KPI_TARGETS_KEY = ['kpi-targets'] as const;

function show(f: Formatters, key: KpiKey, v: number | null): string {
  switch (key) {
    case 'repurchaseRate': return f.pct(v);
    case 'nps': return f.num(v, 1);
    case 'predictedClvPerBuyer': return f.money(v);
    case 'activeCustomers': return f.int(v);
  }
}

export function KpiTargetsCard({ overview }: { overview: OverviewData }) {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = usePermissions().includes('settings:write');
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: KPI_TARGETS_KEY, queryFn: () => api<KpiTargetsData>('/v1/settings/kpi-targets') });
  const actuals = kpiActuals(overview);
  const targets = q.data?.targets;
  const none = targets !== undefined && KPI_KEYS.every((k) => targets[k] === null);
  return (
    <Card size="small" title={t('kpi.title')} style={{ marginTop: 16 }} data-testid="kpi-targets" loading={q.isPending}
      extra={canEdit ? <Button size="small" icon={<EditOutlined />} data-testid="kpi-edit" disabled={!targets} onClick={() => setEditing(true)}>{t('kpi.edit')}</Button> : null}>
      {q.error ? <Typography.Text type="danger">{errorText(q.error)}</Typography.Text> : none ? (
        <Typography.Text type="secondary" data-testid="kpi-none">{t(canEdit ? 'kpi.noneAdmin' : 'kpi.none')}</Typography.Text>
      ) : (
        <Row gutter={[16, 16]}>
          {KPI_KEYS.map((key) => {
            const target = targets?.[key] ?? null;
            const p = kpiProgress(key, actuals[key], target);
            return (
              <Col key={key} xs={12} lg={6}>
                <div data-testid={`kpi-target-${key}`} data-actual={actuals[key] ?? ''} data-target={target ?? ''} data-met={p ? String(p.met) : ''}>
                  <Statistic title={t(`kpi.${key}`)} value={show(f, key, actuals[key])} formatter={(v) => v}
                    valueStyle={{ fontSize: 20, color: p ? (p.met ? '#389e0d' : '#cf1322') : undefined }} />
                  {target === null ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('kpi.noTarget')}</Typography.Text> : (
                    <>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`kpi-target-value-${key}`}>{t('kpi.target', { v: show(f, key, target) })}</Typography.Text>
                      {p ? (
                        <>
                          {' '}<Tag color={p.met ? 'success' : 'error'} style={{ marginInlineStart: 4 }}>{t(p.met ? 'kpi.met' : 'kpi.missed')}</Tag>
                          <Progress percent={Math.round(p.progress * 100)} size="small" status={p.met ? 'success' : 'exception'} strokeColor={p.met ? '#52c41a' : '#ff4d4f'} />
                        </>
                      ) : null}
                    </>
                  )}
                </div>
              </Col>
            );
          })}
        </Row>
      )}
      {editing && targets ? <EditTargets targets={targets} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

type FormValues = Record<KpiKey, number | null>;

/** The form shows the repurchase rate in percent; the API keeps it as a share (0-1). */
function EditTargets({ targets, onClose }: { targets: KpiTargets; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const save = useMutation({
    mutationFn: (body: KpiTargets) => api<KpiTargetsData>('/v1/settings/kpi-targets', { method: 'PUT', body }),
    onSuccess: (saved) => {
      qc.setQueryData(KPI_TARGETS_KEY, saved);
      void message.success(t('kpi.saved'));
      onClose();
    },
    onError: (err) => {
      if (!showFieldError(form, err, KPI_KEYS)) void message.error(errorText(err));
    },
  });
  const submit = (v: FormValues) => save.mutate({
    repurchaseRate: v.repurchaseRate === null || v.repurchaseRate === undefined ? null : Number((v.repurchaseRate / 100).toFixed(6)),
    nps: v.nps ?? null,
    predictedClvPerBuyer: v.predictedClvPerBuyer ?? null,
    activeCustomers: v.activeCustomers ?? null,
  });
  const initial: FormValues = { ...targets, repurchaseRate: targets.repurchaseRate === null ? null : Number((targets.repurchaseRate * 100).toFixed(4)) };
  const input = (key: KpiKey, props: { min: number; max?: number; precision?: number; suffix?: string }) => (
    <Form.Item name={key} label={t(`kpi.${key}`)} extra={t(`kpi.hint.${key}`)}>
      <InputNumber<number> style={{ width: '100%' }} data-testid={`kpi-input-${key}`} placeholder={t('kpi.noTarget')} {...props} />
    </Form.Item>
  );
  return (
    <Modal open title={t('kpi.editTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}
      okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'kpi-edit-ok' } as ButtonProps}>
      <Typography.Paragraph type="secondary">{t('kpi.editHint')}</Typography.Paragraph>
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        {input('repurchaseRate', { min: 0, max: 100, suffix: '%' })}
        {input('nps', { min: -100, max: 100, precision: 1 })}
        {input('predictedClvPerBuyer', { min: 0, precision: 2, suffix: business.currency })}
        {input('activeCustomers', { min: 0, precision: 0 })}
      </Form>
    </Modal>
  );
}
