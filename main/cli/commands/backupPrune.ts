import { EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const backupPrune: CommandSpec = {
  words: ['backup', 'prune'],
  positionals: ['PLAN'],
  summary: "delete the plan's backups its retention no longer keeps",
  session: 'login',
  options: {
    'dry-run': { type: 'boolean', description: 'only show what would be deleted and why the rest is kept' },
  },
  details: [
    'Retention works like restic forget: --keep-last N keeps the newest N; --keep-daily N the newest backup of',
    'each of the last N days that have one (likewise weekly, monthly, yearly). A backup that a kept incremental',
    'still needs is kept too. Deletions are recorded in the log.',
  ].join('\n'),
  examples: ['firebreak backup prune nightly --dry-run', 'firebreak backup prune nightly'],
  run: async (ctx) => {
    const [name] = ctx.args as [string];
    const report = await ctx.call('backups.prune', { name, dryRun: ctx.values['dry-run'] === true });
    if (ctx.json) {
      ctx.print(toJson(report));
      return EXIT.ok;
    }
    const lines = [
      `${report.dryRun ? 'Would delete' : 'Deleted'} ${report.removed.length} backup(s) of ${report.plan}; keeping ${report.kept.length}.`,
      ...report.removed.map((b) => `  ${report.dryRun ? 'would delete' : 'deleted'}  ${b.id}`),
      ...report.kept.map((b) => `  keep          ${b.id}  (${b.reasons.join('; ')})`),
    ];
    ctx.print(lines.join('\n'));
    return EXIT.ok;
  },
};
