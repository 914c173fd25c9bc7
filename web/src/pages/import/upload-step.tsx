// Step 2: drag-and-drop upload with progress; the answer carries the columns and the automatic mapping.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useMe } from '../../auth';
import type { UploadPreview } from '../../../../src/services/import/jobs/preview-file';
import { uploadFile } from './upload-file';

export function UploadStep({ entity, onUploaded, onBack }: { entity: string; onUploaded: (p: UploadPreview) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [sending, setSending] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (file: File) => {
    setError(null);
    setSending({ name: file.name, percent: 0 });
    try {
      const preview = await uploadFile(file, { entity, csrfToken: me.data?.csrfToken, onProgress: (percent) => setSending({ name: file.name, percent }) });
      onUploaded(preview);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSending(null);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Upload.Dragger
        multiple={false} showUploadList={false} disabled={sending !== null} accept=".csv,.tsv,.txt,.jsonl,.ndjson,.json,.parquet"
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
        data-testid="import-dropzone"
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.dropHint')}</p>
      </Upload.Dragger>
      {sending ? (
        <div data-testid="upload-progress">
          {t('import.uploading', { name: sending.name })}
          <Progress percent={sending.percent} status="active" />
        </div>
      ) : null}
      {error ? <Alert type="error" showIcon message={t('import.uploadFailed')} description={error} data-testid="upload-error" /> : null}
      <Button onClick={onBack} disabled={sending !== null}>{t('import.back')}</Button>
    </Space>
  );
}
