import { EXIT } from '../CliError';
import { formatRunStarted, toJson } from '../format';
import type { CommandSpec } from '../types';

export const runbookStart: CommandSpec = {
  words: ['runbook', 'start'],
  positionals: ['REF', 'RUNBOOK_ID'],
  summary: 'start a guided run of a runbook on an incident',
  session: 'login',
  options: {},
  details:
    'The run pins the runbook\'s version and content hash: editing the file later never changes it.\n' +
    'Prints the run id, the runbook id@version and the steps that can be done now (--json: the run).\n' +
    'Work the steps with `firebreak runbook step`, follow them with `firebreak runbook status`.',
  examples: ['firebreak runbook start IR-2026-0001 ransomware', 'firebreak runbook start IR-2026-0001 lost-device --json'],
  run: async (ctx) => {
    const [ref, runbookId] = ctx.args as [string, string];
    const run = await ctx.call('runs.start', { ref, runbookId });
    ctx.print(ctx.json ? toJson(run) : formatRunStarted(run));
    return EXIT.ok;
  },
};
