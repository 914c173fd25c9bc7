// Step 1: which kind of data the file holds.
import { Alert, Button, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ENTITY_NAMES, type EntityName } from '../../../../src/core/import/entities';

export function EntityStep({ value, onChange, onNext }: { value: EntityName; onChange: (e: EntityName) => void; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Radio.Group value={value} onChange={(e) => onChange(e.target.value as EntityName)} data-testid="import-entity">
        <Space direction="vertical">
          {ENTITY_NAMES.map((name) => (
            <Radio key={name} value={name} data-testid={`import-entity-${name}`}>
              <Typography.Text strong>{t(`import.entity.${name}`)}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{t(`import.entity.${name}.hint`)}</Typography.Text>
            </Radio>
          ))}
        </Space>
      </Radio.Group>
      <Alert type="info" showIcon message={t('import.entity.order')} />
      <Button type="primary" onClick={onNext} data-testid="import-entity-next">{t('import.next')}</Button>
    </Space>
  );
}
