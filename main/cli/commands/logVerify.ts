import { EXIT } from '../CliError';
import { formatVerify, toJson } from '../format';
import type { CommandSpec } from '../types';

export const logVerify: CommandSpec = {
  words: ['log', 'verify'],
  positionals: [],
  summary: 'recompute the hash chain of the event log',
  session: 'login',
  options: {},
  details: 'Exit 0 and the event count and head hash when intact; exit 4 naming the first bad event when not.',
  examples: ['firebreak log verify', 'firebreak log verify --json'],
  run: async (ctx) => {
    const result = await ctx.call('log.verify', {});
    if (ctx.json) ctx.print(toJson(result));
    if (!result.ok) {
      ctx.note(`firebreak: ${formatVerify(result)}`);
      return EXIT.integrity;
    }
    if (!ctx.json) ctx.print(formatVerify(result));
    return EXIT.ok;
  },
};
