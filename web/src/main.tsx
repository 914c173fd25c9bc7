import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ApiError } from './api';
import { RequireAuth } from './auth';
import { PageLoading } from './components/page';
import './i18n';
import { AppLayout } from './layout';

const Login = lazy(() => import('./pages/login'));
const Overview = lazy(() => import('./pages/overview'));
const Rfm = lazy(() => import('./pages/rfm'));
const Lifecycle = lazy(() => import('./pages/lifecycle'));
const Retention = lazy(() => import('./pages/retention'));
const Value = lazy(() => import('./pages/value'));
const Churn = lazy(() => import('./pages/churn'));
const Customers = lazy(() => import('./pages/customers'));
const Customer = lazy(() => import('./pages/customer'));
const Segments = lazy(() => import('./pages/segments'));
const SegmentBuilder = lazy(() => import('./pages/segment-builder'));
const SegmentDetail = lazy(() => import('./pages/segment-detail'));
const Health = lazy(() => import('./pages/health'));
const Import = lazy(() => import('./pages/import'));
const Settings = lazy(() => import('./pages/settings/index'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    },
  },
});

function Root() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
      <AntApp>
        <BrowserRouter>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path="/login" element={<Login />} />
              <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
                <Route index element={<Navigate to="/overview" replace />} />
                <Route path="/overview" element={<Overview />} />
                <Route path="/rfm" element={<Rfm />} />
                <Route path="/lifecycle" element={<Lifecycle />} />
                <Route path="/retention" element={<Retention />} />
                <Route path="/value" element={<Value />} />
                <Route path="/churn" element={<Churn />} />
                <Route path="/customers" element={<Customers />} />
                <Route path="/customers/:id" element={<Customer />} />
                <Route path="/segments" element={<Segments />} />
                <Route path="/segments/new" element={<SegmentBuilder />} />
                <Route path="/segments/:id" element={<SegmentDetail />} />
                <Route path="/segments/:id/edit" element={<SegmentBuilder />} />
                <Route path="/health" element={<Health />} />
                <Route path="/import" element={<Import />} />
                <Route path="/settings/*" element={<Settings />} />
                <Route path="*" element={<Navigate to="/overview" replace />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

const el = globalThis.document.getElementById('root');
if (el) {
  createRoot(el).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Root />
      </QueryClientProvider>
    </StrictMode>,
  );
}
