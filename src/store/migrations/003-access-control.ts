import type { Migration } from './index.js';

/**
 * Operators, sessions, API keys and the audit log. Secrets are never stored: passwords as scrypt
 * hashes (with their parameters and salt), session ids and API keys as SHA-256 of random tokens.
 */
export const accessControl: Migration = {
  version: 3,
  name: 'access control: users, sessions, api keys, audit log',
  statements: (engine) => {
    const json = engine === 'postgres' ? 'JSONB' : 'JSON';
    const stmts = [
      `CREATE SEQUENCE user_id_seq START 1`,
      `CREATE SEQUENCE api_key_id_seq START 1`,
      `CREATE SEQUENCE audit_id_seq START 1`,
      `CREATE TABLE users (
        id BIGINT PRIMARY KEY DEFAULT nextval('user_id_seq'), email TEXT NOT NULL UNIQUE, name TEXT,
        role TEXT NOT NULL, password_hash TEXT NOT NULL, disabled BOOLEAN NOT NULL,
        created_by TEXT NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL, last_login_at TIMESTAMP)`,
      `CREATE TABLE user_sessions (
        id_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL, created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL,
        ip TEXT, user_agent TEXT)`,
      `CREATE TABLE api_keys (
        id BIGINT PRIMARY KEY DEFAULT nextval('api_key_id_seq'), name TEXT NOT NULL, prefix TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE, permissions ${json} NOT NULL, created_by TEXT NOT NULL,
        created_at TIMESTAMP NOT NULL, revoked_at TIMESTAMP, revoked_by TEXT)`,
      `CREATE TABLE audit_log (
        id BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'), occurred_at TIMESTAMP NOT NULL, actor TEXT NOT NULL,
        actor_kind TEXT NOT NULL, action TEXT NOT NULL, target TEXT, outcome TEXT NOT NULL, detail ${json},
        ip TEXT, user_agent TEXT)`,
    ];
    if (engine === 'postgres') {
      stmts.push(
        `CREATE INDEX user_sessions_user ON user_sessions (user_id)`,
        `CREATE INDEX audit_log_at ON audit_log (occurred_at)`,
        `CREATE INDEX audit_log_action ON audit_log (action, occurred_at)`,
      );
    }
    return stmts;
  },
};
