import { normalizeJurisdictions, type BreachFacts, type BreachFactsPatch } from '../../contract';
import { fromDateTimeLocal, toDateTimeLocal } from './dateTimeLocal';
import { FACT_GROUPS, type FactField } from './factFields';
import { checkCodes, codesProblem } from './jurisdictionInput';

/** The facts form as typed: every field a string ('' = not known). */
export type FactsForm = Record<FactField['name'], string>;

const FIELDS = FACT_GROUPS.flatMap((g) => g.fields);

export function toFactsForm(facts: BreachFacts): FactsForm {
  const form = {} as FactsForm;
  for (const f of FIELDS) {
    const v = facts[f.name];
    form[f.name] =
      f.kind === 'time' ? toDateTimeLocal(v as string | null)
        : f.kind === 'yesNo' ? (v === true ? 'yes' : v === false ? 'no' : '')
          : f.kind === 'list' ? (v as string[]).join(', ')
            : ((v as string | null) ?? '');
  }
  return form;
}

/**
 * Only what changed, in the API's types: times from the viewer's local wall time to ISO, yes/no
 * to booleans, '' to null ("not known"), a list from comma-separated codes. Returns the fields a
 * value could not be read from (a code that is not a country) instead of sending them.
 */
export function factsPatchFrom(form: FactsForm, original: BreachFacts): { patch: BreachFactsPatch; errors: Partial<Record<FactField['name'], string>> } {
  const patch: Record<string, unknown> = {};
  const errors: Partial<Record<FactField['name'], string>> = {};
  for (const f of FIELDS) {
    const text = form[f.name].trim();
    let value: unknown;
    if (f.kind === 'time') value = fromDateTimeLocal(text);
    else if (f.kind === 'yesNo') value = text === 'yes' ? true : text === 'no' ? false : null;
    else if (f.kind === 'list') {
      const checks = checkCodes(text);
      const problem = codesProblem(checks);
      if (problem) {
        errors[f.name] = problem;
        continue;
      }
      // Aliases go as typed (the backend saves their codes and logs the mapping); UK over a stored GB is no change.
      const codes = [...new Set(checks.map((c) => c.given))];
      if (JSON.stringify([...new Set(normalizeJurisdictions(codes, f.name).codes)]) !== JSON.stringify(original[f.name])) patch[f.name] = codes;
      continue;
    } else value = text === '' ? null : text;
    if (JSON.stringify(value) !== JSON.stringify(original[f.name])) patch[f.name] = value;
  }
  // Every key is a fact of the form, with the value its kind maps to (the API validates it again).
  const typed: BreachFactsPatch = patch;
  return { patch: typed, errors };
}
