import { exitCodeFor } from '../../../contract/errors';
import { CliError, EXIT } from '../CliError';
import { formatRunStatus, toJson } from '../format';
import { matchesRunbook } from '../runSteps';
import type { CommandSpec } from '../types';

export const runbookStatus: CommandSpec = {
  words: ['runbook', 'status'],
  positionals: ['REF'],
  summary: "show an incident's runbook runs: phase, clocks and every step's state",
  session: 'login',
  options: {
    runbook: { type: 'string', value: 'ID', description: 'only the run of this runbook (or this run id)' },
  },
  details:
    'Per run: the title, the pinned version (and whether a newer one exists), the current phase,\n' +
    'whether it is complete, its clocks, and one row per step: its state, id and title, who finished\n' +
    'it and when, what a pending step waits for, and why a step was skipped, not applicable or not taken.\n' +
    'With --json: the array of runs as the API returns them.',
  examples: ['firebreak runbook status IR-2026-0001', 'firebreak runbook status IR-2026-0001 --runbook ransomware --json'],
  run: async (ctx) => {
    const ref = ctx.args[0] as string;
    const runbook = ctx.values.runbook as string | undefined;
    const all = await ctx.call('runs.list', { ref });
    const runs = all.filter((r) => matchesRunbook(r, runbook));
    if (runbook !== undefined && runs.length === 0) {
      const others = all.length === 0 ? 'it has none' : `its runs: ${all.map((r) => r.runbookId).join(', ')}`;
      throw new CliError(`${ref} has no run of runbook "${runbook}" (${others})`, exitCodeFor('NOT_FOUND'));
    }
    if (ctx.json) ctx.print(toJson(runs));
    else if (runs.length === 0) ctx.print(`No runbook runs on ${ref}. Start one with \`firebreak runbook start ${ref} RUNBOOK_ID\`.`);
    else ctx.print(runs.map((r) => formatRunStatus(r)).join('\n\n'));
    return EXIT.ok;
  },
};
