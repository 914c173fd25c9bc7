// Per-test stores and sessions on each engine, closed after the test: for contract tests of
// store helpers and services that need a database of their own.
import { afterEach } from 'vitest';
import { openSession, type OpenedSession } from '../../src/store/open-session.js';
import type { Store } from '../../src/store/open-store.js';
import type { TestEngine } from './engines.js';

/** A fresh store for each test, closed after it: call the returned function inside the test. */
export function storePerTest(engine: TestEngine): () => Promise<Store> {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return async () => {
    store = await engine.open();
    return store;
  };
}

/** A fresh store and a single-connection session on it for each test, closed after the test. */
export function sessionPerTest(engine: TestEngine): () => Promise<OpenedSession['session']> {
  const openStore = storePerTest(engine);
  let opened: OpenedSession | undefined;
  // registered after the store's afterEach, so it runs first: the session closes before its store
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });
  return async () => {
    opened = await openSession(await openStore());
    return opened.session;
  };
}
