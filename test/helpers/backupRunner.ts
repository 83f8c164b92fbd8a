/**
 * A backup run to be killed: signs in and runs a plan through the API, printing a line per
 * progress event so the parent can kill it mid-archive, and `done <id>` when the run returned.
 *
 *   node dist/test-cli/backupRunner.mjs <dataDir> <user> <passphrase> <plan>
 */
import type { BackupSummary } from '../../contract';
import { signInChild } from './signInChild';

const [dataDir, user, passphrase, plan] = process.argv.slice(2);
if (!dataDir || !user || !passphrase || !plan) {
  process.stderr.write('usage: backupRunner <dataDir> <user> <passphrase> <plan>\n');
  process.exit(2);
}
const { backend, conn } = await signInChild(dataDir, user, passphrase);
backend.subscribe(conn, 'backup.progress', (p) => process.stdout.write(`progress ${p.phase} ${p.files}/${p.totalFiles}\n`));
const r = await backend.handle(conn, 'backups.run', { name: plan });
if (!r.ok) {
  process.stderr.write(`run failed: ${r.error.code} ${r.error.message}\n`);
  process.exit(1);
}
process.stdout.write(`done ${(r.value as BackupSummary).id}\n`);
backend.close();
