import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Role, RunAction, RunInputValue, RunView } from '../../contract';
import { addEvidence } from '../../main/evidence';
import { createIncident } from '../../main/incidents';
import { actOnRun, listRunbooks, startRun, type RunScope } from '../../main/runbooks';
import type { Db } from '../../main/store';
import type { BenchContext } from './BenchContext';
import type { BenchRow } from './BenchResult';
import { FLAVOURS, openBenchDatabase, type Flavour } from './benchDatabases';
import { fmtCount } from './stats';

const BUILTIN = fileURLToPath(new URL('../../runbooks', import.meta.url));

/**
 * Issue #3's runbook figures. 6a: 1,000 runbook files read, parsed and fully validated
 * (schema + graph checks) by listRunbooks, next to the reference of only parsing the same YAML.
 * 6b: 10,000 steps advanced through the run engine (actOnRun: check, record the transition and
 * its hash-chained event, derive what follows, build the view) on SQLCipher and on plain SQLite.
 */
export function benchRunbooks(ctx: BenchContext): BenchRow[] {
  return [...benchLoad(ctx), ...benchAdvance(ctx)];
}

function benchLoad(ctx: BenchContext): BenchRow[] {
  const n = ctx.sizes.runbookFiles;
  const sources = readdirSync(BUILTIN).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(BUILTIN, f), 'utf8'));
  const dir = join(ctx.dir, 'runbooks');
  const empty = join(ctx.dir, 'none');
  mkdirSync(dir);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    // Copies of the built-ins under new ids: real sizes and shapes, each a distinct file.
    const text = (sources[i % sources.length] as string).replace(/^id: .*$/m, `id: bench-${i}`);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, `bench-${i}.yaml`), text);
  }
  const t0 = performance.now();
  const listed = listRunbooks(dir, empty);
  const fullMs = performance.now() - t0;
  const broken = listed.filter((r) => r.problems.length > 0);
  if (listed.length !== n || broken.length > 0) throw new Error(`expected ${n} valid runbooks, got ${listed.length} with ${broken.length} broken`);
  const t1 = performance.now();
  for (const name of readdirSync(dir)) parse(readFileSync(join(dir, name), 'utf8'));
  const parseMs = performance.now() - t1;
  ctx.progress(`runbooks: ${n} files (${(bytes / 1e6).toFixed(1)} MB) validated in ${fullMs.toFixed(0)} ms; YAML parse alone ${parseMs.toFixed(0)} ms`);
  return [
    {
      id: '6a',
      name: `load + validate ${fmtCount(n)} runbook files (listRunbooks; reference: YAML parse only)`,
      unit: 'files/s',
      encrypted: n / (fullMs / 1000),
      plain: n / (parseMs / 1000),
      note: `${(bytes / 1e6).toFixed(1)} MB; ${fullMs.toFixed(0)} ms for all`,
    },
  ];
}

interface Worker {
  db: Db;
  scope: RunScope;
  dataDir: string;
  key: Buffer;
  runs: number;
}

function benchAdvance(ctx: BenchContext): BenchRow[] {
  const target = ctx.sizes.runSteps;
  const spentMs: Record<Flavour, number> = { encrypted: 0, plain: 0 };
  const steps: Record<Flavour, number> = { encrypted: 0, plain: 0 };
  const workers = {} as Record<Flavour, Worker>;
  const ids = readdirSync(BUILTIN).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
  let clock = Date.UTC(2026, 0, 1);
  const now = () => new Date((clock += 1000)).toISOString();
  try {
    for (const flavour of FLAVOURS) {
      const db = openBenchDatabase(ctx.dir, flavour, 'runs');
      const dataDir = join(ctx.dir, `data-${flavour}`);
      mkdirSync(dataDir);
      workers[flavour] = { db, dataDir, key: randomBytes(32), runs: 0, scope: { db, dirs: { builtin: BUILTIN, custom: join(dataDir, 'runbooks') }, now: now() } };
    }
    // Whole runs in turns, alternating the flavours, each step timed on its own.
    for (let turn = 0; Math.min(steps.encrypted, steps.plain) < target; turn++) {
      const order = turn % 2 === 0 ? FLAVOURS : [...FLAVOURS].reverse();
      const runbookId = ids[turn % ids.length] as string;
      for (const flavour of order) {
        const w = workers[flavour];
        const { ms, actions } = workRun(w, runbookId, turn % 2 === 0 ? 'first' : 'last', now, target - steps[flavour]);
        spentMs[flavour] += ms;
        steps[flavour] += actions;
      }
    }
  } finally {
    for (const w of Object.values(workers)) w.db.close();
  }
  const rate = (f: Flavour) => steps[f] / (spentMs[f] / 1000);
  for (const f of FLAVOURS) ctx.progress(`run steps ${f}: ${steps[f]} in ${spentMs[f].toFixed(0)} ms, ${Math.round(rate(f))} steps/s`);
  return [
    {
      id: '6b',
      name: `advance ${fmtCount(target)} runbook steps (actOnRun incl. event + view; built-ins worked end to end)`,
      unit: 'steps/s',
      encrypted: rate('encrypted'),
      plain: rate('plain'),
      note: `mean ${(spentMs.encrypted / steps.encrypted).toFixed(2)} ms per step on SQLCipher`,
    },
  ];
}

const ACTORS: Record<Role, [string, string]> = {
  admin: ['ada', 'alan'], responder: ['rita', 'raj'], 'backup-operator': ['bo', 'bea'], legal: ['lea', 'leo'], manager: ['mona', 'mike'], auditor: ['aud', 'aude'],
};

/** Works one run of `runbookId` (up to `budget` steps), timing only the engine calls. */
function workRun(w: Worker, runbookId: string, policy: 'first' | 'last', now: () => string, budget: number): { ms: number; actions: number } {
  const at = now();
  const incident = createIncident(w.db, 'rita', { title: `Bench ${runbookId} ${w.runs++}`, severity: 'SEV1', category: 'other' }, at);
  let ms = 0;
  let actions = 0;
  const timed = (fn: () => RunView): RunView => {
    const t0 = performance.now();
    const out = fn();
    ms += performance.now() - t0;
    return out;
  };
  const scope = (): RunScope => ({ ...w.scope, now: now() });
  let view = timed(() => startRun(scope(), { user: 'rita', role: 'responder' }, incident.ref, runbookId));
  while (view.completedAt === null && actions < budget) {
    const step = view.steps.find((s) => s.state === 'available');
    if (!step) throw new Error(`${runbookId} stuck`);
    const d = step.definition;
    let action: RunAction | { type: 'approve'; step: string };
    let actor = { user: 'rita', role: 'responder' as Role };
    if (d.kind === 'approval') {
      const role = d.role ?? 'manager';
      actor = { user: ACTORS[role][step.approvals.length === 0 ? 0 : 1], role };
      action = { type: 'approve', step: d.id };
    } else if (d.kind === 'decision') {
      const leaving = (d.answers ?? []).filter((a) => a.repeatFrom === undefined);
      action = { type: 'done', step: d.id, answer: (policy === 'first' ? leaving[0] : leaving.at(-1))?.value };
    } else if (d.kind === 'checklist') action = { type: 'done', step: d.id, items: (d.items ?? []).map((_, i) => i) };
    else if (d.kind === 'input') action = { type: 'done', step: d.id, value: valueFor(d.type, d.options, now()) };
    else if (d.kind === 'evidence') {
      const evidence = Array.from({ length: d.minFiles ?? 1 }, (_, i) =>
        addEvidence(w.db, w.dataDir, w.key, 'rita', incident.ref, { name: `${d.id}-${i}.txt`, mediaType: 'text/plain', description: '', data: Buffer.from(`${d.id} ${i}`) }, now()).id);
      action = { type: 'done', step: d.id, evidence };
    } else action = { type: 'done', step: d.id };
    const a = action;
    const who = actor;
    view = timed(() => actOnRun(scope(), who, view.id, a));
    actions++;
  }
  return { ms, actions };
}

function valueFor(type: string | undefined, options: string[] | undefined, now: string): RunInputValue {
  switch (type) {
    case 'choice': return options?.[0] ?? '';
    case 'number': return 42;
    case 'boolean': return true;
    case 'datetime': return now;
    case 'data-categories': return ['contact'];
    case 'jurisdictions': return ['DE'];
    case 'affected-counts': return [{ jurisdiction: 'DE', count: 120 }];
    default: return 'bench value';
  }
}
