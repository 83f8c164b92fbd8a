import type { ApiError, Incident, MethodInput, OpenItem } from '../../../contract';
import { STATUSES, type IncidentStatus } from '../../../contract/incidentTerms';
import { apiFailure } from '../apiFailure';
import { CliError, EXIT } from '../CliError';
import { formatTable, toJson } from '../format';
import { timeOrderRefusal } from '../timeOrderRefusal';
import type { CommandContext, CommandSpec } from '../types';

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;

/** The refusals a flag of this command answers, said in the command's own words; anything else as usual. */
function refusal(error: ApiError, ref: string, status: string): CliError {
  if (error.skippedPhases?.length) {
    const n = error.skippedPhases.length;
    return new CliError(
      `moving ${ref} to ${status} passes over ${list(error.skippedPhases)}, which ${n === 1 ? 'has' : 'have'} no time: ` +
        `pass --skip-phases to record ${n === 1 ? 'it' : 'them'} as skipped`,
      EXIT.usage, error.code,
    );
  }
  const outOfOrder = timeOrderRefusal(error);
  if (outOfOrder) return outOfOrder;
  if (error.issues?.some((i) => i.startsWith('reason:'))) return new CliError(`${error.message} (pass --reason TEXT)`, EXIT.usage, error.code);
  return apiFailure(error);
}

function printOpenItems(ctx: CommandContext, error: ApiError, items: OpenItem[], ref: string): number {
  if (ctx.json) ctx.print(toJson({ error: { code: error.code, message: error.message }, openItems: items }));
  ctx.note(`firebreak: ${ref} still has ${items.length} open ${items.length === 1 ? 'item' : 'items'}; closing over ${items.length === 1 ? 'it' : 'them'} needs --reason TEXT (recorded with this list; it ends none of it):`);
  ctx.note(formatTable(['KIND', 'WHAT IS OPEN'], items.map((i) => [i.kind, i.text])).replace(/^/gm, '  '));
  return EXIT.error;
}

/** What the move did beyond the status: phases it recorded as skipped, times it set aside. */
function consequences(before: Incident, after: Incident): string {
  const from = STATUSES.indexOf(before.status);
  const to = STATUSES.indexOf(after.status);
  const skipped = after.phases.filter((p, i) => i > from && i < to && p.state === 'skipped').map((p) => p.phase);
  const setAside = after.phases
    .filter((p, i) => p.superseded.length > (before.phases[i]?.superseded.length ?? 0))
    .map((p) => `${p.phase} ${p.superseded.at(-1)!.at}`);
  const notes = [
    ...(skipped.length ? [`skipped (no time): ${skipped.join(', ')}`] : []),
    ...(setAside.length ? [`set aside as superseded: ${setAside.join(', ')}`] : []),
  ];
  return notes.length ? ` ${notes.map((n) => `${n.charAt(0).toUpperCase()}${n.slice(1)}.`).join(' ')}` : '';
}

export const incidentStatus: CommandSpec = {
  words: ['incident', 'status'],
  positionals: ['REF', 'STATUS'],
  summary: 'move an incident to another phase',
  session: 'login',
  options: {
    'skip-phases': { type: 'boolean', description: 'moving forward over phases without a time: record them as skipped (they never get a time)' },
    reason: { type: 'string', value: 'TEXT', description: 'why: needed to move back (later times are set aside as superseded) and to close over open items' },
    'override-time-order': { type: 'string', value: 'REASON', description: 'keep a phase time that comes before an earlier phase\'s, saying why (logged)' },
  },
  details: [
    `STATUS is one of ${STATUSES.join(', ')}. Reaching a phase stamps its time unless it has one.`,
    'Exit 2 when the move passes over phases without a time and --skip-phases is not given (naming them),',
    'when moving back without --reason, and when the new time would come before an earlier phase\'s.',
    'Exit 1 when closing over open items (unmet notification obligations, runbook runs with unfinished steps,',
    'pending approvals, unsent notices) without --reason: the list goes to stderr (with --json, also',
    '{"error": {...}, "openItems": [...]} on stdout). Closing records the decision; it ends no obligation.',
  ].join('\n'),
  examples: [
    'firebreak incident status IR-2026-0001 contained',
    'firebreak incident status IR-2026-0001 eradicated --skip-phases',
    'firebreak incident status IR-2026-0001 contained --reason "Attacker came back through a second VPN account"',
    'firebreak incident status IR-2026-0001 closed --reason "Notices go out with the quarterly filing (legal: L. Weber)"',
  ],
  run: async (ctx) => {
    const [ref, status] = ctx.args as [string, string];
    const before = await ctx.call('incidents.get', { ref });
    const reason = ctx.values.reason as string | undefined;
    const override = ctx.values['override-time-order'] as string | undefined;
    const input: MethodInput<'incidents.setStatus'> = {
      ref,
      status: status as IncidentStatus,
      ...(ctx.values['skip-phases'] === true ? { skipPhases: true } : {}),
      ...(reason !== undefined ? { reason } : {}),
      ...(override !== undefined ? { overrideTimeOrder: override } : {}),
    };
    const result = await ctx.backend.handle(ctx.conn, 'incidents.setStatus', input);
    if (!result.ok) {
      if (result.error.openItems?.length) return printOpenItems(ctx, result.error, result.error.openItems, ref);
      throw refusal(result.error, ref, status);
    }
    const incident = result.value as Incident;
    const back = STATUSES.indexOf(incident.status) < STATUSES.indexOf(before.status);
    ctx.print(ctx.json ? toJson(incident) : `${incident.ref} is ${back ? 'back in' : 'now'} ${incident.status}.${consequences(before, incident)}`);
    return EXIT.ok;
  },
};
