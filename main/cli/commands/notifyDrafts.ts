import { approvalSummary } from '../../../contract/approvalSummary';
import { EXIT } from '../CliError';
import { formatMinute, formatTable, toJson } from '../format';
import type { CommandSpec } from '../types';

export const notifyDrafts: CommandSpec = {
  words: ['notify', 'drafts'],
  positionals: ['REF'],
  summary: 'list an incident\'s notification drafts: regime, stage, audience, version, approvals, placeholders left, when sent',
  session: 'login',
  options: {},
  details: 'With --json: each draft in full (text, versions, approvals, contents present and missing, the sent record).',
  examples: ['firebreak notify drafts IR-2026-0007', 'firebreak notify drafts IR-2026-0007 --json | jq -r \'.[] | select(.status == "approved") | .id\''],
  run: async (ctx) => {
    const [ref] = ctx.args as [string];
    const summaries = await ctx.call('notify.drafts.list', { ref });
    const drafts = await Promise.all(summaries.map((d) => ctx.call('notify.drafts.get', { id: d.id })));
    if (ctx.json) {
      ctx.print(toJson(drafts));
      return EXIT.ok;
    }
    if (drafts.length === 0) {
      ctx.print(`No notification drafts on ${ref}. Draft one with \`firebreak notify draft ${ref} REGIME --format md --out FILE\`.`);
      return EXIT.ok;
    }
    ctx.print(formatTable(
      ['ID', 'REGIME', 'STAGE', 'AUDIENCE', 'VERSION', 'STATUS', 'APPROVALS', 'PLACEHOLDERS', 'SENT'],
      drafts.map((d) => [
        d.id, d.regimeId, d.stage ?? '-', d.audience, `${d.version}`, d.status + (d.supplementTo ? ` (supplements ${d.supplementTo.slice(0, 8)})` : ''),
        d.status === 'sent' ? '-' : approvalSummary(d), String(d.placeholders.length), d.sent ? `${formatMinute(d.sent.at)} via ${d.sent.channel} to ${d.sent.recipient}` : '-',
      ]),
    ));
    return EXIT.ok;
  },
};
