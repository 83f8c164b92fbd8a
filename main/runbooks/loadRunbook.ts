import { LineCounter, isCollection, isScalar, parseDocument, visit, type Node } from 'yaml';
import { MAX_RUNBOOK_BYTES, formatByteCount, formatByteLimit, utf8Length } from '../../contract/runbookTerms';
import type { z } from 'zod';
import { checkRunbookGraph } from './checkRunbookGraph';
import { findDeepNesting } from './findDeepNesting';
import { locateNode } from './locateNode';
import { runbookContentHash } from './runbookContentHash';
import { runbookSchema, whenSchema } from './runbookSchema';
import type { LoadResult, RunbookProblem } from './types';

const WHEN_FIELDS = Object.keys(whenSchema.shape).join(', ');

/**
 * At most this many problems are reported per file (each is located in the tree, which costs a walk
 * from the root): a file with more is not a runbook someone is fixing line by line.
 */
export const MAX_PROBLEMS = 100;

/**
 * Parses and checks one runbook file. Returns the runbook, or every problem found with the
 * line and column of the offending node; never a partly valid runbook, and never throws on
 * bad input (a property-based test feeds it random YAML).
 */
export function loadRunbook(file: string, content: Uint8Array | string): LoadResult {
  const contentHash = runbookContentHash(content);
  let text: string;
  try {
    text = typeof content === 'string' ? content : new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { ok: false, problems: [{ line: 1, col: 1, message: 'not UTF-8 text' }] };
  }

  // Bounds first, in linear time, before the parser (issue 13 §6): a file too large, or nested so
  // deeply that the parser slows down quadratically and the composer's recursion can abort the process.
  const bytes = typeof content === 'string' ? utf8Length(content) : content.byteLength;
  if (bytes > MAX_RUNBOOK_BYTES) {
    return { ok: false, problems: [{ line: 1, col: 1, message: `the file is ${formatByteCount(bytes)}; a runbook file may be at most ${formatByteLimit(MAX_RUNBOOK_BYTES)}: shorten it, or split it into several runbooks` }] };
  }
  const deep = findDeepNesting(text);
  if (deep) return { ok: false, problems: [deep] };

  const lineCounter = new LineCounter();
  // uniqueKeys is checked below in linear time: the parser's own check compares every key of a
  // mapping with every other (a 190 KB mapping took 17 s).
  const doc = withoutStackTraces(() => parseDocument(text, { lineCounter, keepSourceTokens: true, prettyErrors: false, uniqueKeys: false }));
  const pos = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  // Warnings too (an unresolved tag, say): a runbook is read by people under stress, so
  // anything the parser had to guess about is a problem.
  // Each list is in file order, so the first MAX_PROBLEMS of each hold the first MAX_PROBLEMS of all.
  const yamlProblems = [...doc.errors.slice(0, MAX_PROBLEMS), ...doc.warnings.slice(0, MAX_PROBLEMS)].map((e) => ({
    ...pos(e.pos[0]),
    message: yamlMessage(e.code, e.message, text.slice(e.pos[0], e.pos[0] + 200)),
  }));
  let found = doc.errors.length + doc.warnings.length;
  const treeProblems: RunbookProblem[] = [];
  const addProblem = (offset: number, message: () => string) => {
    found++;
    if (treeProblems.length < MAX_PROBLEMS) treeProblems.push({ ...pos(offset), message: message() });
  };
  // A runbook's keys are all plain words; a list or mapping used as a key would be turned into
  // a string by toJS (with a process warning), so it is reported here instead.
  visit(doc, {
    Map: (_key, map) => {
      // A key may appear once per mapping, as the parser's uniqueKeys would say (same scalar value and type).
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value: unknown = pair.key.value;
        const id = `${typeof value}:${String(value)}`;
        if (!seen.has(id)) {
          seen.add(id);
          continue;
        }
        const at = pair.key.range?.[0] ?? 0;
        addProblem(at, () => yamlMessage('DUPLICATE_KEY', '', text.slice(at, at + 200)));
      }
    },
    Pair: (_key, pair) => {
      if (isCollection(pair.key)) addProblem(pair.key.range?.[0] ?? 0, () => 'a key must be plain text, not a list or mapping');
    },
  });
  if (found > 0) return { ok: false, problems: sortProblems([...yamlProblems, ...treeProblems], found) };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // toJS refuses alias bombs ("billion laughs") and similar; the file is not a runbook then.
    return { ok: false, problems: [{ line: 1, col: 1, message: firstLine(err instanceof Error ? err.message : String(err)) }] };
  }

  const at = (path: readonly PropertyKey[], message: string, useKey = false): RunbookProblem => {
    const found = locateNode(doc, path);
    const node: Node | null = useKey && found.complete && found.key ? found.key : found.node;
    return { ...pos(node?.range?.[0] ?? 0), message };
  };

  const parsed = runbookSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const found = issues.reduce((n, issue) => n + (issue.code === 'unrecognized_keys' ? issue.keys.length : 1), 0);
    return { ok: false, problems: sortProblems(issues.slice(0, MAX_PROBLEMS).flatMap((issue) => describeIssue(issue, data, at)), found) };
  }
  const graph = checkRunbookGraph(parsed.data, (path, message) => at(path, message));
  if (graph.length > 0) return { ok: false, problems: sortProblems(graph) };
  return { ok: true, runbook: { file, contentHash, definition: parsed.data } };
}

/**
 * Runs the parser with stack traces off: it makes an Error for every problem it finds, and
 * capturing a stack for each made a file of 260,000 problems several times slower to read. The
 * problems carry their offsets; no one reads those stacks.
 */
function withoutStackTraces<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

type At = (path: readonly PropertyKey[], message: string, useKey?: boolean) => RunbookProblem;

/** One zod issue in the words of the file: what is wrong, with which key, in which step. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown, at: At): RunbookProblem[] {
  const path = issue.path;
  const { field, where } = describePath(path, data);
  const value = valueAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const inWhen = path[path.length - 1] === 'when';
      return issue.keys.slice(0, MAX_PROBLEMS).map((k) =>
        at([...path, k], inWhen ? `when: unknown field "${k}"${where} (known: ${WHEN_FIELDS})` : `unknown key "${k}"${field ? ` in ${field}` : ''}${where}`, true),
      );
    }
    case 'invalid_type':
      if (path.length === 0) return [at(path, `a runbook must be a mapping of keys to values, not ${typeName(value)}`)];
      if (value === undefined) return [at(path.slice(0, -1), `missing required field "${field}"${where}`)];
      return [at(path, `"${field}" must be ${article(issue.expected)}, not ${typeName(value)}${where}`)];
    case 'invalid_value':
      return [at(path, `"${field}" must be ${issue.values.length === 1 ? String(issue.values[0]) : `one of ${issue.values.map(String).join(', ')}`}, not ${JSON.stringify(value)}${where}`)];
    case 'invalid_union':
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        const options = (issue as { options?: unknown[] }).options ?? [];
        if (value === undefined) return [at(path.slice(0, -1), `missing required field "${field}"${where}`)];
        return [at(path, `"${field}" must be one of ${options.map(String).join(', ')}, not ${JSON.stringify(value)}${where}`)];
      }
      return [at(path, `"${field}" has the wrong type (${typeName(value)})${where}`)];
    case 'too_small':
    case 'too_big': {
      const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const which = issue.code === 'too_small' ? 'at least' : 'at most';
      if (issue.origin === 'array') return [at(path, `"${field}" needs ${which} ${bound} item(s)${where}`)];
      if (issue.origin === 'string') {
        return [at(path, issue.code === 'too_small' && bound === '1' ? `"${field}" must not be empty${where}` : `"${field}" must be ${which} ${bound} characters${where}`)];
      }
      return [at(path, `"${field}" must be ${which} ${bound}${where}`)];
    }
    case 'invalid_format':
      if (issue.format === 'url') return [at(path, `"${field}" must be an https URL${where}`)];
      return [at(path, `"${field}" must be ${issue.message.replace(/^expected /, '')}${where}`)];
    default:
      return [at(path, `${field ? `"${field}": ` : ''}${lowerFirst(issue.message)}${where}`)];
  }
}

/** `field` is the path inside the step (or the runbook); `where` names the step by its id when it has one. */
function describePath(path: readonly PropertyKey[], data: unknown): { field: string; where: string } {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const id = valueAt(data, ['steps', path[1], 'id']);
    const where = typeof id === 'string' && id !== '' ? ` in step "${id}"` : ` in steps[${path[1]}]`;
    return { field: formatPath(path.slice(2)), where };
  }
  return { field: formatPath(path), where: '' };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${String(seg)}` : String(seg)), '');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function typeName(v: unknown): string {
  if (v === null) return 'empty (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `${typeof v} ${String(v)}`;
  return typeof v;
}

function article(expected: string): string {
  const words: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'text', number: 'a number', boolean: 'true or false' };
  return words[expected] ?? expected;
}

/** The parser's own words, except where they point at its API rather than at the file. */
function yamlMessage(code: string, message: string, source: string): string {
  if (code === 'MULTIPLE_DOCS') return 'a runbook file holds one YAML document, but a second one starts here';
  if (code === 'DUPLICATE_KEY') return `duplicate key ${JSON.stringify((/^[^:\n]*/.exec(source)?.[0] ?? '').trim().slice(0, 60))}`;
  return `YAML: ${firstLine(message)}`;
}

/** "Expected …" → "expected …"; a message that starts with a code ("UK is not …") keeps it as written. */
const lowerFirst = (s: string) => (/^[A-Z][A-Z0-9]/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));
const firstLine = (s: string) => (s.split('\n', 1)[0] ?? s).trim();

/**
 * In file order, without repeats, at most MAX_PROBLEMS of them; `found` is how many there were
 * (more than the list when the caller located only the first ones), said in a last line.
 */
function sortProblems(problems: RunbookProblem[], found = problems.length): RunbookProblem[] {
  const seen = new Set<string>();
  const unique = problems
    .filter((p) => {
      const key = `${p.line}:${p.col}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.col - b.col);
  if (unique.length <= MAX_PROBLEMS && found <= problems.length) return unique;
  const shown = unique.slice(0, MAX_PROBLEMS);
  const last = shown[shown.length - 1] ?? { line: 1, col: 1 };
  return [...shown, { line: last.line, col: last.col, message: `and more problems after these ${shown.length}; fix these first (at most ${MAX_PROBLEMS} are listed)` }];
}

