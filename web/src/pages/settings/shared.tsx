// Pieces the settings tabs share: the permission check, "no access", a secret shown once, and
// turning an API error into form field errors.
import { Alert, Result, Typography, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useMe } from '../../auth';

export function usePermissions(): readonly string[] {
  return useMe().data?.permissions ?? [];
}

export function NoAccess() {
  const { t } = useTranslation();
  return <Result status="403" title={t('settings.noAccess')} subTitle={t('settings.noAccessHint')} data-testid="settings-no-access" />;
}

/** A password or key the server will never show again: copyable, with a warning. */
export function ShowOnce({ label, secret, testId, children }: { label: ReactNode; secret: string; testId: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div>
      <Alert type="warning" showIcon message={t('settings.shownOnce')} style={{ marginBottom: 12 }} />
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Paragraph copyable={{ text: secret, tooltips: [t('settings.copy'), t('settings.copied')] }} style={{ marginTop: 4 }}>
        <code data-testid={testId} style={{ fontSize: 15, wordBreak: 'break-all' }}>{secret}</code>
      </Typography.Paragraph>
      {children}
    </div>
  );
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Puts a 400's message on the form field it names (`prefix` is stripped: the scoring API says
 * "scoring.tiers.highValue.minOrders"); true when it did, so the caller need not toast it.
 */
export function showFieldError(form: FormInstance, err: unknown, fields: readonly string[], prefix = ''): boolean {
  if (!(err instanceof ApiError) || !err.field) return false;
  const path = (err.field.startsWith(prefix) ? err.field.slice(prefix.length) : err.field).split('.');
  if (!fields.includes(path.join('.'))) return false;
  form.setFields([{ name: path, errors: [err.message] }]);
  return true;
}

interface Issue {
  readonly code: string;
  readonly message: string;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly expected?: unknown;
}

/** A zod issue in the console's language (the schema's own messages are English). */
export function issueText(issue: Issue, t: (key: string, opts?: Record<string, unknown>) => string): string {
  switch (issue.code) {
    case 'too_small': return t('settings.issue.min', { n: String(issue.minimum) });
    case 'too_big': return t('settings.issue.max', { n: String(issue.maximum) });
    case 'invalid_type': return issue.expected === 'int' ? t('settings.issue.integer') : t('settings.issue.required');
    default: return issue.message;
  }
}
