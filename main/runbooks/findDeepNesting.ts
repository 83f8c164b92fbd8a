import { CST, Lexer } from 'yaml';
import type { RunbookProblem } from './types';

/**
 * How deeply a runbook may nest lists and mappings, counted generously (see findDeepNesting). A
 * runbook needs about six levels; the YAML composer recurses once per level and V8 aborts the whole
 * process — not just a worker thread — when it compiles a regular expression near the stack limit,
 * which 1,000 `[` did after a few parses (issue 13 §6). The YAML parser is also quadratic in the depth.
 */
export const MAX_RUNBOOK_NESTING = 100;

/**
 * The first place where the text nests deeper than `max`, or null. Runs on the YAML lexer, which
 * is linear and does not recurse, before the parser and composer, which recurse and slow down with
 * depth. The depth counted is an upper bound of the real one: open flow brackets (`[`, `{`), plus,
 * outside brackets, the line's indentation in columns and its block indicators (`- `, `? `, `: `,
 * which nest on one line as in `- - - a`), since each block level needs a column of its own.
 */
export function findDeepNesting(text: string, max = MAX_RUNBOOK_NESTING): RunbookProblem | null {
  let flow = 0;
  let indent = 0;
  let indicators = 0;
  let atLineStart = true;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    switch (type) {
      case 'newline':
        atLineStart = true;
        indent = 0;
        indicators = 0;
        break;
      case 'space':
        if (atLineStart && flow === 0) indent = token.length;
        break;
      case 'flow-map-start':
      case 'flow-seq-start':
        flow++;
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flow = Math.max(0, flow - 1);
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
      case 'map-value-ind':
        if (flow === 0) indicators++;
        break;
      default:
        break;
    }
    if (type !== 'newline' && type !== 'space') atLineStart = false;
    if (flow + indent + indicators > max) return { ...positionOf(text, offset), message: `lists and mappings are nested more than ${max} levels deep here; a runbook needs only a few: flatten it` };
    // The lexer's markers for document, scalar and flow error starts are not in the text.
    if (type !== 'doc-mode' && type !== 'scalar' && type !== 'flow-error-end') offset += token.length;
  }
  return null;
}

/** 1-based line and column of an offset (computed once, for the problem). */
function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}
