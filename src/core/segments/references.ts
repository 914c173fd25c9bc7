// Segments that refer to other segments: the ids a rule names, and cycles through dynamic
// segments (a segment may not contain itself, directly or through others).
import { assertNever } from '../errors.js';
import type { SegmentRule } from './rule-schema.js';

/** The segment ids a rule names directly, in order of appearance, without repeats. */
export function segmentReferences(rule: SegmentRule): number[] {
  const out: number[] = [];
  const walk = (node: SegmentRule): void => {
    switch (node.type) {
      case 'and':
      case 'or':
        node.conditions.forEach(walk);
        return;
      case 'not':
        walk(node.condition);
        return;
      case 'segment':
        if (!out.includes(node.segment_id)) out.push(node.segment_id);
        return;
      case 'attribute':
      case 'custom_attribute':
      case 'score':
      case 'tag':
      case 'purchase':
      case 'event':
      case 'event_sequence':
      case 'nps':
      case 'complaints':
        return;
      default:
        assertNever(node);
    }
  };
  walk(rule);
  return out;
}

/**
 * The first cycle through dynamic segments, as the chain of ids that closes it (e.g. [3, 5, 3]),
 * or undefined. `selfId` is the segment the rule belongs to, when it has one; `segmentRule`
 * returns the rule of a dynamic segment and undefined for static (or unknown) ones.
 */
export function findSegmentCycle(
  rule: SegmentRule,
  segmentRule: ((id: number) => SegmentRule | undefined) | undefined,
  selfId?: number,
): number[] | undefined {
  const done = new Set<number>();
  const visit = (node: SegmentRule, stack: number[]): number[] | undefined => {
    for (const id of segmentReferences(node)) {
      const at = stack.indexOf(id);
      if (at >= 0) return [...stack.slice(at), id];
      if (done.has(id)) continue;
      const nested = segmentRule?.(id);
      if (nested) {
        const cycle = visit(nested, [...stack, id]);
        if (cycle) return cycle;
      }
      done.add(id);
    }
    return undefined;
  };
  return visit(rule, selfId === undefined ? [] : [selfId]);
}
