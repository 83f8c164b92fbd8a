import { EXIT } from '../CliError';
import { toJson } from '../format';
import { formatBackupRows } from '../formatBackup';
import type { CommandSpec } from '../types';

export const backupList: CommandSpec = {
  words: ['backup', 'list'],
  positionals: ['[PLAN]'],
  summary: 'list backups, newest first (all, or those of PLAN)',
  session: 'login',
  options: {},
  details: [
    'Columns: id, plan, kind (full or incremental), when it finished (UTC), files and their total size,',
    'what this backup\'s own archive stores (an incremental one only what changed), and the latest check',
    'of each kind: quick, full and drill, each ok or FAILED and when (a later check of one kind never',
    'hides another). --json: the backup summaries, with latestChecks (and lastCheck, the most recent',
    'of any kind) in full. Every recorded check of a backup: firebreak backup show ID.',
  ].join('\n'),
  examples: ['firebreak backup list', 'firebreak backup list nightly --json | jq -r \'.[0].id\''],
  run: async (ctx) => {
    const [plan] = ctx.args as [string | undefined];
    const backups = await ctx.call('backups.list', plan === undefined ? {} : { plan });
    ctx.print(ctx.json ? toJson(backups) : formatBackupRows(backups, plan));
    return EXIT.ok;
  },
};
