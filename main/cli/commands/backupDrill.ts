import { EXIT } from '../CliError';
import { toJson } from '../format';
import { formatCheckProblems, formatDrill } from '../formatBackup';
import { planRpo } from '../planRpo';
import type { CommandContext, CommandSpec } from '../types';

export const backupDrill: CommandSpec = {
  words: ['backup', 'drill'],
  positionals: ['ID'],
  summary: 'restore drill: restore a backup to scratch and check it, its time against the RTO and its age against the RPO',
  session: 'login',
  options: {
    incident: { type: 'string', value: 'REF', description: 'the incident this drill is part of: its timeline and report list the drill with its RTO and RPO' },
  },
  details: [
    'Restores the whole backup into a temporary directory, checks every file against the manifest,',
    'measures the wall-clock restore time against the plan\'s RTO and the backup\'s age against its',
    'RPO, then removes the copy. The result is recorded (as its own check: `backup show ID` lists them)',
    'and in the log.',
    '',
    'Exit 0 when the drill passed; exit 4 listing every problem on stderr when a file did not restore',
    'intact or an objective was missed. --json prints the check on stdout either way.',
  ].join('\n'),
  examples: ['firebreak backup drill nightly-20261122T023000Z-4f09c1', 'firebreak backup drill nightly-20261122T023000Z-4f09c1 --incident IR-2026-0007'],
  run: async (ctx) => {
    const [id] = ctx.args as [string];
    const incidentRef = ctx.values.incident as string | undefined;
    const check = await ctx.call('backups.drill', { id, ...(incidentRef !== undefined ? { incidentRef } : {}) });
    if (ctx.json) {
      ctx.print(toJson(check));
    } else {
      ctx.print(formatDrill(check, await rpoOfBackup(ctx, id)));
    }
    if (!check.ok) {
      ctx.note(`firebreak: ${formatCheckProblems(check)}`);
      return EXIT.integrity;
    }
    return EXIT.ok;
  },
};

/** The RPO of the drilled backup's plan, for the report; null when it has none (or the plan is gone). */
async function rpoOfBackup(ctx: CommandContext, id: string): Promise<number | null> {
  try {
    return await planRpo(ctx, (await ctx.call('backups.get', { id })).plan);
  } catch {
    // The drill is done and recorded; a report without the plan's RPO is still worth printing.
    return null;
  }
}
