import { EXIT } from '../CliError';
import { formatTable, toJson } from '../format';
import type { CommandSpec } from '../types';

export const runbookList: CommandSpec = {
  words: ['runbook', 'list'],
  positionals: [],
  summary: 'list the built-in runbooks and the organisation\'s own (<data dir>/runbooks)',
  session: 'login',
  options: {},
  details: 'Broken files are listed too, with their problems, so they are fixed rather than missed.',
  examples: ['firebreak runbook list', 'firebreak runbook list --json'],
  run: async (ctx) => {
    const runbooks = await ctx.call('runbooks.list', {});
    if (ctx.json) {
      ctx.print(toJson(runbooks));
      return EXIT.ok;
    }
    if (runbooks.length === 0) {
      ctx.print('No runbooks.');
      return EXIT.ok;
    }
    ctx.print(formatTable(
      ['ID', 'VERSION', 'SOURCE', 'APPLIES TO', 'TITLE'],
      runbooks.map((r) => [
        r.id ?? '-',
        r.version ?? '-',
        r.source,
        r.appliesTo ? `${r.appliesTo.categories.join(',')} ${r.appliesTo.severityAtLeast}+` : '-',
        r.title ?? `BROKEN ${r.file} (${r.problems.length} problem(s))`,
      ]),
    ));
    for (const r of runbooks) for (const line of r.problems) ctx.note(line);
    return EXIT.ok;
  },
};
