// Settings: users and roles, API keys, locale/time zone/currency, scoring rules, audit log.
// One tab per permission; a tab's data is requested only when it is open, and someone holding
// none of them gets "no access" without any request.
import { Tabs } from 'antd';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { PageHeader, PageLoading } from '../../components/page';
import { NoAccess, usePermissions } from './shared';

interface Tab {
  readonly key: string;
  readonly permission: string;
  readonly Page: LazyExoticComponent<ComponentType>;
}

const TABS: readonly Tab[] = [
  { key: 'users', permission: 'users:manage', Page: lazy(() => import('./users')) },
  { key: 'api-keys', permission: 'api_keys:manage', Page: lazy(() => import('./api-keys')) },
  { key: 'business', permission: 'settings:write', Page: lazy(() => import('./business')) },
  { key: 'scoring', permission: 'settings:write', Page: lazy(() => import('./scoring')) },
  { key: 'audit', permission: 'audit:read', Page: lazy(() => import('./audit')) },
];

export default function Settings() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const loc = useLocation();
  const perms = usePermissions();
  const allowed = TABS.filter((tab) => perms.includes(tab.permission));
  const first = allowed[0];
  if (!first) return <NoAccess />;
  const key = loc.pathname.replace(/^\/settings\/?/, '').split('/')[0] ?? '';
  const tab = allowed.find((x) => x.key === key);
  if (!key || !TABS.some((x) => x.key === key)) return <Navigate to={`/settings/${first.key}`} replace />;
  return (
    <div>
      <PageHeader title={t('settings.title')} />
      <Tabs
        activeKey={key} onChange={(k) => void nav(`/settings/${k}`)} data-testid="settings-tabs"
        items={allowed.map((x) => ({ key: x.key, label: <span data-testid={`settings-tab-${x.key}`}>{t(`settings.tab.${x.key}`)}</span> }))}
      />
      {tab ? <Suspense fallback={<PageLoading />}><tab.Page /></Suspense> : <NoAccess />}
    </div>
  );
}
