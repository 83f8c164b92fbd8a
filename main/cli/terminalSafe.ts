/*
 * Text from the vault reaches the operator's terminal (issue 13 §8). Unsafe are the characters a
 * terminal acts on instead of showing: C0 controls but tab and newline
 * (ESC starts CSI/OSC sequences that erase lines, set the window title, write the clipboard with
 * OSC 52 or hide a link with OSC 8; CR returns to the start of a line to print over it; BEL, BS…),
 * DEL, the C1 controls (U+009B is CSI, U+009D OSC on terminals that take 8-bit controls), and the
 * bidirectional embeddings, overrides and isolates that make text read in another order than it is
 * (U+202A–U+202E, U+2066–U+2069; "Trojan Source", CVE-2021-42574).
 */

/**
 * Text as a terminal should show it, with every such character made visible rather than removed,
 * so the reader sees that something was there: a C0 control as its Unicode control picture (ESC
 * as ␛, CR as ␍, LF as ␊ where a line is expected), DEL as ␡, the others as `\u009b`, `\u202e`.
 * A control picture keeps the width of one character, so tables stay aligned. Every line the CLI
 * writes goes through this (main/cli/output.ts); JSON output escapes the same characters instead
 * (toJson), so its values are unchanged.
 */
export function terminalSafe(text: string, opts: { singleLine?: boolean } = {}): string {
  return replaceUnsafe(text, opts.singleLine === true, visible);
}

/** The characters terminalSafe shows differently, escaped as JSON allows (`\u009b`): same value, nothing a terminal acts on. */
export function escapeUnsafeInJson(json: string): string {
  // JSON.stringify escapes C0 inside strings already (a raw tab or newline is layout, and stays);
  // DEL, C1 and the bidi controls it leaves as they are.
  return replaceUnsafe(json, false, escaped);
}

function isUnsafe(code: number, singleLine: boolean): boolean {
  if (code < 0x20) return singleLine || (code !== 0x09 && code !== 0x0a);
  return (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** One pass over the text, copying runs of safe characters whole (no regular expression: lint keeps control characters out of those). */
function replaceUnsafe(text: string, singleLine: boolean, replace: (code: number) => string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isUnsafe(code, singleLine)) continue;
    out += text.slice(from, i) + replace(code);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

function visible(code: number): string {
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return escaped(code);
}

function escaped(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}
