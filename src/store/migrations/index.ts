// Versioned migrations for both engines. Each is a list of statements built for one engine
// flavour; the types differ only where the engines do (JSON vs JSONB, secondary indexes).
import type { Engine } from '../engine.js';
import { initialSchema } from './001-initial-schema.js';
import { scoresTagsSegments } from './002-scores-tags-segments.js';
import { accessControl } from './003-access-control.js';
import { ingestion } from './004-ingestion.js';
import { purchaseLines } from './005-purchase-lines.js';
import { unkeyedSnapshots } from './006-unkeyed-snapshots.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: (engine: Engine) => readonly string[];
}

export const migrations: readonly Migration[] = [initialSchema, scoresTagsSegments, accessControl, ingestion, purchaseLines, unkeyedSnapshots];
