import { isCalendarDay } from '../../../contract/calendarDay';
import { formatActionId } from '../../../contract/reviewTerms';
import { EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const actionAdd: CommandSpec = {
  words: ['action', 'add'],
  positionals: ['REF'],
  summary: 'add an action item to an incident; prints its id (A-7)',
  session: 'login',
  options: {
    title: { type: 'string', value: 'TEXT', required: true, description: 'what is to be done (3 to 200 characters)' },
    owner: { type: 'string', value: 'USER', required: true, description: 'who does it: a user who can sign in and work action items (not an auditor)' },
    due: { type: 'string', value: 'DATE', required: true, description: 'the date it is due on, YYYY-MM-DD (a date, no time of day: overdue once that day has ended where Firebreak runs); a date already past records it as overdue at once' },
  },
  check: (values) => {
    const due = values.due as string;
    if (!isCalendarDay(due)) {
      throw usageError(`--due must be a calendar date like 2026-04-30 (a due date has no time of day), not ${JSON.stringify(due)}`);
    }
  },
  details: 'Needs action:write (everyone but auditors). Recorded in the incident\'s timeline; an alarm goes off a day before it is due and when it is overdue.',
  examples: ['firebreak action add IR-2026-0007 --title "Close RDP on every server" --owner omar --due 2026-04-30'],
  run: async (ctx) => {
    const [ref] = ctx.args as [string];
    const item = await ctx.call('actions.add', { ref, title: ctx.values.title as string, owner: ctx.values.owner as string, due: ctx.values.due as string });
    ctx.print(ctx.json ? toJson(item) : formatActionId(item.id));
    return EXIT.ok;
  },
};
