// Scoring rules: the value-tier thresholds and lifecycle-stage rules, checked field by field
// with the server's own schema before saving; they apply at the next scoring.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { QueryState } from '../../components/page';
import { DEFAULT_SCORING_RULES, scoringRulesSchema, type ScoringRules } from '../../../../src/core/lifecycle/scoring-rules';
import type { SegmentInfo } from '../../types';
import { errorText, issueText, showFieldError } from './shared';
import { SETTINGS_KEY, type SettingsData } from './types';

type Unit = 'days' | 'ratio' | 'orders' | 'multiple';
interface Field {
  readonly path: readonly string[];
  readonly unit: Unit;
}

const f = (unit: Unit, ...path: string[]): Field => ({ path, unit });
const GROUPS: ReadonlyArray<{ key: string; fields: readonly Field[] }> = [
  { key: 'highValue', fields: [f('days', 'tiers', 'highValue', 'withinDays'), f('ratio', 'tiers', 'highValue', 'minSpendRatio'), f('orders', 'tiers', 'highValue', 'minOrders')] },
  {
    key: 'potential', fields: [
      f('days', 'tiers', 'potential', 'withinDays'), f('ratio', 'tiers', 'potential', 'minSpendRatio'), f('ratio', 'tiers', 'potential', 'maxSpendRatio'),
      f('orders', 'tiers', 'potential', 'minOrders'), f('orders', 'tiers', 'potential', 'maxOrders'),
    ],
  },
  { key: 'dormant', fields: [f('days', 'tiers', 'dormant', 'inactiveDays'), f('ratio', 'tiers', 'dormant', 'maxSpendRatio'), f('orders', 'tiers', 'dormant', 'maxOrders')] },
  {
    key: 'lifecycle', fields: [
      f('days', 'lifecycle', 'newWithinDays'), f('days', 'lifecycle', 'dormantAfterDays'), f('days', 'lifecycle', 'churnedAfterDays'), f('days', 'lifecycle', 'wonBackWithinDays'),
      f('multiple', 'lifecycle', 'decliningIntervalMultiple'), f('days', 'lifecycle', 'decliningMinDays'), f('days', 'lifecycle', 'matureAfterDays'),
      f('orders', 'lifecycle', 'matureMinOrders365'),
    ],
  },
];
const CLV_FIELDS = ['clv.horizonMonths', 'clv.annualDiscountRate', 'clv.perSegment'];
const FIELD_NAMES = [...GROUPS.flatMap((g) => g.fields.map((x) => x.path.join('.'))), ...CLV_FIELDS];

type Editable = Pick<ScoringRules, 'tiers' | 'lifecycle' | 'clv'>;

function defaultOf(path: readonly string[]): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], DEFAULT_SCORING_RULES);
}

export default function Scoring() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  // untyped: errors are set by paths built at run time
  const [form] = Form.useForm();
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api<SettingsData>('/v1/settings') });
  const segments = useQuery({ queryKey: ['segments'], queryFn: () => api<SegmentInfo[]>('/v1/segments') });
  const save = useMutation({
    mutationFn: (rules: ScoringRules) => api<ScoringRules>('/v1/settings/scoring', { method: 'PUT', body: rules }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: SETTINGS_KEY });
      void message.success(t('settings.scoring.saved'));
    },
    onError: (err) => {
      if (!showFieldError(form, err, FIELD_NAMES, 'scoring.')) void message.error(errorText(err));
    },
  });

  const submit = (values: Editable) => {
    // the fields not on this form (bulk / impulse buyers) keep their stored values
    const stored = (settings.data as SettingsData).scoring;
    const perSegment = values.clv.perSegment ?? [];
    const clv = { horizonMonths: values.clv.horizonMonths, annualDiscountRate: values.clv.annualDiscountRate, ...(perSegment.length > 0 ? { perSegment } : {}) };
    const rules = { ...stored, tiers: values.tiers, lifecycle: values.lifecycle, clv };
    const parsed = scoringRulesSchema.safeParse(rules);
    form.setFields(FIELD_NAMES.map((n) => ({ name: n.split('.'), errors: [] })));
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: i.path.map(String), errors: [i.code === 'custom' ? t('settings.issue.churnedAfterDormant') : issueText(i, t)] })));
      return;
    }
    save.mutate(parsed.data);
  };

  return (
    <QueryState error={settings.error} pending={settings.isPending} retry={() => void settings.refetch()}>
      {() => (
        <Form form={form} layout="vertical" initialValues={(settings.data as SettingsData).scoring} onFinish={(v: Editable) => submit(v)} data-testid="scoring-form">
          <Alert type="info" showIcon message={t('settings.scoring.nextRun')} style={{ marginBottom: 16 }} />
          <Row gutter={[16, 16]}>
            {GROUPS.map((g) => (
              <Col key={g.key} xs={24} xl={12}>
                <Card size="small" title={t(`settings.scoring.group.${g.key}`)} style={{ height: '100%' }}>
                  <Row gutter={16}>
                    {g.fields.map((x) => {
                      const name = x.path.join('.');
                      return (
                        <Col key={name} xs={24} md={12}>
                          <Form.Item name={[...x.path]} label={t(`settings.scoring.f.${name}`)} extra={t('settings.scoring.default', { v: String(defaultOf(x.path)) })}>
                            <InputNumber<number> style={{ width: '100%' }} data-testid={`scoring-${name}`} suffix={t(`settings.scoring.unit.${x.unit}`)}
                              precision={x.unit === 'days' || x.unit === 'orders' ? 0 : undefined} step={x.unit === 'ratio' ? 0.1 : 1} />
                          </Form.Item>
                        </Col>
                      );
                    })}
                  </Row>
                </Card>
              </Col>
            ))}
            <Col xs={24} xl={12}>
              <Card size="small" title={t('settings.scoring.group.clv')} style={{ height: '100%' }}>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item name={['clv', 'horizonMonths']} label={t('settings.scoring.f.clv.horizonMonths')} extra={t('settings.scoring.default', { v: String(DEFAULT_SCORING_RULES.clv.horizonMonths) })}>
                      <InputNumber<number> style={{ width: '100%' }} precision={0} data-testid="scoring-clv.horizonMonths" suffix={t('settings.scoring.unit.months')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={['clv', 'annualDiscountRate']} label={t('settings.scoring.f.clv.annualDiscountRate')} extra={t('settings.scoring.default', { v: String(DEFAULT_SCORING_RULES.clv.annualDiscountRate) })}>
                      <InputNumber<number> style={{ width: '100%' }} step={0.01} data-testid="scoring-clv.annualDiscountRate" />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item name={['clv', 'perSegment']} label={t('settings.scoring.f.clv.perSegment')} extra={t('settings.scoring.perSegmentHint')}>
                      <Select mode="multiple" allowClear data-testid="scoring-clv.perSegment" loading={segments.isPending} optionFilterProp="label"
                        options={(segments.data ?? []).map((x) => ({ value: x.name, label: x.name }))} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            </Col>
          </Row>
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="scoring-save">{t('common.save')}</Button>
            <Button data-testid="scoring-defaults" onClick={() => form.setFieldsValue({ tiers: DEFAULT_SCORING_RULES.tiers, lifecycle: DEFAULT_SCORING_RULES.lifecycle, clv: { ...DEFAULT_SCORING_RULES.clv, perSegment: [] } })}>
              {t('settings.scoring.defaults')}
            </Button>
          </Space>
        </Form>
      )}
    </QueryState>
  );
}
