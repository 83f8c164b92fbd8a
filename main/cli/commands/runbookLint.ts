import { readFileSync } from 'node:fs';
import { CliError, EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const runbookLint: CommandSpec = {
  words: ['runbook', 'lint'],
  positionals: ['PATH…'],
  summary: 'check runbook files and print every problem as file:line:col: message',
  // The check is a public API method that reads no data: no vault, no sign-in (usable in CI).
  session: 'offline',
  options: {},
  details: 'Exit 0 when every file is a valid runbook; exit 1 with one line per problem on stdout otherwise (format: docs/runbook-format.md).',
  examples: ['firebreak runbook lint runbooks/*.yaml', 'firebreak runbook lint my-runbook.yaml --json'],
  run: async (ctx) => {
    const files = ctx.args.map((path) => {
      try {
        return { name: path, text: readFileSync(path, 'utf8') };
      } catch (err) {
        throw new CliError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, EXIT.error);
      }
    });
    const results = await ctx.call('runbooks.lint', { files });
    const bad = results.filter((r) => !r.ok);
    if (ctx.json) ctx.print(toJson(results));
    else {
      for (const r of results) for (const line of r.problems) ctx.print(line);
      const problems = bad.reduce((n, r) => n + r.problems.length, 0);
      ctx.note(bad.length === 0 ? `${results.length} runbook file(s) OK` : `${problems} problem(s) in ${bad.length} of ${results.length} file(s)`);
    }
    return bad.length === 0 ? EXIT.ok : EXIT.error;
  },
};
