// Business locale, time zone and currency. After saving, the console formats money and dates
// with them: the formatter is updated at once and the layout's ['settings'] query refetched.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { QueryState } from '../../components/page';
import { setBusiness, useFormat } from '../../format';
import { errorText, showFieldError } from './shared';
import { SETTINGS_KEY, type Business as BusinessValues, type SettingsData } from './types';

const SAMPLE_AMOUNT = 12345.6;

export default function Business() {
  const { t } = useTranslation();
  const f = useFormat();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<BusinessValues>();
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api<SettingsData>('/v1/settings') });
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone').map((z) => ({ value: z, label: z })), []);
  const currencies = useMemo(() => Intl.supportedValuesOf('currency').map((c) => ({ value: c, label: c })), []);
  const save = useMutation({
    mutationFn: (v: BusinessValues) => api<BusinessValues>('/v1/settings/business', { method: 'PUT', body: v }),
    onSuccess: async (saved) => {
      setBusiness(saved);
      await qc.invalidateQueries({ queryKey: SETTINGS_KEY });
      void message.success(t('settings.saved'));
    },
    onError: (err) => {
      if (!showFieldError(form, err, ['locale', 'timezone', 'currency'])) void message.error(errorText(err));
    },
  });
  return (
    <QueryState error={settings.error} pending={settings.isPending} retry={() => void settings.refetch()}>
      {() => (
        <Card size="small" title={t('settings.business.title')} style={{ maxWidth: 720 }}>
          <Form form={form} layout="vertical" initialValues={(settings.data as SettingsData).business} onFinish={(v) => save.mutate(v)} data-testid="business-form">
            <Form.Item name="locale" label={t('settings.business.locale')} extra={t('settings.business.localeHint')}>
              <Select data-testid="business-locale" options={[{ value: 'zh-CN', label: '中文 (zh-CN)' }, { value: 'en', label: 'English (en)' }]} />
            </Form.Item>
            <Form.Item name="timezone" label={t('settings.business.timezone')} extra={t('settings.business.timezoneHint')}>
              <Select showSearch data-testid="business-timezone" options={zones} />
            </Form.Item>
            <Form.Item name="currency" label={t('settings.business.currency')} extra={t('settings.business.currencyHint')}>
              <Select showSearch data-testid="business-currency" options={currencies} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="business-save">{t('common.save')}</Button>
          </Form>
          <Alert type="info" style={{ marginTop: 16 }} message={t('settings.business.preview')} description={
            <Descriptions size="small" column={1} data-testid="business-preview">
              <Descriptions.Item label={t('settings.business.money')}>{f.money(SAMPLE_AMOUNT, 2)}</Descriptions.Item>
              <Descriptions.Item label={t('settings.business.now')}>{f.dateTime(new Date())}</Descriptions.Item>
            </Descriptions>
          } />
        </Card>
      )}
    </QueryState>
  );
}
