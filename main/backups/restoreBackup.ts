import { utimesSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ApiFailure, type RestoreReport } from '../../contract';
import { appendEvent } from '../timeline';
import { backupIdentity } from './backupIdentity';
import { backupDir, getBackup } from './backupStore';
import { openArchive } from './openArchive';
import { readManifest } from './readManifest';
import { restoreTar } from './tar';
import { toBackupFailure } from './toBackupFailure';
import { manifestChain, type CheckScope } from './verifyBackup';

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/**
 * Restores a backup (all of it, a subtree or one file) into `to`, pulling each file from the
 * archive of the chain that holds it and checking its SHA-256 against the manifest on the way.
 * Never overwrites an existing file unless asked; crafted archives are refused by the tar layer.
 */
export async function restoreBackup(scope: CheckScope, id: string, opts: { to: string; path?: string; overwrite?: boolean }): Promise<RestoreReport> {
  const { db } = scope;
  if (!isAbsolute(opts.to)) throw new ApiFailure('VALIDATION', `restore target ${opts.to}: give an absolute path`, { issues: [`to: give an absolute path`] });
  const backup = getBackup(db, id);
  const planDir = backupDir(db, id);
  const { identity } = backupIdentity(db, scope.now());
  const manifest = await readManifest(join(planDir, backup.manifestFile), identity);
  const prefix = opts.path?.replace(/^\/+|\/+$/g, '');
  const wanted = manifest.entries.filter((e) => prefix === undefined || prefix === '' || under(e.path, prefix));
  if (wanted.length === 0) throw new ApiFailure('NOT_FOUND', `backup ${id} has nothing at ${opts.path ?? ''}`);
  const chain = await manifestChain(planDir, manifest, identity);
  // Older archives first, this backup's last: its directories and their times are set at the end.
  const order = [...chain.keys()].filter((k) => k !== id).sort().concat(id);
  const restored: string[] = [];
  let bytes = 0;
  for (const source of order) {
    const m = chain.get(source);
    if (!m) continue;
    const mine = wanted.filter((e) => (e.type === 'file' ? e.in === source : source === id));
    if (mine.length === 0) continue;
    const expected = new Map(mine.filter((e) => e.type === 'file').map((e) => [e.path, { sha256: e.sha256 ?? '', size: e.size }]));
    const report = await restoreTar(openArchive(join(planDir, m.archive.file), identity), {
      to: opts.to, only: mine.map((e) => e.path), overwrite: opts.overwrite ?? false, expected,
    }).catch((err: unknown) => {
      throw toBackupFailure(err, `archive ${m.archive.file}`);
    });
    restored.push(...report.restored);
    bytes += report.bytes;
  }
  // The manifest has each entry's time to the millisecond (tar headers round to seconds, and an
  // unchanged file's bytes may come from an older archive whose header has an older time).
  const byPath = new Map(wanted.map((e) => [e.path, e]));
  for (const path of [...restored].sort((a, b) => b.split('/').length - a.split('/').length)) {
    const e = byPath.get(path);
    if (e && e.type !== 'symlink') utimesSync(join(opts.to, path), e.mtimeMs / 1000, e.mtimeMs / 1000);
  }
  appendEvent(db, { actor: scope.actor, type: 'backup.restored', ts: scope.now(), data: { id, to: opts.to, path: opts.path ?? null, files: restored.filter((p) => byPath.get(p)?.type === 'file').length, bytes } });
  const files = restored.filter((p) => byPath.get(p)?.type === 'file').length;
  return { backupId: id, to: opts.to, restored, files, bytes };
}
