import { EXIT } from '../CliError';
import { formatTable, toJson } from '../format';
import type { CommandSpec } from '../types';

export const notifyRegimes: CommandSpec = {
  words: ['notify', 'regimes'],
  positionals: [],
  summary: 'list the notification regimes Firebreak knows: the id to give `notify draft`, jurisdiction, who is told, when the rule was last reviewed',
  // The regime library ships with Firebreak: no passphrase, no data directory.
  session: 'offline',
  options: {},
  details: 'With --json: each regime with its title, jurisdiction (code, name, time zone), audience, recipient, review date and legal sources.',
  examples: ['firebreak notify regimes', 'firebreak notify regimes --json | jq -r \'.[] | select(.jurisdiction.code == "DE") | .id\''],
  run: async (ctx) => {
    const regimes = [...(await ctx.call('notify.regimes', {}))].sort((a, b) => a.jurisdiction.code.localeCompare(b.jurisdiction.code) || a.id.localeCompare(b.id));
    if (ctx.json) {
      ctx.print(toJson(regimes));
      return EXIT.ok;
    }
    ctx.print(formatTable(
      ['ID', 'WHERE', 'AUDIENCE', 'REGIME', 'REVIEWED'],
      regimes.map((r) => [r.id, r.jurisdiction.code, r.audience, r.name, r.reviewedOn]),
    ));
    ctx.print(`${regimes.length} regimes. Draft a notice with \`firebreak notify draft REF ID --format md --out FILE\`.`);
    return EXIT.ok;
  },
};
