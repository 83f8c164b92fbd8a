import { LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import { holidayCalendarSchema, regimeSchema, type HolidayCalendar, type Regime } from '../../contract';
import { checkRegimeRefs } from './checkRegimeRefs';

export interface DataFileProblem {
  line: number;
  col: number;
  message: string;
}

export type DataFileResult<T> = { ok: true; value: T } | { ok: false; problems: DataFileProblem[] };

/** Parses and checks one regime file: the regime, or every problem with its line and column; never a partly valid one. */
export function loadRegime(content: string): DataFileResult<Regime> {
  return loadDataFile(content, regimeSchema, checkRegimeRefs);
}

/** Parses and checks one holiday calendar file. */
export function loadHolidayCalendar(content: string): DataFileResult<HolidayCalendar> {
  return loadDataFile(content, holidayCalendarSchema, () => []);
}

type At = (path: readonly PropertyKey[], message: string) => DataFileProblem;

function loadDataFile<S extends z.ZodType>(content: string, schema: S, check: (value: z.output<S>, at: At) => DataFileProblem[]): DataFileResult<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number) => lineCounter.linePos(offset);
  const yamlProblems = [...doc.errors, ...doc.warnings].map((e) => ({ ...pos(e.pos[0]), message: e.message.split('\n')[0] ?? e.message }));
  if (yamlProblems.length > 0) return { ok: false, problems: yamlProblems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { ok: false, problems: [{ line: 1, col: 1, message: err instanceof Error ? err.message : String(err) }] };
  }
  const at: At = (path, message) => {
    // The deepest node that exists on the path: a missing key is reported where it should be.
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node?.range) return { ...pos(node.range[0]), message };
    }
    return { line: 1, col: 1, message };
  };
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => at(i.path, `${i.path.length > 0 ? `${formatPath(i.path)}: ` : ''}${i.message}`)).sort((a, b) => a.line - b.line || a.col - b.col),
    };
  }
  const problems = check(parsed.data, at);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: parsed.data };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${String(seg)}` : String(seg)), '');
}
