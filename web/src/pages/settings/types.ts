// Shapes of the settings and administration API answers (the server's service types, as JSON).
import type { ScoringRules } from '../../../../src/core/lifecycle/scoring-rules';
import type { ApiKeyInfo } from '../../../../src/services/auth/api-keys';
import type { AuditRow } from '../../../../src/services/auth/audit';
import type { UserInfo } from '../../../../src/services/auth/users';
import type { StoredKpiTargets } from '../../../../src/services/settings/kpi-targets';
import type { Json } from '../../types';

export type UserRow = Json<UserInfo>;
export type ApiKeyRow = Json<ApiKeyInfo>;
export type AuditItem = Json<AuditRow>;
export type KpiTargetsData = Json<StoredKpiTargets>;

export interface AuditPage {
  items: AuditItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Business {
  locale: 'zh-CN' | 'en';
  timezone: string;
  currency: string;
}

/** GET /v1/settings; the layout reads it too (same query key) for the business formatting */
export interface SettingsData {
  scoring: ScoringRules;
  business: Business;
}

export const SETTINGS_KEY = ['settings'] as const;
