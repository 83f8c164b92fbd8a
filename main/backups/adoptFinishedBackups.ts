import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { readManifest } from './readManifest';
import { isDatabasePath } from './isDatabasePath';

/**
 * A run killed after its manifest was renamed into place but before the database recorded it
 * left a complete backup that nobody lists. The next run (holding the lock) records it, so a
 * finished backup is never lost; anything that does not check out is left alone.
 */
export async function adoptFinishedBackups(db: Db, planDir: string, identity: string, actor: string, now: string): Promise<string[]> {
  const adopted: string[] = [];
  for (const name of readdirSync(planDir).filter((n) => n.endsWith('.manifest.age')).sort()) {
    const id = name.replace(/\.manifest\.age$/, '');
    if (db.prepare('SELECT 1 FROM backups WHERE id = ?').get(id)) continue;
    let m;
    try {
      m = await readManifest(join(planDir, name), identity);
    } catch {
      continue;
    }
    const archive = join(planDir, m.archive.file);
    if (m.id !== id || !existsSync(archive) || statSync(archive).size !== m.archive.size) continue;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO backups (id, plan, dir, kind, parent, started_at, finished_at, files, bytes, stored_files, stored_bytes, archive_file, manifest_file, archive_size, chain_seq, chain_hash, contains_database)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(m.id, m.plan, planDir, m.kind, m.parent, m.startedAt, m.finishedAt, m.totals.files, m.totals.bytes, m.totals.storedFiles, m.totals.storedBytes,
        m.archive.file, name, m.archive.size, m.chainHead?.seq ?? null, m.chainHead?.hash ?? null, m.entries.some((e) => e.type === 'file' && isDatabasePath(e.path)) ? 1 : 0);
      appendEvent(db, { actor, type: 'backup.adopted', ts: now, data: { id: m.id, plan: m.plan, reason: 'complete on disk but not recorded (the run was interrupted after writing its manifest)' } });
    }).immediate();
    adopted.push(m.id);
  }
  return adopted;
}
