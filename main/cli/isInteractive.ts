/** A prompt needs a terminal on both ends: keys from stdin, the question on stderr. */
export function isInteractive(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}
