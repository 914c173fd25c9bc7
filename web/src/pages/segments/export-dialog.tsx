// The export dialog: CSV or XLSX and which columns, then a plain download link to the streaming
// export (GET, so the session cookie is enough and the browser writes the file as it arrives).
import { Alert, Button, Checkbox, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import type { SegmentInfo } from '../../types';
import {
  DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMN_LABELS, EXPORT_COLUMN_NAMES, EXPORT_FORMATS, type ExportColumn, type ExportFormat, type ExportLabels,
} from '../../../../src/services/segments/export-columns';
import { exportUrl } from './data';

export function ExportDialog({ segment, open, onClose }: { segment: SegmentInfo; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [columns, setColumns] = useState<ExportColumn[]>([...DEFAULT_EXPORT_COLUMNS]);
  // people reading the console in Chinese usually want Chinese headers and names in the file
  const [labels, setLabels] = useState<ExportLabels>(f.zh ? 'zh' : 'codes');
  // keep the whitelist's order whatever order the boxes were ticked in
  const chosen = EXPORT_COLUMN_NAMES.filter((c) => columns.includes(c));
  return (
    <Modal open={open} onCancel={onClose} title={t('segment.exportTitle', { name: segment.name })} width={640} destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="download" type="primary" href={chosen.length ? exportUrl(segment.id, format, chosen, labels) : undefined} download
          disabled={chosen.length === 0} onClick={onClose} data-testid="export-download">{t('segment.download')}</Button>,
      ]}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>{t('segment.format')}: </Typography.Text>
          <Radio.Group value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} data-testid="export-format"
            options={EXPORT_FORMATS.map((x) => ({ value: x, label: x.toUpperCase() }))} optionType="button" />
        </div>
        <div>
          <Typography.Text strong>{t('segment.labels')}: </Typography.Text>
          <Radio.Group value={labels} onChange={(e) => setLabels(e.target.value as ExportLabels)} data-testid="export-labels" optionType="button"
            options={[{ value: 'zh', label: t('segment.labels.zh') }, { value: 'codes', label: t('segment.labels.codes') }]} />
        </div>
        <div>
          <Space style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('segment.columns')}</Typography.Text>
            <Button size="small" type="link" onClick={() => setColumns([...EXPORT_COLUMN_NAMES])}>{t('segment.columnsAll')}</Button>
            <Button size="small" type="link" onClick={() => setColumns([...DEFAULT_EXPORT_COLUMNS])}>{t('segment.columnsDefault')}</Button>
          </Space>
          <Checkbox.Group value={columns} onChange={(v) => setColumns(v as ExportColumn[])} data-testid="export-columns"
            style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', rowGap: 6 }}
            options={EXPORT_COLUMN_NAMES.map((c) => ({ value: c, label: <span data-testid={`export-column-${c}`}>{f.zh ? EXPORT_COLUMN_LABELS[c].zh : EXPORT_COLUMN_LABELS[c].en}</span> }))} />
        </div>
        {chosen.length === 0
          ? <Alert type="warning" showIcon message={t('segment.columnsNone')} />
          : <Typography.Text type="secondary">{t('segment.exportHint', { n: f.int(segment.memberCount) })}</Typography.Text>}
      </Space>
    </Modal>
  );
}
