/**
 * A child process for test/unit/store/lockFile.test.ts, run with `node --import tsx`:
 *   churn FILE MS   takes and gives back the lock as often as it can for MS milliseconds
 *   watch FILE MS   reads the holder as often as it can; counts readings of an empty lock (pid 0)
 * Prints one JSON line: {"rounds": N, "empty": N}.
 */
import { unlinkSync } from 'node:fs';
import { readLockHolder, tryCreateLockFile } from '../../main/store';

const [mode, file, ms] = process.argv.slice(2) as [string, string, string];
const until = Date.now() + Number(ms);
let rounds = 0;
let empty = 0;
while (Date.now() < until) {
  if (mode === 'churn') {
    if (tryCreateLockFile(file)) {
      rounds += 1;
      unlinkSync(file);
    }
  } else {
    const holder = readLockHolder(file);
    if (holder) {
      rounds += 1;
      if (holder.pid === 0) empty += 1;
    }
  }
}
process.stdout.write(`${JSON.stringify({ rounds, empty })}\n`);
