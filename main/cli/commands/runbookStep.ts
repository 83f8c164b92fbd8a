import type { RunAction, RunStepView, RunView } from '../../../contract';
import { SYSTEM_ACTOR } from '../../../contract/runTerms';
import { exitCodeFor } from '../../../contract/errors';
import { CliError, EXIT, usageError } from '../CliError';
import { readEvidenceFile } from '../evidenceFile';
import { formatStepList, stepDetail, toJson } from '../format';
import { findStep, jurisdictionMappingNotes, parseChecklistItems, parseInputValue, selectRun, splitList } from '../runSteps';
import type { CommandContext, CommandSpec, OptionValues } from '../types';

const ACTIONS = ['done', 'skip', 'approve', 'undo'] as const;
type Action = (typeof ACTIONS)[number] | 'note';
/** Options that say how a step was done: only with --done. */
const DONE_ONLY = ['answer', 'value', 'attach'] as const;

export const runbookStep: CommandSpec = {
  words: ['runbook', 'step'],
  positionals: ['REF', 'STEP_ID'],
  summary: 'do, skip, approve or annotate a step of a runbook run, or undo the last action',
  session: 'login',
  options: {
    done: { type: 'boolean', description: 'the step is done (with --answer, --value or --attach as its kind needs)' },
    skip: { type: 'boolean', description: 'skip the step; --note gives the reason (required)' },
    approve: { type: 'boolean', description: 'give your approval in an approval step' },
    undo: { type: 'boolean', description: "undo the run's last action (STEP_ID: any step of the run, or -); --note gives the reason" },
    note: { type: 'string', value: 'TEXT', description: 'a note on the step; the reason with --skip and --undo; alone, just adds the note' },
    answer: { type: 'string', value: 'VALUE', description: "a decision's answer (one of its answer values)" },
    value: {
      type: 'string',
      value: 'V',
      description: "an input's value; a checklist's ticked items (all, or numbers such as 1,3); existing evidence ids (ID,ID)",
    },
    attach: { type: 'string', value: 'FILE', multiple: true, description: 'add FILE as evidence and attach it to an evidence step' },
    runbook: { type: 'string', value: 'ID', description: 'the run, when several runs of the incident have the step: a runbook id or run id' },
  },
  check: checkOptions,
  details: [
    'Exactly one of --done, --skip, --approve, --undo, or --note alone. The run is the incident\'s',
    'run that is not complete and has STEP_ID (--undo: the run with something to undo).',
    '',
    '--value by input type: number (42, 3.5); boolean (yes, no, true, false); datetime (ISO 8601,',
    '2026-05-01T09:30:00Z); choice (one of its options); data-categories and jurisdictions',
    '(comma-separated: health,financial); affected-counts (DE=120,US-CA=40); text (as given).',
    'Checklist: --value all, or the item numbers to tick (1,3). Evidence: --attach FILE (repeatable)',
    'uploads each file as evidence of the incident, and/or --value ID,ID names evidence already added.',
    '--done on an approval step is the same as --approve.',
    '',
    'Prints the step\'s new state and what became available (--json: the run).',
  ].join('\n'),
  examples: [
    'firebreak runbook step IR-2026-0001 isolate --done --value all',
    'firebreak runbook step IR-2026-0001 affected-hosts --done --value 14',
    'firebreak runbook step IR-2026-0001 exfiltration --done --answer no --note "No egress spike in the proxy logs"',
    'firebreak runbook step IR-2026-0001 ransom-note --done --attach note.txt --attach screenshot.png',
    'firebreak runbook step IR-2026-0001 notify-insurer --skip --note "No cyber policy"',
    'firebreak runbook step IR-2026-0001 restore-approval --approve --note "Restore point checked"',
    'firebreak runbook step IR-2026-0001 - --undo --note "Wrong host count"',
  ],
  run: async (ctx) => {
    const [ref, stepId] = ctx.args as [string, string];
    const values = ctx.values;
    const action = actionOf(values);
    const note = values.note as string | undefined;
    const runs = await ctx.call('runs.list', { ref });
    const run = selectRun(runs, ref, stepId, { runbook: values.runbook as string | undefined, undo: action === 'undo' });

    if (action === 'undo') {
      const after = await ctx.call('runs.act', { runId: run.id, action: { type: 'undo', reason: note as string } });
      printResult(ctx, 'undo', run, after, stepId === '-' ? null : stepId, `Undone: ${run.undoable?.text ?? 'the last action'}.`);
      return EXIT.ok;
    }
    const step = findStep(run, stepId) as RunStepView;
    const def = step.definition;
    if (action === 'note') {
      const after = await ctx.call('runs.act', { runId: run.id, action: { type: 'note', step: stepId, text: note as string } });
      printResult(ctx, 'note', run, after, stepId, `Note added to step ${stepId}.`);
      return EXIT.ok;
    }
    if (action === 'skip') {
      requireAvailable(step);
      const after = await ctx.call('runs.act', { runId: run.id, action: { type: 'skip', step: stepId, reason: note as string } });
      printResult(ctx, 'skip', run, after, stepId);
      return EXIT.ok;
    }

    if (action === 'approve' && def.kind !== 'approval') throw usageError(`step "${stepId}" is a ${def.kind}, not an approval: use --done`);
    if (def.kind === 'approval') {
      rejectOptions(values, def.kind, stepId, DONE_ONLY);
      requireAvailable(step);
      const after = await ctx.call('runs.approve', { runId: run.id, step: stepId, ...(note !== undefined ? { note } : {}) });
      const approvals = findStep(after, stepId)?.approvals.length ?? 0;
      printResult(ctx, 'approve', run, after, stepId, `Approval recorded on ${stepId} (${approvals} of ${def.people ?? 1}).`);
      return EXIT.ok;
    }

    const done = doneFields(values, step);
    requireAvailable(step);
    if (def.kind === 'evidence') {
      const given = (done.evidence?.length ?? 0) + attachments(values).length;
      const needed = def.minFiles ?? 1;
      if (given < needed) {
        throw usageError(`step "${stepId}" needs ${needed} evidence file(s) (${def.attach ?? 'files'}): pass --attach FILE or --value ID,ID; ${given} given`);
      }
    }
    // Files are read (all of them, so a typo fails before anything is stored), then added as evidence.
    const files = await Promise.all(attachments(values).map((f) => readEvidenceFile(f)));
    const added: string[] = [];
    for (const file of files) added.push((await ctx.call('evidence.add', { ref, ...file })).id);
    const evidence = [...(done.evidence ?? []), ...added];
    const act: RunAction = {
      type: 'done',
      step: stepId,
      ...(note !== undefined ? { note } : {}),
      ...done,
      ...(evidence.length > 0 ? { evidence } : {}),
    };
    const after = await ctx.call('runs.act', { runId: run.id, action: act });
    for (const line of jurisdictionMappingNotes(def, done.value)) ctx.note(line);
    printResult(ctx, 'done', run, after, stepId, added.length > 0 ? `Added ${added.length} evidence file(s) to ${ref}: ${added.join(', ')}.` : undefined);
    return EXIT.ok;
  },
};

/** Before any backend: one action, the reasons it needs, and --answer/--value/--attach only with --done. */
function checkOptions(values: OptionValues, args: string[]): void {
  const given = ACTIONS.filter((a) => values[a] === true);
  if (given.length > 1) throw usageError(`give only one of --done, --skip, --approve, --undo (got ${given.map((a) => `--${a}`).join(' ')})`);
  const action = given[0];
  if (action === undefined && values.note === undefined) {
    throw usageError('runbook step needs one of --done, --skip, --approve, --undo, or --note TEXT alone (see firebreak runbook step --help)');
  }
  if ((action === 'skip' || action === 'undo') && values.note === undefined) throw usageError(`--${action} needs --note TEXT (the reason)`);
  if (action !== 'done') {
    const extra = DONE_ONLY.find((o) => values[o] !== undefined);
    if (extra !== undefined) throw usageError(`--${extra} goes with --done`);
  }
  if (args[1] === '-' && action !== 'undo') throw usageError('STEP_ID "-" (any step) is only for --undo');
}

function actionOf(values: OptionValues): Action {
  return ACTIONS.find((a) => values[a] === true) ?? 'note';
}

function attachments(values: OptionValues): string[] {
  const v = values.attach;
  return v === undefined ? [] : Array.isArray(v) ? v : [String(v)];
}

function rejectOptions(values: OptionValues, kind: string, stepId: string, options: readonly string[]): void {
  const extra = options.find((o) => values[o] !== undefined);
  if (extra !== undefined) throw usageError(`step "${stepId}" is a${/^[aeiou]/.test(kind) ? 'n' : ''} ${kind}: --${extra} does not apply to it`);
}

/** --done's kind-specific fields: an answer, a value, ticked items or existing evidence ids. */
function doneFields(values: OptionValues, step: RunStepView): Pick<Extract<RunAction, { type: 'done' }>, 'answer' | 'value' | 'items' | 'evidence'> {
  const def = step.definition;
  const value = values.value as string | undefined;
  const answer = values.answer as string | undefined;
  switch (def.kind) {
    case 'decision': {
      rejectOptions(values, def.kind, def.id, ['value', 'attach']);
      const answers = (def.answers ?? []).map((a) => a.value);
      if (answer === undefined) throw usageError(`step "${def.id}" is a decision: pass --answer with one of ${answers.join(', ')}`);
      if (!answers.includes(answer)) throw usageError(`step "${def.id}" has no answer "${answer}": pass one of ${answers.join(', ')}`);
      return { answer };
    }
    case 'input':
      rejectOptions(values, def.kind, def.id, ['answer', 'attach']);
      if (value === undefined) throw usageError(`step "${def.id}" is an input (${def.type ?? 'text'}): pass --value`);
      return { value: parseInputValue(def, value) };
    case 'checklist':
      rejectOptions(values, def.kind, def.id, ['answer', 'attach']);
      return value === undefined ? {} : { items: parseChecklistItems(def, value) };
    case 'evidence':
      rejectOptions(values, def.kind, def.id, ['answer']);
      return value === undefined ? {} : { evidence: splitList(value) };
    default:
      rejectOptions(values, def.kind, def.id, DONE_ONLY);
      return {};
  }
}

/** Done, skip and approve act on available steps only; say why not before anything is uploaded or sent. */
function requireAvailable(step: RunStepView): void {
  if (step.state === 'available') return;
  const id = step.definition.id;
  const why = step.state === 'pending'
    ? `is not available yet${step.blockedBy.length > 0 ? ` (${step.blockedBy.join('; ')})` : ''}`
    : `is ${step.state} already${step.reason ? ` (${step.reason})` : ''}`;
  throw new CliError(`step "${id}" ${why}`, exitCodeFor('CONFLICT'));
}

/**
 * The step's new state, then what followed from the action: the steps it made available, the
 * others it finished (or, for an undo, sent back), and the run completing. Those are the system's
 * doing, and are printed as such. A change the action does not explain (someone else acting at the
 * same moment) is listed apart, never as a consequence of this one.
 */
function printResult(ctx: CommandContext, kind: 'done' | 'skip' | 'approve' | 'note' | 'undo', before: RunView, after: RunView, stepId: string | null, headline?: string): void {
  if (ctx.json) {
    ctx.print(toJson(after));
    return;
  }
  const was = new Map(before.steps.map((s) => [s.definition.id, s]));
  const changed = after.steps.filter((s) => {
    const old = was.get(s.definition.id);
    return old === undefined || old.state !== s.state || old.pass !== s.pass;
  });
  const lines: string[] = [];
  if (headline) lines.push(headline);
  // `--undo` with `-`: the step whose action was undone is the one this command changed.
  const undoneStep = kind === 'undo' ? before.history.find((h) => h.n === before.undoable?.n)?.step ?? null : null;
  const targetId = stepId ?? undoneStep;
  const target = targetId === null ? undefined : findStep(after, targetId);
  if (target) {
    const detail = stepDetail(target);
    lines.push(`Step ${target.definition.id} is now ${target.state}${detail ? ` (${detail})` : ''}.`);
  }
  // This action's transition: the first new one a person recorded (its consequences follow it).
  const lastBefore = before.history.reduce((n, h) => Math.max(n, h.n), -1);
  const mine = after.history.find((h) => h.n > lastBefore && h.by !== SYSTEM_ACTOR && h.kind === kind && (kind === 'undo' || h.step === stepId));
  const undo = kind === 'undo';
  // An undo's consequences are the states it sends back (replayed, not recorded one by one); any
  // other action's are the states the engine recorded as following from it.
  const followed = (s: RunStepView): boolean => undo || (mine !== undefined && s.cause?.n === mine.n);
  const others = changed.filter((s) => s !== target);
  const ours = others.filter(followed);
  const by = `by system, after this ${undo ? 'undo' : 'action'}`;
  const available = ours.filter((s) => s.state === 'available');
  if (available.length > 0) lines.push(`Now available (${by}):`, indent(formatStepList(available)));
  const rest = ours.filter((s) => s.state !== 'available');
  if (rest.length > 0) lines.push(`Also changed (${by}):`, ...rest.map((s) => `  ${stateLine(s, false)}`));
  const meanwhile = others.filter((s) => !followed(s));
  if (meanwhile.length > 0) lines.push('Changed meanwhile, not by this action:', ...meanwhile.map((s) => `  ${stateLine(s, true)}`));
  if (after.completedAt !== null && before.completedAt === null) {
    const completed = after.history.find((h) => h.kind === 'complete' && h.n > lastBefore && !h.undone);
    lines.push(`Run complete${mine !== undefined && completed?.cause?.n === mine.n ? ` (${by})` : ''}: ${after.title}.`);
  }
  if (after.completedAt === null && before.completedAt !== null) lines.push(`The run is no longer complete${undo ? ` (${by})` : ''}.`);
  ctx.print(lines.join('\n'));
}

function stateLine(s: RunStepView, withCause: boolean): string {
  const detail = stepDetail(s, withCause);
  return `${s.definition.id} is now ${s.state}${detail ? ` (${detail})` : ''}`;
}

function indent(text: string): string {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}
