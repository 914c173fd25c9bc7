// What compiling a rule needs from the store: the rules of dynamic segments (for "member of
// segment" conditions), tag and segment names (for readings), the business time zone.
import { config } from '../../config.js';
import { parseRule, type CompileContext, type DescribeOptions, type SegmentRule } from '../../core/segments/index.js';
import type { Store } from '../../store/open-store.js';

export interface RuleContext {
  readonly compile: CompileContext;
  readonly describe: DescribeOptions;
}

export async function ruleContext(store: Store, opts: { now?: Date; segmentId?: number } = {}): Promise<RuleContext> {
  const segments = await store.db.selectFrom('segments').select(['id', 'name', 'kind', 'rule']).execute();
  const tags = await store.db.selectFrom('tags').select(['id', 'name']).execute();
  const rules = new Map<number, SegmentRule>();
  for (const s of segments) if (s.kind === 'dynamic' && s.rule) rules.set(s.id, parseRule(s.rule));
  const segName = new Map(segments.map((s) => [s.id, s.name]));
  const tagName = new Map(tags.map((t) => [t.id, t.name]));
  return {
    compile: {
      now: opts.now ?? new Date(),
      timeZone: config().timezone,
      ...(opts.segmentId !== undefined ? { segmentId: opts.segmentId } : {}),
      segmentRule: (id) => rules.get(id),
    },
    describe: { tagName: (id) => tagName.get(id), segmentName: (id) => segName.get(id) },
  };
}
