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
    'what this backup\'s own archive stores (an incremental one only what changed), and the last check',
    '(quick, full or drill; ok or FAILED; when). --json: the backup summaries, with the last check in full.',
  ].join('\n'),
  examples: ['firebreak backup list', 'firebreak backup list nightly --json | jq -r \'.[0].id\''],
  run: async (ctx) => {
    const [plan] = ctx.args as [string | undefined];
    const backups = await ctx.call('backups.list', plan === undefined ? {} : { plan });
    ctx.print(ctx.json ? toJson(backups) : formatBackupRows(backups, plan));
    return EXIT.ok;
  },
};
