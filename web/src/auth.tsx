// Who is signed in: /v1/auth/me (401 = nobody), sign-in and sign-out, and the guard that sends
// everyone else to the sign-in page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from './api';
import type { Me } from './types';

export const ME_KEY = ['auth', 'me'] as const;

/** Whoever holds one of these may open the settings pages (viewers hold none). */
export const SETTINGS_PERMISSIONS = ['settings:write', 'users:manage', 'api_keys:manage', 'audit:read'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api<Me>('/v1/auth/me');
        setCsrfToken(me.csrfToken);
        return me.kind === 'anonymous' ? null : me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export async function signIn(email: string, password: string): Promise<Me> {
  const r = await api<{ user: { email: string; role: string }; csrfToken: string }>('/v1/auth/login', { method: 'POST', body: { email, password } });
  setCsrfToken(r.csrfToken);
  return api<Me>('/v1/auth/me');
}

export async function signOut(): Promise<void> {
  try {
    await api('/v1/auth/logout', { method: 'POST', body: {} });
  } finally {
    setCsrfToken(null);
  }
}

/** Renders its children for a signed-in user; sends anyone else to /login?next=... */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const loc = useLocation();
  const nav = useNavigate();
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      qc.setQueryData(ME_KEY, null);
      const here = globalThis.location.pathname + globalThis.location.search;
      if (!here.startsWith('/login')) void nav(`/login?next=${encodeURIComponent(here)}`, { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [nav, qc]);
  if (me.isPending) return <div style={{ padding: 80, textAlign: 'center' }}><Spin /></div>;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  return <>{children}</>;
}
