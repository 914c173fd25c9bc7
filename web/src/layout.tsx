// The frame of every signed-in page: side menu, language switch, user and sign-out.
import {
  AimOutlined, ApartmentOutlined, BarChartOutlined, CloudUploadOutlined, DashboardOutlined, DatabaseOutlined, FundOutlined, LogoutOutlined,
  RiseOutlined, SettingOutlined, TableOutlined, TeamOutlined, WarningOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from './api';
import { ME_KEY, SETTINGS_PERMISSIONS, signOut, useMe } from './auth';
import { PageLoading } from './components/page';
import { setBusiness } from './format';
import { saveLang, type Lang } from './i18n';

const MENU = [
  { key: '/overview', icon: <DashboardOutlined />, label: 'nav.overview' },
  { key: '/rfm', icon: <TableOutlined />, label: 'nav.rfm' },
  { key: '/lifecycle', icon: <ApartmentOutlined />, label: 'nav.lifecycle' },
  { key: '/retention', icon: <RiseOutlined />, label: 'nav.retention' },
  { key: '/value', icon: <FundOutlined />, label: 'nav.value' },
  { key: '/churn', icon: <WarningOutlined />, label: 'nav.churn' },
  { key: '/customers', icon: <TeamOutlined />, label: 'nav.customers' },
  { key: '/segments', icon: <AimOutlined />, label: 'nav.segments' },
  { key: '/health', icon: <DatabaseOutlined />, label: 'nav.health' },
  { key: '/import', icon: <CloudUploadOutlined />, label: 'nav.import', anyOf: ['data:import'] },
  { key: '/settings', icon: <SettingOutlined />, label: 'nav.settings', anyOf: SETTINGS_PERMISSIONS },
] as const satisfies readonly { key: string; icon: ReactNode; label: string; anyOf?: readonly string[] }[];

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const nav = useNavigate();
  const loc = useLocation();
  const qc = useQueryClient();
  const me = useMe();
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: () => api<{ business?: { timezone?: string; currency?: string } }>('/v1/settings'),
    staleTime: 10 * 60_000,
    retry: false,
  });
  useEffect(() => {
    if (settings.data?.business) setBusiness(settings.data.business);
  }, [settings.data]);
  const selected = MENU.find((m) => loc.pathname.startsWith(m.key))?.key ?? '/overview';
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={216} theme="dark" breakpoint="lg" collapsedWidth={64}>
        <div style={{ color: '#fff', padding: '18px 20px 12px', lineHeight: 1.2 }}>
          <div style={{ fontSize: 20, fontWeight: 600 }}><BarChartOutlined /> Tend</div>
          <div style={{ fontSize: 12, opacity: 0.65, marginTop: 4 }}>{t('app.tagline')}</div>
        </div>
        <Menu
          theme="dark" mode="inline" selectedKeys={[selected]}
          items={MENU.filter((m) => !('anyOf' in m) || m.anyOf.some((p) => me.data?.permissions.includes(p))).map((m) => ({ key: m.key, icon: m.icon, label: <span data-testid={`nav-${m.key.slice(1)}`}>{t(m.label)}</span> }))}
          onClick={(e) => void nav(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', borderBottom: '1px solid #f0f0f0' }}>
          <Space size="middle">
            <Segmented<Lang>
              data-testid="lang-switch"
              value={lang}
              options={[{ label: '中文', value: 'zh-CN' }, { label: 'English', value: 'en' }]}
              onChange={(v) => saveLang(v)}
            />
            <Typography.Text type="secondary" data-testid="user-email">{me.data?.email}</Typography.Text>
            <Button
              icon={<LogoutOutlined />} data-testid="logout"
              onClick={async () => {
                await signOut().catch(() => undefined);
                qc.setQueryData(ME_KEY, null);
                qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
                void nav('/login', { replace: true });
              }}
            >
              {t('common.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, background: '#f5f7fa' }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
