import type { AffectedCount, RunInputValue } from '../../contract';
import { fromDateTimeLocal } from './dateTimeLocal';
import { affectedRowsProblem, checkCodes, codesProblem } from './jurisdictionInput';

/** What an input step's form holds while it is being filled in, whatever the type. */
export interface InputDraft {
  /** text, number, datetime (datetime-local), choice, jurisdictions (comma-separated) */
  text: string;
  bool: boolean | null;
  /** data-categories */
  list: string[];
  /** affected-counts */
  rows: AffectedCount[];
}

export const EMPTY_DRAFT: InputDraft = { text: '', bool: null, list: [], rows: [] };

/** The value to send for an input step of `type`, or what is wrong with the draft (said before the API is asked). */
export function inputValueFrom(
  type: string,
  draft: InputDraft,
  options: readonly string[] = [],
): { ok: true; value: RunInputValue } | { ok: false; problem: string } {
  switch (type) {
    case 'number': {
      const n = Number(draft.text);
      return draft.text.trim() !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, problem: 'Enter a number.' };
    }
    case 'boolean':
      return draft.bool === null ? { ok: false, problem: 'Choose yes or no.' } : { ok: true, value: draft.bool };
    case 'datetime': {
      const iso = fromDateTimeLocal(draft.text);
      return iso === null ? { ok: false, problem: 'Enter a date and time.' } : { ok: true, value: iso };
    }
    case 'choice':
      return options.includes(draft.text) ? { ok: true, value: draft.text } : { ok: false, problem: 'Choose one of the options.' };
    case 'data-categories':
      return { ok: true, value: draft.list };
    case 'jurisdictions': {
      // Aliases (UK) go as typed: the backend reads them as their codes; the form shows the mapping.
      const checks = checkCodes(draft.text);
      if (checks.length === 0) return { ok: false, problem: 'Enter at least one country code.' };
      const problem = codesProblem(checks);
      return problem ? { ok: false, problem } : { ok: true, value: [...new Set(checks.map((c) => c.given))] };
    }
    case 'affected-counts': {
      const rows = draft.rows.filter((r) => r.jurisdiction.trim() !== '');
      if (rows.length === 0) return { ok: false, problem: 'Add at least one jurisdiction.' };
      const problem = affectedRowsProblem(rows);
      if (problem) return { ok: false, problem };
      if (rows.some((r) => !Number.isInteger(r.count) || r.count < 0)) return { ok: false, problem: 'Counts are whole numbers, 0 or more.' };
      return { ok: true, value: rows.map((r) => ({ jurisdiction: r.jurisdiction.trim(), count: r.count })) };
    }
    default:
      return draft.text.trim() === '' ? { ok: false, problem: 'Enter a value.' } : { ok: true, value: draft.text.trim() };
  }
}
