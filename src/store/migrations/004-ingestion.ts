import type { Migration } from './index.js';

/** Event ingestion: sources with write keys, the durable intake queue (filled in by the ingestion work). */
export const ingestion: Migration = {
  version: 4,
  name: 'event ingestion: sources and intake',
  statements: () => [],
};
