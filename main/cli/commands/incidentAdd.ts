import type { Incident, MethodInput } from '../../../contract';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../../contract/incidentTerms';
import { apiFailure } from '../apiFailure';
import { EXIT } from '../CliError';
import { toJson } from '../format';
import { isoTimeOption } from '../isoTimeOption';
import { timeOrderRefusal } from '../timeOrderRefusal';
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
    'started-at': { type: 'string', value: 'ISO', description: 'when the compromise or impact began, if known (ISO 8601 with offset); default: unknown' },
    'detected-at': { type: 'string', value: 'ISO', description: 'when it was detected (ISO 8601 with offset); default: now' },
    exercise: { type: 'boolean', description: 'a tabletop or drill, not a real incident: marked EXERCISE everywhere, left out of KPIs' },
    'override-time-order': { type: 'string', value: 'REASON', description: 'keep a start after the detection, saying why (logged)' },
  },
  details: [
    'Times are ISO 8601 with a UTC offset (2026-03-14T09:30:00Z, 2026-03-14T10:30+01:00); anything else exits 2.',
    'A start after the detection exits 2 naming the pair, unless --override-time-order REASON is given.',
  ].join('\n'),
  examples: [
    'firebreak incident add --title "Ransom note on FS01" --severity SEV1 --category ransomware --owner alice',
    'firebreak incident add --title "Phishing wave" --severity SEV3 --category phishing --started-at 2026-03-10T07:00:00Z --detected-at 2026-03-12T08:15:00Z',
    'firebreak incident add --title "Tabletop: ransomware on the file server" --severity SEV1 --category ransomware --exercise',
  ],
  check: (values) => {
    for (const option of ['started-at', 'detected-at']) if (values[option] !== undefined) isoTimeOption(option, values[option] as string);
  },
  run: async (ctx) => {
    const v = ctx.values;
    const time = (option: string) => (v[option] === undefined ? undefined : isoTimeOption(option, v[option] as string));
    const startedAt = time('started-at');
    const detectedAt = time('detected-at');
    // The router validates the values; a bad severity or category comes back as a usage error.
    const input: MethodInput<'incidents.create'> = {
      title: v.title as string,
      severity: v.severity as Severity,
      category: v.category as Category,
      ...(v.owner !== undefined ? { owner: v.owner as string } : {}),
      ...(startedAt !== undefined ? { startedAt } : {}),
      ...(detectedAt !== undefined ? { detectedAt } : {}),
      ...(v.exercise === true ? { exercise: true } : {}),
      ...(v['override-time-order'] !== undefined ? { overrideTimeOrder: v['override-time-order'] as string } : {}),
    };
    const result = await ctx.backend.handle(ctx.conn, 'incidents.create', input);
    if (!result.ok) throw timeOrderRefusal(result.error) ?? apiFailure(result.error);
    const incident = result.value as Incident;
    ctx.print(ctx.json ? toJson(incident) : incident.ref);
    if (incident.exercise && !ctx.json) ctx.note(`firebreak: ${incident.ref} is an exercise: marked EXERCISE everywhere, left out of KPIs`);
    return EXIT.ok;
  },
};
