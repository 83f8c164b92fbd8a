import { CliError } from './CliError';
import { terminalSafe } from './terminalSafe';

/** Reads a line from the terminal with echo off (passphrases). Ctrl-C cancels with exit 130. */
export function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  // Echo goes off before the prompt appears, so fast typing (or a paste) is never shown.
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  process.stderr.write(terminalSafe(prompt, { singleLine: true }));
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || (ch === '\u0004' && value === '')) {
          finish();
          reject(new CliError('cancelled', 130));
          return;
        }
        if (ch === '\u007f' || ch === '\b') {
          value = Array.from(value).slice(0, -1).join('');
          continue;
        }
        value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
