import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../../contract/incidentTerms';
import { EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const incidentAdd: CommandSpec = {
  words: ['incident', 'add'],
  positionals: [],
  summary: 'open an incident; prints its reference',
  session: 'login',
  options: {
    title: { type: 'string', value: 'TEXT', description: 'short title', required: true },
    severity: { type: 'string', value: 'SEV', description: SEVERITIES.join(', '), required: true },
    category: { type: 'string', value: 'CATEGORY', description: CATEGORIES.join(', '), required: true },
    owner: { type: 'string', value: 'USER', description: 'user who owns the response' },
  },
  examples: ['firebreak incident add --title "Ransom note on FS01" --severity SEV1 --category ransomware --owner alice'],
  run: async (ctx) => {
    // The router validates the values; a bad severity or category comes back as a usage error.
    const incident = await ctx.call('incidents.create', {
      title: ctx.values.title as string,
      severity: ctx.values.severity as Severity,
      category: ctx.values.category as Category,
      ...(ctx.values.owner !== undefined ? { owner: ctx.values.owner as string } : {}),
    });
    ctx.print(ctx.json ? toJson(incident) : incident.ref);
    return EXIT.ok;
  },
};
