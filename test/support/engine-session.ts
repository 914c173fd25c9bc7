// A fresh store and a single-connection session on it for each test, closed after the test:
// for contract tests of store helpers that work on a session (temp tables, transactions).
import { afterEach } from 'vitest';
import { openSession, type OpenedSession } from '../../src/store/open-session.js';
import type { Store } from '../../src/store/open-store.js';
import type { TestEngine } from './engines.js';

export function sessionPerTest(engine: TestEngine): () => Promise<OpenedSession['session']> {
  let store: Store | undefined;
  let opened: OpenedSession | undefined;
  afterEach(async () => {
    await opened?.close();
    await store?.close();
    opened = undefined;
    store = undefined;
  });
  return async () => {
    store = await engine.open();
    opened = await openSession(store);
    return opened.session;
  };
}
