import type { Migration } from './index.js';

/** Operators, sessions, API keys and the audit log (filled in by the access-control work). */
export const accessControl: Migration = {
  version: 3,
  name: 'access control: users, sessions, api keys, audit log',
  statements: () => [],
};
