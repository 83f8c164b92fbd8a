import { terminalSafe } from './terminalSafe';

/**
 * The CLI's output writer: every line it prints goes through here (the commands' print and note,
 * errors, help), so text from the vault — titles, notes, names, file names — reaches the terminal
 * only as characters it shows, never as sequences it obeys (terminalSafe, issue 13 §8).
 */
export function writeStdout(text: string): void {
  process.stdout.write(`${terminalSafe(text)}\n`);
}

export function writeStderr(text: string): void {
  process.stderr.write(`${terminalSafe(text)}\n`);
}
