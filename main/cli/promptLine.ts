import { terminalSafe } from './terminalSafe';
import { createInterface } from 'node:readline/promises';

/** Reads one visible line from the terminal (a TOTP code), prompting on stderr. */
export async function promptLine(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return (await rl.question(terminalSafe(prompt, { singleLine: true }))).trim();
  } finally {
    rl.close();
  }
}
