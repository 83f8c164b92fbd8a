import { isAbsolute, join } from 'node:path';
import { ApiFailure, RESTORE_REPORT_PATHS, type RestoreReport } from '../../contract';
import { mergeShredLedger, readShredLedger, SHRED_LEDGER_FILE } from '../pii';
import { appendEvent } from '../timeline';
import { backupIdentity } from './backupIdentity';
import type { ManifestEntry } from './backupManifest';
import { backupDir, getBackup } from './backupStore';
import { isDatabasePath } from './isDatabasePath';
import { openArchive } from './openArchive';
import { readManifest } from './readManifest';
import { restoreTar } from './tar';
import { DATABASE_FOLDER } from './scanSources';
import { toBackupFailure } from './toBackupFailure';
import { manifestChain, type CheckScope } from './verifyBackup';

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/**
 * Restores a backup (all of it, a subtree or one file) into `to`, pulling each file from the
 * archive of the chain that holds it and checking its SHA-256 against the manifest on the way.
 * Never overwrites an existing file unless asked; crafted archives are refused by the tar layer.
 */
export async function restoreBackup(
  scope: CheckScope,
  id: string,
  opts: {
    to: string; path?: string; overwrite?: boolean; drill?: boolean;
    /**
     * Called, before anything is written, with the database files (isDatabasePath) the restore
     * would write, when there are any; it throws to refuse them. Absent: they may be restored.
     */
    refuseDatabase?: (paths: string[]) => never;
    /**
     * The live data directory's shred ledger (main/pii shredLedger). A restore that writes the
     * database snapshot (`firebreak-data/`) leaves the union of the backup's ledger and this one
     * beside it, so a database put back with the folder as restored does not bring back an
     * older ledger: whatever was erased since the backup stays erased.
     */
    liveShredLedger?: string;
  },
): Promise<RestoreReport> {
  const { db } = scope;
  if (!isAbsolute(opts.to)) throw new ApiFailure('VALIDATION', `restore target ${opts.to}: give an absolute path`, { issues: [`to: give an absolute path`] });
  const backup = getBackup(db, id);
  const planDir = backupDir(db, id);
  const { identity } = backupIdentity(db, scope.now());
  const manifest = await readManifest(join(planDir, backup.manifestFile), identity);
  const prefix = opts.path?.replace(/^\/+|\/+$/g, '');
  const wanted = manifest.entries.filter((e) => prefix === undefined || prefix === '' || under(e.path, prefix));
  if (wanted.length === 0) throw new ApiFailure('NOT_FOUND', `backup ${id} has nothing at ${opts.path ?? ''}`);
  const databaseFiles = wanted.filter((e) => e.type === 'file' && isDatabasePath(e.path)).map((e) => e.path);
  if (databaseFiles.length > 0) opts.refuseDatabase?.(databaseFiles);
  const chain = await manifestChain(planDir, manifest, identity);
  // What each archive gives: a file comes from the archive that stores it, everything else
  // (directories, links) from this backup's own. Grouped in one pass: filtering the whole list
  // once per archive of a long chain was quadratic.
  const bySource = new Map<string, ManifestEntry[]>();
  for (const e of wanted) {
    const source = e.type === 'file' ? (e.in ?? id) : id;
    let list = bySource.get(source);
    if (list === undefined) bySource.set(source, (list = []));
    list.push(e);
  }
  // Older archives first, this backup's last: its directories and their times are set at the end.
  const order = [...chain.keys()].filter((k) => k !== id).sort().concat(id);
  const byPath = new Map(wanted.map((e) => [e.path, e]));
  // The manifest has each entry's time to the millisecond (tar headers round to seconds, and an
  // unchanged file's bytes may come from an older archive whose header has an older time): the
  // tar layer sets it as it restores each entry, directories last, deepest first.
  const mtimeOf = (path: string): number | undefined => byPath.get(path)?.mtimeMs;
  const counts = { file: 0, directory: 0, symlink: 0 };
  const firstPaths: string[] = [];
  let entries = 0;
  let bytes = 0;
  for (const source of order) {
    const m = chain.get(source);
    const mine = bySource.get(source);
    if (!m || mine === undefined) continue;
    const expected = new Map(mine.filter((e) => e.type === 'file').map((e) => [e.path, { sha256: e.sha256 ?? '', size: e.size }]));
    const report = await restoreTar(openArchive(join(planDir, m.archive.file), identity), {
      to: opts.to, only: mine.map((e) => e.path), overwrite: opts.overwrite ?? false, expected, mtimeOf,
    }).catch((err: unknown) => {
      throw toBackupFailure(err, `archive ${m.archive.file}`);
    });
    // Counted one at a time, the list itself not kept: this once gathered every path with
    // `restored.push(...report.restored)`, and spreading an array into a call puts every element
    // on the stack: past about 120,000 paths that overflowed it after every file had been written.
    for (const path of report.restored) {
      const type = byPath.get(path)?.type;
      if (type !== undefined) counts[type]++;
      if (firstPaths.length < RESTORE_REPORT_PATHS) firstPaths.push(path);
    }
    entries += report.restored.length;
    bytes += report.bytes;
  }
  const files = counts.file;
  let shredLedgerMerged: number | null = null;
  if (!opts.drill && opts.liveShredLedger !== undefined && wanted.some((e) => e.path === `${DATABASE_FOLDER}/firebreak.db` || e.path === `${DATABASE_FOLDER}/${SHRED_LEDGER_FILE}`)) {
    shredLedgerMerged = mergeShredLedger(join(opts.to, DATABASE_FOLDER, SHRED_LEDGER_FILE), readShredLedger(opts.liveShredLedger));
  }
  appendEvent(db, {
    actor: scope.actor, type: 'backup.restored', ts: scope.now(), ...(scope.incidentRef !== undefined ? { incidentRef: scope.incidentRef } : {}),
    data: {
      id, plan: backup.plan, to: opts.to, path: opts.path ?? null, entries, files, bytes, ...(opts.drill ? { drill: true } : {}),
      ...(databaseFiles.length > 0 ? { databaseFiles } : {}),
      ...(shredLedgerMerged !== null ? { shredLedgerMerged } : {}),
    },
  });
  return {
    backupId: id, to: opts.to, path: opts.path ?? null, entries, files, directories: counts.directory, symlinks: counts.symlink, bytes, firstPaths,
  };
}
