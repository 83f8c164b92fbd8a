import type { Incident, IncidentFields, MethodInput } from '../../../contract';
import { CATEGORIES, SEVERITIES } from '../../../contract/incidentTerms';
import { apiFailure } from '../apiFailure';
import { EXIT, usageError } from '../CliError';
import { formatChangeValue, toJson } from '../format';
import { isoTimeOption, yesNoOption } from '../isoTimeOption';
import { timeOrderRefusal } from '../timeOrderRefusal';
import type { CommandSpec, OptionValues } from '../types';

/** Each time option and the field it sets; `--started-at unknown` clears the start (it is an estimate, not a phase reached). */
const TIME_OPTIONS = {
  'started-at': 'startedAt', 'detected-at': 'detectedAt', 'triaged-at': 'triagedAt', 'contained-at': 'containedAt',
  'eradicated-at': 'eradicatedAt', 'recovered-at': 'recoveredAt', 'closed-at': 'closedAt',
} as const satisfies Record<string, keyof IncidentFields>;
const TEXT_OPTIONS = { title: 'title', category: 'category', severity: 'severity', owner: 'owner' } as const satisfies Record<string, keyof IncidentFields>;
/** The reporter's details: an empty value clears them. */
const REPORTER_OPTIONS = { 'reporter-name': 'reporterName', 'reporter-email': 'reporterEmail', 'reporter-phone': 'reporterPhone' } as const satisfies Record<string, keyof IncidentFields>;
const FIELD_OPTIONS = [...Object.keys(TEXT_OPTIONS), ...Object.keys(TIME_OPTIONS), ...Object.keys(REPORTER_OPTIONS), 'exercise'];

/** The patch the options ask for; usage errors (a bad time, `--exercise maybe`, nothing to change) before anything is opened. */
function patchOf(values: OptionValues): Partial<IncidentFields> {
  // In the order of the incident's fields (contract/incident.ts), which is the order of the changes in the log.
  const patch: Record<string, unknown> = {};
  for (const [option, field] of Object.entries(TEXT_OPTIONS)) if (typeof values[option] === 'string') patch[field] = values[option];
  for (const [option, field] of Object.entries(TIME_OPTIONS)) {
    const v = values[option];
    if (typeof v !== 'string') continue;
    patch[field] = option === 'started-at' && v.trim().toLowerCase() === 'unknown' ? null : isoTimeOption(option, v);
  }
  for (const [option, field] of Object.entries(REPORTER_OPTIONS)) {
    const v = values[option];
    if (typeof v === 'string') patch[field] = v.trim() === '' ? null : v;
  }
  if (typeof values.exercise === 'string') patch.exercise = yesNoOption('exercise', values.exercise);
  if (Object.keys(patch).length === 0) {
    throw usageError(`incident edit needs something to change: ${FIELD_OPTIONS.map((o) => `--${o}`).join(', ')} (see firebreak incident edit --help)`);
  }
  return patch;
}

export const incidentEdit: CommandSpec = {
  words: ['incident', 'edit'],
  positionals: ['REF'],
  summary: 'change an incident\'s fields and times, each change logged with before and after',
  session: 'login',
  options: {
    title: { type: 'string', value: 'TEXT', description: 'short title' },
    severity: { type: 'string', value: 'SEV', description: SEVERITIES.join(', ') },
    category: { type: 'string', value: 'CATEGORY', description: CATEGORIES.join(', ') },
    owner: { type: 'string', value: 'USER', description: 'user who owns the response' },
    'started-at': { type: 'string', value: 'ISO', description: 'when the compromise or impact began; "unknown" clears it' },
    'detected-at': { type: 'string', value: 'ISO', description: 'when it was detected' },
    'triaged-at': { type: 'string', value: 'ISO', description: 'when it was triaged' },
    'contained-at': { type: 'string', value: 'ISO', description: 'when it was contained' },
    'eradicated-at': { type: 'string', value: 'ISO', description: 'when it was eradicated' },
    'recovered-at': { type: 'string', value: 'ISO', description: 'when it was recovered' },
    'closed-at': { type: 'string', value: 'ISO', description: 'when it was closed' },
    exercise: { type: 'string', value: 'yes|no', description: 'a tabletop or drill (yes), or a real incident (no)' },
    'reporter-name': { type: 'string', value: 'TEXT', description: 'who reported it ("" clears it; needs pii:read)' },
    'reporter-email': { type: 'string', value: 'EMAIL', description: 'the reporter\'s e-mail ("" clears it; needs pii:read)' },
    'reporter-phone': { type: 'string', value: 'PHONE', description: 'the reporter\'s phone ("" clears it; needs pii:read)' },
    reason: { type: 'string', value: 'TEXT', description: 'why (a time corrected from the firewall log…): recorded with the changes' },
    'override-time-order': { type: 'string', value: 'REASON', description: 'keep a time that comes before an earlier phase\'s, saying why (logged)' },
  },
  details: [
    'Only the values that differ from the incident\'s are changed, all in one incident.updated event in the log',
    'with each field\'s before and after, and --reason with them. Times are ISO 8601 with a UTC offset',
    '(2026-03-14T09:30:00Z, 2026-03-14T10:30+01:00). A phase the incident has reached keeps a time: it can be',
    'corrected, not removed (moving the incident back with `incident status` sets times aside).',
    'Order: started <= detected <= triaged <= contained <= eradicated <= recovered <= closed where both are known.',
    'Exit 2: no option given, a time that is not one, --exercise other than yes or no, an invalid value, or',
    'times out of order (naming the pair; keep them with --override-time-order REASON). Exit 1: no such incident.',
    'Prints what changed; with --json, the updated incident.',
  ].join('\n'),
  examples: [
    'firebreak incident edit IR-2026-0001 --started-at 2026-03-10T07:00:00Z --reason "First beacon in the proxy log"',
    'firebreak incident edit IR-2026-0001 --started-at unknown --reason "The proxy log was from another host"',
    'firebreak incident edit IR-2026-0001 --contained-at 2026-03-14T09:15:00Z --override-time-order "The MSP contained it before our triage"',
    'firebreak incident edit IR-2026-0002 --exercise yes --reason "Declared during the tabletop"',
  ],
  check: (values) => void patchOf(values),
  run: async (ctx) => {
    const ref = ctx.args[0] as string;
    const patch = patchOf(ctx.values);
    const reason = ctx.values.reason as string | undefined;
    const override = ctx.values['override-time-order'] as string | undefined;
    const before = await ctx.call('incidents.get', { ref });
    const input: MethodInput<'incidents.update'> = {
      ref, patch, ...(reason !== undefined ? { reason } : {}), ...(override !== undefined ? { overrideTimeOrder: override } : {}),
    };
    const result = await ctx.backend.handle(ctx.conn, 'incidents.update', input);
    if (!result.ok) throw timeOrderRefusal(result.error) ?? apiFailure(result.error);
    const after = result.value as Incident;
    if (ctx.json) {
      ctx.print(toJson(after));
      return EXIT.ok;
    }
    const changed = (Object.keys(patch) as (keyof IncidentFields)[]).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
    ctx.print(changed.length === 0
      ? `${ref} unchanged: it already has these values.`
      : [`${ref} updated:`, ...changed.map((f) => `  ${f}: ${formatChangeValue(before[f])} -> ${formatChangeValue(after[f])}`)].join('\n'));
    return EXIT.ok;
  },
};
