// Roles and permissions. Every API route names one permission (or is explicitly public); a
// role is a fixed set of permissions; an API key carries its own subset.
export const PERMISSIONS = [
  'stats:read',
  'dashboards:read',
  'customers:read',
  'customers:tag',
  'scores:read',
  'segments:read',
  'segments:write',
  'segments:export',
  'tags:read',
  'tags:write',
  'settings:read',
  'settings:write',
  'events:write',
  'data:import',
  'users:manage',
  'api_keys:manage',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['admin', 'marketer', 'analyst', 'service', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const READ: readonly Permission[] = ['stats:read', 'dashboards:read', 'customers:read', 'scores:read', 'segments:read', 'tags:read', 'settings:read'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  marketer: [...READ, 'customers:tag', 'segments:write', 'segments:export', 'tags:write'],
  analyst: [...READ, 'segments:export', 'data:import'],
  service: ['stats:read', 'customers:read', 'customers:tag', 'scores:read', 'tags:read'],
  viewer: READ,
};

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

export function isPermission(v: string): v is Permission {
  return (PERMISSIONS as readonly string[]).includes(v);
}

export function permissionsOf(role: string): readonly Permission[] {
  return isRole(role) ? ROLE_PERMISSIONS[role] : [];
}
