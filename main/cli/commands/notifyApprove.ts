import { approvalSummary } from '../../../contract/approvalSummary';
import { EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';
import { draftOf } from '../draftOf';

export const notifyApprove: CommandSpec = {
  words: ['notify', 'approve'],
  positionals: ['REF', 'DRAFT_ID'],
  summary: 'approve the latest version of a notification draft (legal; the second approver when two are needed)',
  session: 'login',
  options: {},
  details: [
    'Refused, naming why, while [[MISSING: …]] placeholders remain, when you already approved this version, or',
    'when two approvers are needed and you wrote the version. Exit 0 with the approval state ("1 of 2 approvals',
    '(lena)", "Approved by lena and luis").',
  ].join('\n'),
  examples: ['firebreak notify approve IR-2026-0007 3f6c1a2e-…  --user lena'],
  run: async (ctx) => {
    const [ref, id] = ctx.args as [string, string];
    await draftOf(ctx, ref, id);
    const draft = await ctx.call('notify.drafts.approve', { id });
    ctx.print(ctx.json ? toJson(draft) : `${draft.regimeName} notice ${draft.id}, version ${draft.version}: ${approvalSummary(draft)}${draft.status === 'approved' ? ' — it can be recorded as sent (firebreak notify sent)' : ''}`);
    return EXIT.ok;
  },
};
