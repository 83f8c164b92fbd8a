import { ApiFailure, checkJurisdiction, DATA_CATEGORIES, describeJurisdiction, type RunInputValue } from '../../contract';
import type { RunbookStep } from './runbookSchema';

type InputStep = Extract<RunbookStep, { kind: 'input' }>;

function invalid(step: InputStep, message: string): never {
  throw new ApiFailure('VALIDATION', `step "${step.id}": ${message}`, { issues: [`value: ${message}`] });
}

/** "a, b,c" or ["a","b"] → ["a","b","c"]: the CLI sends text, the UI sends lists. */
function toList(raw: unknown): string[] | null {
  if (typeof raw === 'string') return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) return raw.map((s) => s.trim());
  return null;
}

/** The code a jurisdiction stands for (an alias gives its code), or the refusal with the nearest codes. */
function codeOf(step: InputStep, given: unknown): string {
  if (typeof given !== 'string') return invalid(step, `not a jurisdiction code: ${JSON.stringify(given)}`);
  const check = checkJurisdiction(given);
  return check.ok ? check.code : invalid(step, check.message);
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks an input step's value against its type and returns it in one canonical form. Accepts
 * the typed value (UI) or its text form (CLI `--value`): `42`, `yes`, `health,contact`,
 * `DE=120,US-CA=40`.
 */
export function parseInputValue(step: InputStep, raw: unknown): RunInputValue {
  if (raw === undefined || raw === null || raw === '') invalid(step, `a value is needed (${step.type})`);
  switch (step.type) {
    case 'text': {
      if (typeof raw !== 'string') invalid(step, 'expected text');
      const text = raw.trim();
      if (text === '' || text.length > 20_000) invalid(step, 'expected 1 to 20,000 characters');
      return text;
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) invalid(step, `expected a number, not ${JSON.stringify(raw)}`);
      return n;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const t = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (['yes', 'true', 'y'].includes(t)) return true;
      if (['no', 'false', 'n'].includes(t)) return false;
      return invalid(step, `expected yes or no, not ${JSON.stringify(raw)}`);
    }
    case 'datetime': {
      if (typeof raw !== 'string' || !ISO_WITH_OFFSET.test(raw.trim()) || Number.isNaN(Date.parse(raw))) {
        invalid(step, `expected a date and time with its offset, like 2026-11-22T09:30:00Z, not ${JSON.stringify(raw)}`);
      }
      return new Date(Date.parse(raw)).toISOString();
    }
    case 'choice': {
      const options = step.options ?? [];
      if (typeof raw !== 'string' || !options.includes(raw.trim())) invalid(step, `expected one of ${options.join(', ')}, not ${JSON.stringify(raw)}`);
      return raw.trim();
    }
    case 'data-categories': {
      const items = toList(raw);
      if (items === null || items.length === 0) invalid(step, `expected data categories (${DATA_CATEGORIES.join(', ')})`);
      const bad = items.filter((c) => !(DATA_CATEGORIES as readonly string[]).includes(c));
      if (bad.length > 0) invalid(step, `unknown data categories: ${bad.join(', ')} (known: ${DATA_CATEGORIES.join(', ')})`);
      return [...new Set(items)];
    }
    case 'jurisdictions': {
      const items = toList(raw);
      if (items === null || items.length === 0) invalid(step, 'expected jurisdiction codes like DE, US-CA');
      // Aliases (UK) are read as their codes (GB); the UI and the CLI show the mapping before sending.
      const codes = items.map((j) => codeOf(step, j));
      return [...new Set(codes)];
    }
    case 'affected-counts': {
      const pairs = typeof raw === 'string'
        ? raw.split(',').map((p) => p.trim()).filter((p) => p !== '').map((p) => {
            const m = /^([^=\s]+)\s*=\s*(\d+)$/.exec(p);
            return m ? { jurisdiction: m[1] as string, count: Number(m[2]) } : null;
          })
        : Array.isArray(raw) ? raw.map((p: unknown) => (p && typeof p === 'object' ? (p as { jurisdiction: string; count: number }) : null)) : null;
      if (pairs === null || pairs.length === 0 || pairs.some((p) => p === null)) invalid(step, 'expected counts per jurisdiction, like DE=120,US-CA=40');
      const out: { jurisdiction: string; count: number }[] = [];
      for (const p of pairs as { jurisdiction: unknown; count: unknown }[]) {
        const code = codeOf(step, p.jurisdiction);
        if (typeof p.count !== 'number' || !Number.isInteger(p.count) || p.count < 0 || p.count > 10_000_000_000) invalid(step, `not a count of people: ${JSON.stringify(p.count)}`);
        if (out.some((o) => o.jurisdiction === code)) {
          invalid(step, `${code === p.jurisdiction ? code : `${String(p.jurisdiction)} (${describeJurisdiction(code)})`} is given twice: give one count per jurisdiction`);
        }
        out.push({ jurisdiction: code, count: p.count });
      }
      return out;
    }
  }
}
