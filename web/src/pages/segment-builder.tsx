// The segment builder: nested AND / OR groups of conditions from the rule language, fields
// offered by type with their operators and value pickers, a live count while editing
// (POST /v1/segments/count), and save: POST /v1/segments for a new segment, PATCH for an
// existing dynamic one (/segments/:id/edit).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Input, InputNumber, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { PageHeader, QueryState } from '../components/page';
import { useFormat, type Formatters } from '../format';
import {
  COND_TYPES, defaultValue, fieldDef, fromRule, newCondition, newGroup, operatorsFor, toRule, updateNode,
  type Cond, type CondType, type Group, type Node, type Scalar, type Value,
} from '../rule-model';
import type { SegmentInfo, TagInfo } from '../types';
import { useSegment } from './segments/data';
import { ATTRIBUTE_FIELDS, SCORE_FIELDS, type FieldDef } from '../../../src/core/segments/fields';

const OP_LABELS: Record<string, [string, string]> = {
  equals: ['equals', '等于'], not_equals: ['does not equal', '不等于'], in: ['is one of', '属于'], not_in: ['is none of', '不属于'],
  contains: ['contains', '包含'], not_contains: ['does not contain', '不包含'], starts_with: ['starts with', '开头是'],
  between: ['between', '介于'], gt: ['>', '大于'], gte: ['≥', '大于等于'], lt: ['<', '小于'], lte: ['≤', '小于等于'],
  is_set: ['is set', '有值'], is_not_set: ['is not set', '无值'],
  more_than_days_ago: ['more than N days ago', '早于N天前'], within_last_days: ['within the last N days', '最近N天内'],
  annual_within_next_days: ['(yearly) within the next N days', '（每年）未来N天内'], annual_within_last_days: ['(yearly) within the last N days', '（每年）过去N天内'],
};
const DAY_OPS = ['more_than_days_ago', 'within_last_days', 'annual_within_next_days', 'annual_within_last_days'];

interface Ctx {
  f: Formatters;
  tags: TagInfo[];
  segments: SegmentInfo[];
  update: (key: string, fn: (n: Node) => Node | null) => void;
}

export default function SegmentBuilder() {
  const { id } = useParams();
  const loc = useLocation();
  const seg = useSegment(id);
  if (!id) return <BuilderForm preset={(loc.state as { rule?: unknown } | null)?.rule} />;
  return (
    <QueryState error={seg.error} pending={seg.isPending} retry={() => void seg.refetch()}>
      {() => (seg.data ? <EditSegment segment={seg.data} /> : null)}
    </QueryState>
  );
}

function EditSegment({ segment }: { segment: SegmentInfo }) {
  const { t } = useTranslation();
  if (segment.kind !== 'dynamic' || !segment.rule) {
    return <Alert type="info" showIcon message={t('segment.static')} action={<Link to={`/segments/${segment.id}`}>{segment.name}</Link>} />;
  }
  return <BuilderForm key={segment.id} editing={segment} preset={segment.rule} />;
}

/** Creates a segment, or with `editing` changes that one (PATCH: name, description, rule). */
function BuilderForm({ preset, editing }: { preset?: unknown; editing?: SegmentInfo }) {
  const { t } = useTranslation();
  const f = useFormat();
  const nav = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [root, setRoot] = useState<Group>(() => (preset ? fromRule(preset) : newGroup('and', [newCondition('score')])));
  const [name, setName] = useState(editing?.name ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const tags = useQuery({ queryKey: ['tags'], queryFn: () => api<TagInfo[]>('/v1/tags'), staleTime: 5 * 60_000 });
  const segments = useQuery({ queryKey: ['segments'], queryFn: () => api<SegmentInfo[]>('/v1/segments') });

  const rule = useMemo(() => toRule(root), [root]);
  const ruleText = JSON.stringify(rule);
  const [debounced, setDebounced] = useState(ruleText);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(ruleText), 350);
    return () => clearTimeout(h);
  }, [ruleText]);
  const count = useQuery({
    queryKey: ['segments', 'count', debounced],
    queryFn: ({ signal }) => api<{ count: number; sample: number[] }>('/v1/segments/count', { method: 'POST', body: { rule: JSON.parse(debounced) as unknown, sample: 5 }, signal }),
    enabled: debounced !== 'null',
    retry: false,
    staleTime: 60_000,
  });
  const explain = useQuery({
    queryKey: ['segments', 'explain', debounced],
    queryFn: () => api<{ zh: string; en: string }>('/v1/segments/explain', { method: 'POST', body: { rule: JSON.parse(debounced) as unknown } }),
    enabled: debounced !== 'null' && !count.isError,
    retry: false,
    staleTime: 60_000,
  });
  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), description: description.trim() || null, rule };
      return editing
        ? api<SegmentInfo>(`/v1/segments/${editing.id}`, { method: 'PATCH', body })
        : api<SegmentInfo>('/v1/segments', { method: 'POST', body: { kind: 'dynamic', ...body, description: body.description ?? undefined } });
    },
    onSuccess: (seg) => {
      void message.success(t(editing ? 'segment.updated' : 'builder.saved', { name: seg.name }));
      void qc.invalidateQueries({ queryKey: ['segments'] });
      void nav(`/segments/${seg.id}`);
    },
    onError: (err) => void message.error(err instanceof ApiError ? err.message : String(err)),
  });

  const ctx: Ctx = {
    f, tags: tags.data ?? [], segments: segments.data ?? [],
    update: (key, fn) => setRoot((r) => updateNode(r, key, fn)),
  };
  const settled = debounced === ruleText && !count.isFetching;
  return (
    <div>
      <PageHeader title={editing ? `${t('segment.editTitle')}: ${editing.name}` : t('builder.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" data-testid="builder">
            <GroupEditor group={root} ctx={ctx} depth={0} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('builder.liveCount')}>
            {rule === null ? <Alert type="warning" showIcon message={t('builder.invalid')} /> : count.isError ? (
              <Alert type="error" showIcon message={count.error instanceof Error ? count.error.message : String(count.error)} data-testid="count-error" />
            ) : (
              <Statistic value={count.data ? f.int(count.data.count) : '…'} loading={count.isPending} valueStyle={{ fontSize: 36 }}
                suffix={!settled ? <Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('builder.counting')}</Typography.Text> : null} />
            )}
            <div data-testid="live-count" data-value={settled && count.data ? count.data.count : ''} data-rule={settled ? ruleText : ''} style={{ display: 'none' }} />
            {count.data && count.data.sample.length > 0 ? (
              <div style={{ marginTop: 8 }}>
                <Typography.Text type="secondary">{t('builder.sample')}: </Typography.Text>
                {count.data.sample.map((id) => <Tag key={id} style={{ cursor: 'pointer' }} onClick={() => void nav(`/customers/${id}`)}>#{id}</Tag>)}
              </div>
            ) : null}
            {explain.data ? (
              <div style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">{t('builder.reading')}: </Typography.Text>
                <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="rule-reading">{f.zh ? explain.data.zh : explain.data.en}</Typography.Paragraph>
              </div>
            ) : null}
          </Card>
          <Card size="small" style={{ marginTop: 16 }}>
            <Space.Compact style={{ width: '100%' }}>
              <Input placeholder={t('builder.name')} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} data-testid="segment-name" />
              <Button type="primary" disabled={!name.trim() || rule === null} loading={save.isPending} onClick={() => save.mutate()} data-testid="segment-save">{t('common.save')}</Button>
            </Space.Compact>
            <Input.TextArea style={{ marginTop: 8 }} rows={2} maxLength={2000} placeholder={t('segment.descriptionPlaceholder')} value={description}
              onChange={(e) => setDescription(e.target.value)} data-testid="segment-description" />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              <code style={{ wordBreak: 'break-all' }}>{ruleText}</code>
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function GroupEditor({ group, ctx, depth }: { group: Group; ctx: Ctx; depth: number }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState<CondType>('score');
  const border = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1'][depth % 4];
  return (
    <div style={{ borderLeft: `3px solid ${border}`, paddingLeft: 12, marginTop: depth ? 8 : 0 }} data-testid={`group-${depth}`}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select<'and' | 'or'> size="small" value={group.op} style={{ width: 150 }} data-testid="group-op"
          onChange={(op) => ctx.update(group.key, (n) => ({ ...(n as Group), op }))}
          options={[{ value: 'and', label: t('builder.and') }, { value: 'or', label: t('builder.or') }]} />
        <Checkbox checked={group.not} onChange={(e) => ctx.update(group.key, (n) => ({ ...(n as Group), not: e.target.checked }))}>{t('builder.not')}</Checkbox>
        {depth > 0 ? <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => ctx.update(group.key, () => null)}>{t('builder.remove')}</Button> : null}
      </Space>
      {group.children.map((c) => (
        <div key={c.key} style={{ marginBottom: 6 }}>
          {c.kind === 'group' ? <GroupEditor group={c} ctx={ctx} depth={depth + 1} /> : c.kind === 'raw' ? (
            <Space><Typography.Text code>{JSON.stringify(c.rule)}</Typography.Text><Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => ctx.update(c.key, () => null)} /></Space>
          ) : <ConditionEditor cond={c} ctx={ctx} />}
        </div>
      ))}
      <Space wrap style={{ marginTop: 4 }}>
        <Select<CondType> size="small" value={adding} onChange={setAdding} style={{ width: 130 }} data-testid="add-type"
          options={COND_TYPES.map((k) => ({ value: k, label: t(`builder.kind.${k}`) }))} />
        <Button size="small" icon={<PlusOutlined />} data-testid="add-condition"
          onClick={() => ctx.update(group.key, (n) => ({ ...(n as Group), children: [...(n as Group).children, newCondition(adding)] }))}>{t('builder.addCondition')}</Button>
        <Button size="small" icon={<PlusOutlined />} data-testid="add-group"
          onClick={() => ctx.update(group.key, (n) => ({ ...(n as Group), children: [...(n as Group).children, newGroup(group.op === 'and' ? 'or' : 'and', [newCondition('score')])] }))}>{t('builder.addGroup')}</Button>
      </Space>
    </div>
  );
}

function fieldOptions(type: 'attribute' | 'score', f: Formatters) {
  const table: Record<string, FieldDef> = type === 'attribute' ? ATTRIBUTE_FIELDS : SCORE_FIELDS;
  return Object.entries(table).map(([k, d]) => ({ value: k, label: f.zh ? d.label.zh : d.label.en }));
}

function ConditionEditor({ cond, ctx }: { cond: Cond; ctx: Ctx }) {
  const { t } = useTranslation();
  const { f } = ctx;
  const set = (patch: Partial<Cond>) => ctx.update(cond.key, (n) => ({ ...(n as Cond), ...patch }));
  const opLabel = (o: string) => OP_LABELS[o]?.[f.zh ? 1 : 0] ?? o;
  const countOps = [{ value: 'at_least', label: t('builder.at_least') }, { value: 'at_most', label: t('builder.at_most') }];
  const windowPicker = (
    <Space.Compact size="small">
      <InputNumber size="small" min={0} max={36500} style={{ width: 110 }} value={cond.windowDays ?? 0} addonBefore={t('builder.window')}
        onChange={(v) => set({ windowDays: v ?? 0 })} />
      <Button size="small" disabled>{cond.windowDays ? t('builder.days') : t('builder.allTime')}</Button>
    </Space.Compact>
  );
  let body: ReactNode;
  switch (cond.type) {
    case 'attribute':
    case 'score': {
      const def = fieldDef(cond.type, cond.field);
      const ops = def ? operatorsFor(def.type) : [];
      body = (
        <>
          <Select size="small" showSearch optionFilterProp="label" style={{ width: 200 }} value={cond.field} data-testid="cond-field" options={fieldOptions(cond.type, f)}
            onChange={(field) => {
              const d = fieldDef(cond.type, field);
              const op = d ? (operatorsFor(d.type).includes(cond.op as never) ? cond.op : operatorsFor(d.type)[0]) : undefined;
              set({ field, op, value: defaultValue(d, op ?? '') });
            }} />
          <Select size="small" style={{ width: 170 }} value={cond.op} data-testid="cond-op" options={ops.map((o) => ({ value: o, label: opLabel(o) }))}
            onChange={(op) => set({ op, value: defaultValue(def, op) })} />
          {def && cond.op ? <ValuePicker def={def} op={cond.op} value={cond.value} onChange={(value) => set({ value })} f={f} /> : null}
        </>
      );
      break;
    }
    case 'purchase':
      body = (
        <>
          <Select size="small" style={{ width: 110 }} value={cond.productBy} onChange={(productBy) => set({ productBy })}
            options={(['any', 'category', 'brand', 'sku'] as const).map((b) => ({ value: b, label: t(`builder.product.${b}`) }))} />
          {cond.productBy !== 'any' ? <Input size="small" style={{ width: 150 }} value={cond.product} placeholder={cond.productBy === 'category' ? '美妆/口红' : ''} onChange={(e) => set({ product: e.target.value })} /> : null}
          <Select size="small" style={{ width: 100 }} value={cond.metric} onChange={(metric) => set({ metric })}
            options={(['orders', 'spend'] as const).map((m) => ({ value: m, label: t(`builder.metric.${m}`) }))} />
          <Select size="small" style={{ width: 80 }} value={cond.op} onChange={(op) => set({ op })} options={countOps} />
          <InputNumber size="small" min={0} value={typeof cond.value === 'number' ? cond.value : null} onChange={(v) => set({ value: v ?? undefined })} />
          {windowPicker}
        </>
      );
      break;
    case 'tag':
      body = (
        <>
          <Select size="small" style={{ width: 110 }} value={cond.op} onChange={(op) => set({ op })} options={[{ value: 'has', label: t('builder.has') }, { value: 'has_not', label: t('builder.has_not') }]} />
          <Select size="small" showSearch optionFilterProp="label" style={{ width: 220 }} value={cond.tagId} onChange={(tagId) => set({ tagId })}
            options={ctx.tags.map((x) => ({ value: x.id, label: `${x.name} (${f.int(x.customers)})` }))} />
        </>
      );
      break;
    case 'event':
      body = (
        <>
          <Input size="small" style={{ width: 150 }} placeholder={t('builder.eventName')} value={cond.name} onChange={(e) => set({ name: e.target.value })} />
          <Select size="small" style={{ width: 80 }} value={cond.op} onChange={(op) => set({ op })} options={countOps} />
          <InputNumber size="small" min={0} precision={0} value={typeof cond.value === 'number' ? cond.value : null} onChange={(v) => set({ value: v ?? undefined })} />
          {windowPicker}
        </>
      );
      break;
    case 'nps':
      body = (
        <>
          <Select size="small" style={{ width: 130 }} value={cond.band} onChange={(band) => set({ band })}
            options={[{ value: 'promoter', label: f.zh ? '推荐者' : 'promoter' }, { value: 'passive', label: f.zh ? '中立者' : 'passive' }, { value: 'detractor', label: f.zh ? '贬损者' : 'detractor' }]} />
          {windowPicker}
        </>
      );
      break;
    case 'complaints':
      body = (
        <>
          <Select size="small" style={{ width: 80 }} value={cond.op} onChange={(op) => set({ op })} options={countOps} />
          <InputNumber size="small" min={0} precision={0} value={typeof cond.value === 'number' ? cond.value : null} onChange={(v) => set({ value: v ?? undefined })} />
          {windowPicker}
        </>
      );
      break;
    case 'segment':
      body = (
        <>
          <Select size="small" style={{ width: 110 }} value={cond.op} onChange={(op) => set({ op })} options={[{ value: 'in', label: t('builder.in') }, { value: 'not_in', label: t('builder.not_in') }]} />
          <Select size="small" showSearch optionFilterProp="label" style={{ width: 220 }} value={cond.segmentId} onChange={(segmentId) => set({ segmentId })}
            options={ctx.segments.map((s) => ({ value: s.id, label: `${s.name} (${f.int(s.memberCount)})` }))} />
        </>
      );
      break;
  }
  return (
    <Space wrap size={6} data-testid="condition" style={{ background: '#fafafa', padding: '6px 8px', borderRadius: 6, width: '100%' }}>
      <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t(`builder.kind.${cond.type}`)}</Tag>
      {body}
      <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => ctx.update(cond.key, () => null)} data-testid="remove-condition" />
    </Space>
  );
}

function ValuePicker({ def, op, value, onChange, f }: { def: FieldDef; op: string; value: Value; onChange: (v: Value) => void; f: Formatters }) {
  const { t } = useTranslation();
  if (op === 'is_set' || op === 'is_not_set') return null;
  if (DAY_OPS.includes(op)) {
    return <InputNumber size="small" min={0} precision={0} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? undefined)} addonAfter={t('builder.days')} style={{ width: 130 }} data-testid="cond-value" />;
  }
  const isNum = def.type === 'integer' || def.type === 'number' || def.type === 'money';
  const isDate = def.type === 'date' || def.type === 'timestamp';
  const enumOptions = def.values?.map((v) => ({ value: v.value, label: f.zh ? v.label.zh : v.label.en }));
  if (op === 'in' || op === 'not_in') {
    return (
      <Select size="small" mode={def.type === 'enum' ? 'multiple' : 'tags'} style={{ minWidth: 220 }} value={Array.isArray(value) ? value.map(String) : []} options={enumOptions} data-testid="cond-value"
        onChange={(vs: string[]) => onChange(isNum ? vs.map(Number).filter((n) => Number.isFinite(n)) : vs)} />
    );
  }
  if (op === 'between') {
    const [lo, hi] = Array.isArray(value) ? value : [undefined, undefined];
    if (isDate) {
      return (
        <Space.Compact size="small">
          <Input size="small" type="date" value={String(lo ?? '')} onChange={(e) => onChange([e.target.value, String(hi ?? '')])} />
          <Input size="small" type="date" value={String(hi ?? '')} onChange={(e) => onChange([String(lo ?? ''), e.target.value])} />
        </Space.Compact>
      );
    }
    return (
      <Space.Compact size="small">
        <InputNumber size="small" value={typeof lo === 'number' ? lo : null} onChange={(v) => onChange([v ?? 0, (hi as Scalar) ?? 0])} />
        <InputNumber size="small" value={typeof hi === 'number' ? hi : null} onChange={(v) => onChange([(lo as Scalar) ?? 0, v ?? 0])} />
      </Space.Compact>
    );
  }
  if (def.type === 'enum') return <Select size="small" style={{ width: 160 }} value={value as string} options={enumOptions} onChange={(v) => onChange(v)} data-testid="cond-value" />;
  if (def.type === 'boolean') {
    return <Select size="small" style={{ width: 90 }} value={value as boolean} onChange={(v) => onChange(v)} options={[{ value: true, label: t('builder.yes') }, { value: false, label: t('builder.no') }]} data-testid="cond-value" />;
  }
  if (isNum) {
    return <InputNumber size="small" style={{ width: 130 }} precision={def.type === 'integer' ? 0 : undefined} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? undefined)} data-testid="cond-value" />;
  }
  if (isDate) return <Input size="small" type="date" style={{ width: 150 }} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} data-testid="cond-value" />;
  return <Input size="small" style={{ width: 160 }} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} data-testid="cond-value" />;
}
