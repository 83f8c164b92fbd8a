import { readFileSync } from 'node:fs';
import type { BreachFactsPatch } from '../../../contract';
import { CliError, EXIT, usageError } from '../CliError';
import { toJson } from '../format';
import { formatAssessment, NOT_LEGAL_ADVICE } from '../formatAssessment';
import type { CommandSpec } from '../types';

/** Facts the incident itself holds: set on the incident (incidents.update), the rest through notify.facts.set. */
const INCIDENT_OWNED = ['dataCategories', 'affected'] as const;

export const notifyFacts: CommandSpec = {
  words: ['notify', 'facts'],
  positionals: ['REF'],
  summary: 'merge a facts file (the format of `notify assess --facts`) into an incident\'s breach facts, logged like the form; prints the new assessment',
  session: 'login',
  options: {
    file: { type: 'string', value: 'FACTS.json', required: true, description: 'the facts to set (docs/notify-facts.md); facts not in the file keep their values, null clears one' },
  },
  details: [
    'Every key in the file is checked before anything is changed: a file that is not JSON or holds an unknown',
    'fact or a wrong value exits 2 and changes nothing. dataCategories and affected are the incident\'s own',
    'fields and are set on it (that needs incident:write, which legal users do not have: ask a responder, or',
    'leave them out); every other fact is set with notify.facts.set. Each change is in the hash chain with its',
    'old and new value. Exit 0 also when nothing changed (it says so).',
    NOT_LEGAL_ADVICE,
  ].join('\n'),
  examples: ['firebreak notify facts IR-2026-0007 --file facts.json', 'firebreak notify facts IR-2026-0007 --file facts.json --json'],
  run: async (ctx) => {
    const [ref] = ctx.args as [string];
    const file = ctx.values.file as string;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${err instanceof SyntaxError ? `not JSON (${err.message})` : ((err as NodeJS.ErrnoException).code ?? String(err))}`, EXIT.usage);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw usageError(`${file} must hold one JSON object of facts (docs/notify-facts.md)`);
    const given = parsed as Record<string, unknown>;
    // The engine's own check of a whole facts file (no side effects): an unknown fact or a bad value stops here.
    await ctx.call('notify.assessFacts', { facts: given });
    const own = Object.fromEntries(INCIDENT_OWNED.filter((k) => k in given).map((k) => [k, given[k]]));
    const patch = Object.fromEntries(Object.entries(given).filter(([k]) => !(INCIDENT_OWNED as readonly string[]).includes(k))) as BreachFactsPatch;
    if (Object.keys(own).length > 0) {
      const session = await ctx.call('auth.session', {});
      if (!session?.permissions.includes('incident:write')) {
        throw new CliError(`${Object.keys(own).join(' and ')} are the incident's own fields and ${session?.user ?? 'you'} (${session?.role ?? 'no role'}) may not change incidents: remove them from ${file} or ask a responder; nothing was changed`, EXIT.auth);
      }
    }
    const changed: string[] = [];
    if (Object.keys(own).length > 0) {
      const before = await ctx.call('incidents.get', { ref });
      const fields = Object.keys(own).filter((k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(own[k]));
      if (fields.length > 0) {
        await ctx.call('incidents.update', { ref, patch: Object.fromEntries(fields.map((k) => [k, own[k]])) });
        changed.push(...fields);
      }
    }
    const current = (await ctx.call('notify.facts.get', { ref })).facts as Record<string, unknown>;
    const factChanges = Object.keys(patch).filter((k) => JSON.stringify(current[k]) !== JSON.stringify((patch as Record<string, unknown>)[k]));
    if (factChanges.length > 0) {
      await ctx.call('notify.facts.set', { ref, patch: Object.fromEntries(factChanges.map((k) => [k, (patch as Record<string, unknown>)[k]])) });
      changed.push(...factChanges);
    }
    const assessment = await ctx.call('notify.assess', { ref });
    ctx.note(changed.length > 0 ? `Changed ${changed.length} fact(s) of ${ref}: ${changed.join(', ')}` : `Nothing changed: every fact in ${file} already has that value`);
    ctx.print(ctx.json ? toJson({ notice: NOT_LEGAL_ADVICE, changed, ...assessment }) : formatAssessment(assessment, Intl.DateTimeFormat().resolvedOptions().timeZone));
    return EXIT.ok;
  },
};
