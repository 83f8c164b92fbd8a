/**
 * Finding a run from the command line, and turning a step's `--value` text into what `runs.act`
 * takes, by the step's definition. Pure: the commands call the API, these only decide.
 */
import type { RunInputValue, RunStepDefinition, RunStepView, RunView } from '../../contract';
// The table alone (no zod): `--help` and usage errors must not load the API contract (test/unit/cli/cliBundle.test.ts).
import { checkJurisdiction, describeMapping } from '../../contract/jurisdictions';
import { exitCodeFor } from '../../contract/errors';
import { CliError, usageError } from './CliError';

/** `--runbook` matches a run's runbook id or its run id (a run id tells two runs of one runbook apart). */
export function matchesRunbook(run: RunView, runbook: string | undefined): boolean {
  return runbook === undefined || run.runbookId === runbook || run.id === runbook;
}

/**
 * The one run a step command acts on: a run of the incident that is not complete and has the step
 * (for `--undo`, any run with something to undo; STEP_ID `-` stands for any step). None is
 * NOT_FOUND's exit code; several is a usage error naming them, to be settled with `--runbook`.
 */
export function selectRun(runs: RunView[], ref: string, stepId: string, opts: { runbook?: string; undo?: boolean }): RunView {
  const anyStep = stepId === '-';
  const mine = runs.filter((r) => matchesRunbook(r, opts.runbook));
  const withStep = mine.filter((r) => anyStep || r.steps.some((s) => s.definition.id === stepId));
  const candidates = withStep.filter((r) => (opts.undo ? r.undoable !== null : r.completedAt === null));
  const [only, ...more] = candidates;
  if (only !== undefined && more.length === 0) return only;
  if (only !== undefined) {
    const ids = candidates.map((r) => `${r.runbookId} (run ${r.id})`).join(', ');
    throw usageError(`${candidates.length} runs of ${ref} have ${anyStep ? 'something to undo' : `step "${stepId}"`}: pass --runbook with one of ${ids}`);
  }
  const which = opts.runbook === undefined ? '' : ` of runbook "${opts.runbook}"`;
  let message: string;
  if (runs.length === 0) message = `${ref} has no runbook runs (start one with \`firebreak runbook start ${ref} RUNBOOK_ID\`)`;
  else if (mine.length === 0) message = `${ref} has no run${which} (its runs: ${runs.map((r) => r.runbookId).join(', ')})`;
  else if (withStep.length === 0) message = `no run${which} of ${ref} has a step "${stepId}"`;
  else if (opts.undo) message = `nothing to undo in the run${which} of ${ref}`;
  else message = `the run${which} of ${ref} with step "${stepId}" is complete`;
  throw new CliError(message, exitCodeFor('NOT_FOUND'));
}

export function findStep(run: RunView, stepId: string): RunStepView | undefined {
  return run.steps.find((s) => s.definition.id === stepId);
}

/** A comma-separated list, trimmed, empty entries dropped. */
export function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** `--value` for an input step, by the input's type (docs/cli.md, `runbook step`). */
export function parseInputValue(def: RunStepDefinition, text: string): RunInputValue {
  const bad = (what: string) => usageError(`step "${def.id}" takes ${what} as --value, not "${text}"`);
  switch (def.type) {
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw bad('a number');
      return n;
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t === 'yes' || t === 'true') return true;
      if (t === 'no' || t === 'false') return false;
      throw bad('yes or no');
    }
    case 'data-categories':
    case 'jurisdictions':
      return splitList(text);
    case 'affected-counts':
      return splitList(text).map((pair) => {
        const match = /^([^=\s]+)\s*=\s*(\d+)$/.exec(pair);
        if (!match) throw bad('counts per jurisdiction such as DE=120,US-CA=40');
        return { jurisdiction: (match[1] as string).toUpperCase(), count: Number(match[2]) };
      });
    case 'choice':
      if (def.options && !def.options.includes(text)) throw bad(`one of ${def.options.join(', ')}`);
      return text;
    default:
      return text;
  }
}

/** `--value all` or 1-based item numbers (`1,3`) for a checklist, as 0-based indexes. */
export function parseChecklistItems(def: RunStepDefinition, text: string): number[] {
  const count = def.items?.length ?? 0;
  if (text.trim().toLowerCase() === 'all') return Array.from({ length: count }, (_, i) => i);
  const items = splitList(text).map((part) => {
    const n = Number(part);
    if (!/^\d+$/.test(part) || n < 1 || n > count) {
      throw usageError(`step "${def.id}" has items 1 to ${count}: --value takes "all" or item numbers such as 1,3, not "${text}"`);
    }
    return n - 1;
  });
  if (items.length === 0) throw usageError(`step "${def.id}": --value takes "all" or item numbers such as 1,3`);
  return [...new Set(items)].sort((a, b) => a - b);
}

/**
 * One note per alias in a jurisdictions or affected-counts value ("note: UK → GB (United
 * Kingdom): …"), for stderr: the backend records GB, and the person who typed UK should see that.
 * Codes that are no jurisdiction are left to the backend, which refuses them with suggestions.
 */
export function jurisdictionMappingNotes(def: RunStepDefinition, value: RunInputValue | undefined): string[] {
  if (!Array.isArray(value) || (def.type !== 'jurisdictions' && def.type !== 'affected-counts')) return [];
  const codes = value.map((v) => (typeof v === 'string' ? v : v.jurisdiction));
  const notes = new Map<string, string>();
  for (const code of codes) {
    const check = checkJurisdiction(code);
    if (check.ok && check.alias) notes.set(check.given, `note: ${describeMapping(check.alias)}: ${check.alias.why}`);
  }
  return [...notes.values()];
}
