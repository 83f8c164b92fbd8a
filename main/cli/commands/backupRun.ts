import type { Topics } from '../../../contract';
import { EXIT } from '../CliError';
import { toJson } from '../format';
import { formatBackupDone, formatProgress } from '../formatBackup';
import { ProgressPrinter } from '../ProgressPrinter';
import type { CommandSpec } from '../types';

export const backupRun: CommandSpec = {
  words: ['backup', 'run'],
  positionals: ['PLAN'],
  summary: 'run a backup plan now and print the new backup\'s id',
  session: 'login',
  options: {},
  details: [
    'Progress goes to stderr: files done of all, bytes, rate and time left. On a terminal it is one',
    'line rewritten in place; otherwise (a pipe, a log) a line per phase and every 2 seconds or so.',
    'The last line on stdout is the new backup\'s id (--json: the backup\'s summary instead).',
    'Whether the backup is full or incremental follows the plan\'s --full-every.',
  ].join('\n'),
  examples: ['firebreak backup run nightly', 'ID=$(firebreak backup run nightly 2>>backup.log | tail -n 1)'],
  run: async (ctx) => {
    const [name] = ctx.args as [string];
    const progress = new ProgressPrinter<Topics['backup.progress']>(process.stderr, formatProgress);
    const unsubscribe = ctx.backend.subscribe(ctx.conn, 'backup.progress', (p) => progress.update(p));
    let backup;
    try {
      backup = await ctx.call('backups.run', { name });
    } finally {
      unsubscribe();
      progress.finish();
    }
    if (ctx.json) {
      ctx.print(toJson(backup));
      return EXIT.ok;
    }
    ctx.note(formatBackupDone(backup));
    ctx.print(backup.id);
    return EXIT.ok;
  },
};
