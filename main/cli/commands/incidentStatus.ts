import { STATUSES, type IncidentStatus } from '../../../contract/incidentTerms';
import { EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const incidentStatus: CommandSpec = {
  words: ['incident', 'status'],
  positionals: ['REF', 'STATUS'],
  summary: "move an incident to another phase",
  session: 'login',
  options: {},
  details: `STATUS is one of ${STATUSES.join(', ')}.`,
  examples: ['firebreak incident status IR-2026-0001 contained'],
  run: async (ctx) => {
    const [ref, status] = ctx.args as [string, string];
    const incident = await ctx.call('incidents.setStatus', { ref, status: status as IncidentStatus });
    ctx.print(ctx.json ? toJson(incident) : `${incident.ref} is now ${incident.status}.`);
    return EXIT.ok;
  },
};
