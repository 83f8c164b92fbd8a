import { CliError, EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import { NOT_LEGAL_ADVICE } from '../formatAssessment';
import type { CommandSpec } from '../types';

export const notifyDecide: CommandSpec = {
  words: ['notify', 'decide'],
  positionals: ['REF', 'REGIME_ID'],
  summary: 'record that a regime\'s notice is not required for an incident (or withdraw that decision), with the reason',
  session: 'login',
  options: {
    'not-required': { type: 'boolean', description: 'nobody is told under this regime: the obligation ends, its deadlines leave the board' },
    required: { type: 'boolean', description: 'withdraw an earlier not-required decision: the obligation is open again' },
    reason: { type: 'string', value: 'TEXT', required: true, description: 'why (kept in the hash chain with who and when)' },
  },
  check: (values) => {
    if ((values['not-required'] === true) === (values.required === true)) throw usageError('give one of --not-required or --required');
  },
  details: [
    'Besides a notice recorded as sent, this is the only way an obligation ends; closing the incident does not.',
    'Needs notify:decide (legal, admin). Refused when it would change nothing. ' + NOT_LEGAL_ADVICE,
  ].join('\n'),
  examples: ['firebreak notify decide IR-2026-0007 us-tx-ag --not-required --reason "The processor notified the AG for all 300 residents (evidence E-12)" --user lena'],
  run: async (ctx) => {
    const [ref, regimeId] = ctx.args as [string, string];
    const decision = ctx.values['not-required'] === true ? 'not-required' : 'required';
    const assessment = await ctx.call('notify.decide', { ref, regimeId, decision, reason: ctx.values.reason as string });
    const r = assessment.regimes.find((x) => x.regime.id === regimeId);
    if (!r) throw new CliError(`no regime ${regimeId} in the assessment`, EXIT.error);
    ctx.print(ctx.json ? toJson(r) : decision === 'not-required'
      ? `${r.regime.name} for ${ref}: decided not required by ${r.decision?.by ?? ''} — its deadlines are off the board`
      : `${r.regime.name} for ${ref}: the not-required decision is withdrawn — ${r.open ? 'the obligation is open again' : 'no open obligation (met or not applicable)'}`);
    return EXIT.ok;
  },
};
