import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import { countRule, explainRule } from '../../services/segments/count-rule.js';
import { exportSegment, parseColumns } from '../../services/segments/export-segment.js';
import {
  createDynamicSegment, createStaticSegment, deleteSegment, listSegments, refreshAllSegments, refreshSegment, showSegment,
} from '../../services/segments/segments.js';
import { printJson, withStore } from '../context.js';

/** A rule given inline as JSON or as @file.json. */
function readRule(text: string): unknown {
  const raw = text.startsWith('@') ? readFileSync(text.slice(1), 'utf8') : text;
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new DomainError('invalid_input', `rule is not valid JSON: ${(err as Error).message}`, 'rule');
  }
}

export function registerSegment(program: Command): void {
  const seg = program.command('segment').description('segments (人群): count rules, create, refresh, export');

  seg.command('count').description('count the customers a rule selects').argument('<rule>', 'rule JSON, or @file.json')
    .option('--json', 'print {"count":N,"sample":[ids]}')
    .action(async (rule: string, opts: { json?: boolean }, cmd: Command) => {
      const r = await withStore(cmd, (store) => countRule(store, readRule(rule)));
      if (opts.json) return printJson(r);
      process.stdout.write(`${r.count} customers (first ids: ${r.sample.join(', ') || '-'})\n`);
    });

  seg.command('explain').description('show the SQL of a rule and read it in zh-CN and English').argument('<rule>', 'rule JSON, or @file.json')
    .option('--json', 'print as JSON')
    .action(async (rule: string, opts: { json?: boolean }, cmd: Command) => {
      const r = await withStore(cmd, (store) => explainRule(store, readRule(rule)));
      if (opts.json) return printJson(r);
      process.stdout.write(`zh-CN: ${r.zh}\nen:    ${r.en}\n\n${r.sql}\n\nparameters: ${JSON.stringify(r.parameters)}\n`);
    });

  seg.command('create').description('create a dynamic segment from a rule, or a static one (--from a segment, or --list a file of ids/emails/phones)')
    .argument('<name>', 'segment name')
    .option('--rule <rule>', 'rule JSON, or @file.json (dynamic segment)')
    .option('--from <segment>', 'freeze the current members of this segment (static)')
    .option('--list <file>', 'one customer id, email or phone per line (static)')
    .option('--description <text>', 'what the segment is for')
    .option('--json', 'print as JSON')
    .action(async (name: string, opts: { rule?: string; from?: string; list?: string; description?: string; json?: boolean }, cmd: Command) => {
      const given = [opts.rule, opts.from, opts.list].filter((x) => x !== undefined).length;
      if (given !== 1) throw new DomainError('invalid_input', 'give exactly one of --rule, --from or --list', 'rule');
      const r = await withStore(cmd, (store) =>
        opts.rule !== undefined
          ? createDynamicSegment(store, { name, rule: readRule(opts.rule), description: opts.description })
          : createStaticSegment(store, {
              name, description: opts.description, from: opts.from,
              list: opts.list !== undefined ? readFileSync(opts.list, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : undefined,
            }));
      if (opts.json) return printJson(r);
      const unmatched = 'unmatched' in r && Array.isArray(r.unmatched) && r.unmatched.length > 0 ? `; ${r.unmatched.length} not matched: ${r.unmatched.slice(0, 10).join(', ')}` : '';
      process.stdout.write(`segment ${r.id} "${r.name}" (${r.kind}): ${r.memberCount} customers${unmatched}\n`);
    });

  seg.command('list').description('all segments').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const rows = await withStore(cmd, (store) => listSegments(store));
      if (opts.json) return printJson(rows);
      for (const r of rows) process.stdout.write(`${String(r.id).padStart(4)}  ${r.kind.padEnd(7)} ${String(r.memberCount).padStart(9)}  ${r.name}\n`);
    });

  seg.command('show').description('a segment with its rule read in words').argument('<segment>', 'id or name').option('--json', 'print as JSON')
    .action(async (ref: string, opts: { json?: boolean }, cmd: Command) => {
      const r = await withStore(cmd, (store) => showSegment(store, ref));
      if (opts.json) return printJson(r);
      process.stdout.write(`segment ${r.id} "${r.name}" (${r.kind}), ${r.memberCount} customers, refreshed ${r.refreshedAt?.toISOString() ?? 'never'}\n` +
        (r.reading ? `  ${r.reading.zh}\n  ${r.reading.en}\n` : ''));
    });

  seg.command('refresh').description('recompute dynamic segments, recording who entered and who left').argument('[segment]', 'id or name (default: all dynamic segments)')
    .option('--json', 'print as JSON')
    .action(async (ref: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const r = await withStore(cmd, async (store) => (ref ? { [ref]: await refreshSegment(store, ref) } : refreshAllSegments(store)));
      if (opts.json) return printJson(r);
      for (const [name, x] of Object.entries(r)) process.stdout.write(`${name}: ${x.members} members (+${x.entered} entered, -${x.exited} left)\n`);
    });

  seg.command('export').description('export current members to CSV or XLSX').argument('<segment>', 'id or name')
    .requiredOption('--out <file>', 'output file (.csv or .xlsx)')
    .option('--columns <list>', 'comma-separated columns (default id,customer_id,name,phone,email,city,value_tier,lifecycle_stage,predicted_clv,churn_risk)')
    .option('--labels <mode>', 'codes (column keys, stored codes) or zh (Chinese headers and tier/stage/group/gender names)', 'codes')
    .action(async (ref: string, opts: { out: string; columns?: string; labels: string }, cmd: Command) => {
      const format = opts.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
      if (opts.labels !== 'codes' && opts.labels !== 'zh') throw new DomainError('invalid_input', `--labels must be codes or zh, got "${opts.labels}"`, 'labels');
      const labels = opts.labels;
      const r = await withStore(cmd, (store) => exportSegment(store, ref, opts.out, parseColumns(opts.columns), format, labels));
      process.stdout.write(`${r.rows} customers written to ${r.file}\n`);
    });

  seg.command('overlap').description('how segments overlap: members of each and, for every pair, customers in both').argument('<segments...>', '2 to 20 segment ids or names')
    .option('--json', 'print as JSON')
    .action(async (refs: string[], opts: { json?: boolean }, cmd: Command) => {
      const { overlapMatrix } = await import('../../services/segments/segment-overlap.js');
      const o = await withStore(cmd, (store) => overlapMatrix(store, refs));
      if (opts.json) return printJson(o);
      const name = (id: number) => o.segments.find((x) => x.id === id)?.name ?? String(id);
      process.stdout.write([
        ...o.segments.map((x) => `${x.name}: ${x.members} members`),
        ...o.pairs.map((p) => `${name(p.a)} & ${name(p.b)}: ${p.both} in both (Jaccard ${p.jaccard})`),
      ].join('\n') + '\n');
    });

  seg.command('delete').description('delete a segment and its membership history').argument('<segment>', 'id or name')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      await withStore(cmd, (store) => deleteSegment(store, ref));
      process.stdout.write(`segment ${ref} deleted\n`);
    });

  seg.command('discover').description('find groups of buyers by k-means on their scores, read each in words; optionally save them as static segments')
    .option('--features <set>', 'rfm, value, engagement, all, or a comma list of score columns', 'rfm')
    .option('--k <k>', 'number of groups, or auto (best silhouette for 2-8)', 'auto')
    .option('--seed <n>', 'random seed (same seed, same groups)', '1')
    .option('--save <prefix>', 'save each group as a static segment "<prefix> 1..k"')
    .option('--json', 'print as JSON (without member ids)')
    .action(async (opts: { features: string; k: string; seed: string; save?: string; json?: boolean }, cmd: Command) => {
      const { discoverGroups, discoveryView, parseK } = await import('../../services/discover/discover-groups.js');
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new DomainError('invalid_input', `--seed must be a whole number, got "${opts.seed}"`, 'seed');
      const r = await withStore(cmd, (store) => discoverGroups(store, { features: opts.features, k: parseK(opts.k), seed, save: opts.save }));
      if (opts.json) return printJson(discoveryView(r));
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      const num = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(Math.round(x * 10) / 10));
      const how = r.chosen === 'auto'
        ? `chosen by silhouette ${r.silhouette.toFixed(3)} (${r.candidates.map((c) => `k=${c.k} ${c.silhouette.toFixed(3)}`).join(', ')})`
        : `given (silhouette ${r.silhouette.toFixed(3)})`;
      process.stdout.write(`${r.customers.toLocaleString('en-US')} buyers on ${r.features.join(', ')}${r.asOf ? `, scores as of ${r.asOf}` : ''}\n` +
        `${r.k} groups, ${how}\n` +
        `population: ${r.features.map((f) => `${f} ${num(r.population[f] ?? 0)}`).join(', ')}\n\n`);
      for (const g of r.groups) {
        process.stdout.write(`${String(g.index).padStart(2)}. ${g.size.toLocaleString('en-US').padStart(9)} customers ${pct(g.customerShare).padStart(6)}  revenue ${pct(g.revenueShare).padStart(6)}  ${g.traits.en}\n` +
          `    ${g.description.zh}\n` +
          `    ${r.features.map((f) => `${f} ${num(g.centroid[f] ?? 0)}`).join(', ')}\n` +
          (g.segment ? `    saved as segment ${g.segment.id} "${g.segment.name}" (${g.segment.memberCount} customers)\n` : ''));
      }
      for (const note of r.notes) process.stdout.write(`note: ${note}\n`);
    });
}
