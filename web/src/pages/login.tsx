import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { ME_KEY, signIn, useMe } from '../auth';
import { saveLang, type Lang } from '../i18n';

interface Demo {
  enabled: boolean;
  email?: string;
  password?: string;
}

export default function Login() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ email: string; password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [params] = useSearchParams();
  const nav = useNavigate();
  const qc = useQueryClient();
  const me = useMe();
  const demo = useQuery({ queryKey: ['auth', 'demo'], queryFn: () => api<Demo>('/v1/auth/demo'), retry: false });
  const next = params.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/overview';
  if (me.data) return <Navigate to={target} replace />;

  const submit = async (v: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const who = await signIn(v.email, v.password);
      qc.setQueryData(ME_KEY, who);
      void nav(target, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('login.failed') : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(135deg, #e6f4ff 0%, #f9f0ff 100%)' }}>
      <Card style={{ width: 400 }} data-testid="login-card">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>{t('login.title')}</Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
          <Segmented<Lang> size="small" value={i18n.language === 'en' ? 'en' : 'zh-CN'} options={[{ label: '中', value: 'zh-CN' }, { label: 'EN', value: 'en' }]} onChange={saveLang} />
        </div>
        {demo.data?.enabled ? (
          <Alert
            style={{ marginTop: 16 }} type="info" showIcon data-testid="demo-login"
            message={t('login.demo')}
            description={
              <div>
                <div>{t('login.email')}: <Typography.Text code copyable>{demo.data.email}</Typography.Text></div>
                <div>{t('login.password')}: <Typography.Text code copyable>{demo.data.password}</Typography.Text></div>
                <Button size="small" style={{ marginTop: 8 }} data-testid="use-demo"
                  onClick={() => form.setFieldsValue({ email: demo.data.email ?? '', password: demo.data.password ?? '' })}>
                  {t('login.useDemo')}
                </Button>
              </div>
            }
          />
        ) : null}
        <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={submit} requiredMark={false}>
          <Form.Item name="email" label={t('login.email')} rules={[{ required: true }]}>
            <Input autoComplete="username" data-testid="login-email" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">{t('login.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}
