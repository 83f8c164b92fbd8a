import { readFileSync } from 'node:fs';
import { EXERCISE_MARKING } from '../../../contract/incidentTerms';
import { CliError, EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import { formatAssessment, NOT_LEGAL_ADVICE } from '../formatAssessment';
import type { CommandSpec } from '../types';

export const notifyAssess: CommandSpec = {
  words: ['notify', 'assess'],
  positionals: ['[REF]'],
  summary: 'which breach-notification regimes apply to an incident (or a facts file), why, each deadline, and what is missing',
  session: 'login',
  // A facts file needs no vault: tabletop exercises run anywhere. Without a reference there is
  // nothing to sign in for either (the usage error comes first).
  sessionFor: (values, args) => (values.facts !== undefined || args.length === 0 ? 'offline' : 'login'),
  options: {
    facts: { type: 'string', value: 'FILE.json', description: 'assess these facts instead of an incident (format: docs/notify-facts.md); no sign-in' },
  },
  details: [
    'Every regime the engine knows (docs/regime-format.md) against the incident\'s breach facts: NOTIFY with each',
    'stage\'s deadline in the jurisdiction\'s time and yours and the time left; MAY APPLY when a fact is missing',
    '(the clocks run meanwhile); EXEMPT and NOT REQUIRED with the rule and the facts that decided it; then every',
    'missing fact with the regimes it would decide. Exit 0 (the assessment is information, not a verdict).',
    NOT_LEGAL_ADVICE,
  ].join('\n'),
  examples: ['firebreak notify assess IR-2026-0007', 'firebreak notify assess --facts tabletop.json --json'],
  run: async (ctx) => {
    const [ref] = ctx.args;
    const file = ctx.values.facts as string | undefined;
    if ((ref === undefined) === (file === undefined)) throw usageError('give an incident reference or --facts FILE.json (one of them)');
    let assessment;
    let exercise = false;
    if (file !== undefined) {
      let facts: unknown;
      try {
        facts = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      } catch (err) {
        throw new CliError(`cannot read ${file}: ${err instanceof SyntaxError ? `not JSON (${err.message})` : ((err as NodeJS.ErrnoException).code ?? String(err))}`, EXIT.usage);
      }
      assessment = await ctx.call('notify.assessFacts', { facts: facts as never });
    } else {
      assessment = await ctx.call('notify.assess', { ref: ref ?? '' });
      exercise = (await ctx.call('incidents.get', { ref: ref ?? '' })).exercise;
    }
    // An exercise's assessment is rehearsal: said first, so a pasted copy cannot start a real notice.
    const text = ctx.json
      ? toJson({ notice: NOT_LEGAL_ADVICE, ...(exercise ? { exercise: EXERCISE_MARKING } : {}), ...assessment })
      : `${exercise ? `*** ${EXERCISE_MARKING} ***\n` : ''}${formatAssessment(assessment, Intl.DateTimeFormat().resolvedOptions().timeZone)}`;
    ctx.print(text);
    return EXIT.ok;
  },
};
