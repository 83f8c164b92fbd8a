/**
 * A writer to be killed: signs in to an existing vault and appends notes as fast as it can,
 * printing `committed <seq>` only after each call has returned, i.e. after the commit.
 *
 *   node dist/test-cli/crashWriter.mjs <dataDir> <user> <passphrase> <ref> <run>
 *
 * stdout to a pipe is synchronous on POSIX, so a printed line was really handed to the kernel
 * before the next write starts; a SIGKILL can only cut the work that follows it.
 */
import type { TimelineEvent } from '../../contract';
import { signInChild } from './signInChild';

const [dataDir, user, passphrase, ref, run] = process.argv.slice(2);
if (!dataDir || !user || !passphrase || !ref || !run) {
  process.stderr.write('usage: crashWriter <dataDir> <user> <passphrase> <ref> <run>\n');
  process.exit(2);
}

const { backend, conn } = await signInChild(dataDir, user, passphrase);
process.stdout.write('ready\n');
for (let i = 0; ; i += 1) {
  const r = await backend.handle(conn, 'incidents.addNote', { ref, text: `run ${run} note ${i}` });
  if (!r.ok) {
    process.stderr.write(`addNote failed: ${r.error.code} ${r.error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`committed ${(r.value as TimelineEvent).seq}\n`);
}
