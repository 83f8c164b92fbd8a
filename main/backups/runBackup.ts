import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiFailure, type BackupSummary } from '../../contract';
import { SHRED_LEDGER_FILE } from '../pii';
import { writeFileAtomic, type Db } from '../store';
import { appendEvent, readHead } from '../timeline';
import { createEncryptStream } from './age';
import { backupIdentity } from './backupIdentity';
import { MANIFEST_FORMAT, type BackupManifest, type ManifestEntry } from './backupManifest';
import { getBackup, latestBackup, backupsSinceFull } from './backupStore';
import { acquirePlanLock } from './planLock';
import { adoptFinishedBackups } from './adoptFinishedBackups';
import { checkDatabaseDecision, getPlan } from './planStore';
import { isDatabasePath } from './isDatabasePath';
import { readManifest } from './readManifest';
import { DATABASE_FOLDER, scanSources, type SourceEntry } from './scanSources';
import { snapshotDatabase } from './snapshotDatabase';
import { HashWorker, packTar } from './tar';
import { fsyncDir } from './fsyncDir';

export interface BackupScope {
  db: Db;
  dataDir: string;
  /** The database key, to check the snapshot opens. */
  keyHex: string;
  actor: string;
  now: () => string;
}

export interface BackupProgress {
  phase: 'scanning' | 'archiving' | 'finishing';
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  etaSeconds: number | null;
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * One backup run of a plan (docs/backup-format.md): scan, snapshot the database, decide what
 * changed since the previous backup, stream tar → age into a temporary file, rename it, then
 * write the encrypted manifest last and only then list the backup. A failed or cancelled run
 * leaves no backup and no temporary file.
 */
export async function runBackup(scope: BackupScope, planName: string, opts: { onProgress?: (p: BackupProgress) => void; signal?: AbortSignal } = {}): Promise<BackupSummary> {
  const { db, actor } = scope;
  getPlan(db, planName);
  try {
    checkDatabaseDecision(db, scope.dataDir, planName, scope.now());
  } catch (err) {
    appendEvent(db, { actor, type: 'backup.failed', ts: scope.now(), data: { plan: planName, id: null, error: err instanceof Error ? err.message : String(err) } });
    throw err;
  }
  const plan = getPlan(db, planName);
  const startedAt = scope.now();
  const { identity, recipient } = backupIdentity(db, startedAt);
  const planDir = join(plan.target, plan.name);
  mkdirSync(planDir, { recursive: true, mode: 0o700 });
  const release = acquirePlanLock(planDir);
  const id = `${plan.name}-${stamp(startedAt)}-${randomBytes(3).toString('hex')}`;
  const workDir = join(planDir, `.work-${id}`);
  const archiveName = `${id}.tar.age`;
  const tmpArchive = join(planDir, `.${archiveName}.tmp`);
  const chainHead = readHead(db);
  let kept = false;
  let hasher: HashWorker | null = null;
  try {
    await adoptFinishedBackups(db, planDir, identity, actor, startedAt);
    mkdirSync(workDir, { mode: 0o700 });
    const progress = (p: Omit<BackupProgress, 'bytesPerSecond' | 'etaSeconds'>) => {
      const seconds = Math.max(0.001, (Date.now() - t0) / 1000);
      const rate = p.bytes / seconds;
      opts.onProgress?.({ ...p, bytesPerSecond: rate, etaSeconds: rate > 0 ? Math.max(0, (p.totalBytes - p.bytes) / rate) : null });
    };
    let t0 = Date.now();
    progress({ phase: 'scanning', files: 0, totalFiles: 0, bytes: 0, totalBytes: 0 });
    const scanned = scanSources(plan.sources, plan.exclude);
    const entries: SourceEntry[] = [...scanned.entries];
    if (plan.includeDatabase) {
      const snap = snapshotDatabase(db, scope.keyHex, scope.dataDir, workDir);
      const at = Date.parse(startedAt);
      entries.push({ path: DATABASE_FOLDER, absPath: workDir, type: 'directory', mode: 0o700, mtimeMs: at, size: 0 });
      const files: [string, string][] = [['firebreak.db', snap.db], ['vault.json', snap.vault]];
      if (snap.ledger !== null) files.push([SHRED_LEDGER_FILE, snap.ledger]);
      for (const [name, abs] of files) {
        entries.push({ path: `${DATABASE_FOLDER}/${name}`, absPath: abs, type: 'file', mode: 0o600, mtimeMs: at, size: statSync(abs).size });
      }
    }

    // Incremental: compare with the previous backup's manifest (size and mtime, then the hash).
    const previous = latestBackup(db, plan.name);
    const incremental = previous !== null && plan.fullEvery > 1 && backupsSinceFull(db, plan.name) < plan.fullEvery - 1;
    const before = new Map<string, ManifestEntry>();
    if (incremental && previous) {
      for (const e of (await readManifest(join(planDir, previous.manifestFile), identity)).entries) before.set(e.path, e);
    }
    const manifestEntries = new Map<string, ManifestEntry>();
    const stored: SourceEntry[] = [];
    // Object literals, not spreads: this loop is a tenth of an unchanged re-run (bench 7d).
    for (const e of entries) {
      if (e.type !== 'file') {
        manifestEntries.set(e.path, e.linkTarget !== undefined
          ? { path: e.path, type: e.type, size: e.size, mode: e.mode, mtimeMs: e.mtimeMs, linkTarget: e.linkTarget }
          : { path: e.path, type: e.type, size: e.size, mode: e.mode, mtimeMs: e.mtimeMs });
        stored.push(e);
        continue;
      }
      const old = before.get(e.path);
      if (old?.type === 'file' && old.sha256 && old.in && old.size === e.size && !e.path.startsWith(`${DATABASE_FOLDER}/`)) {
        const sha256 = old.mtimeMs === e.mtimeMs ? old.sha256 : await sha256File(e.absPath);
        if (sha256 === old.sha256) {
          manifestEntries.set(e.path, { path: e.path, type: e.type, size: e.size, mode: e.mode, mtimeMs: e.mtimeMs, sha256, in: old.in });
          continue;
        }
      }
      manifestEntries.set(e.path, { path: e.path, type: e.type, size: e.size, mode: e.mode, mtimeMs: e.mtimeMs, in: id });
      stored.push(e);
    }
    // The previous manifest is not needed any more: its memory can go before the archiving.
    before.clear();
    // The rate (and so the ETA) counts from here: scanning and the snapshot are not archiving.
    t0 = Date.now();
    const storedFiles = stored.filter((e) => e.type === 'file');
    const totalBytes = storedFiles.reduce((n, e) => n + e.size, 0);
    let files = 0;
    let bytes = 0;
    let lastReport = 0;
    progress({ phase: 'archiving', files, totalFiles: storedFiles.length, bytes, totalBytes });

    // SHA-256 of the files and of the archive on a second core, beside reading, tar and age
    // (in line when there is little to hash: an unchanged re-run stores directories only).
    hasher = HashWorker.for(2 * totalBytes + stored.length * 1024);
    const worker = hasher;
    const archiveHash = worker.start();
    let archiveSize = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        archiveHash.update(chunk);
        archiveSize += chunk.length;
        const wait = worker.room();
        if (wait) wait.then(() => cb(null, chunk), cb);
        else cb(null, chunk);
      },
    });
    const encrypt = createEncryptStream({ recipients: [recipient, ...plan.recipients] });
    const writing = pipeline(encrypt, measure, createWriteStream(tmpArchive, { flags: 'wx', mode: 0o600 }), { signal: opts.signal });
    const packing = packTar(stored, encrypt, {
      signal: opts.signal,
      hasher: worker,
      onFile: (f) => {
        const m = manifestEntries.get(f.path);
        if (m) manifestEntries.set(f.path, { ...m, sha256: f.sha256, size: f.size });
        files++;
        progress({ phase: 'archiving', files, totalFiles: storedFiles.length, bytes, totalBytes });
      },
      onBytes: (n) => {
        bytes += n;
        // A big file moves the figures while it is read, at most a few times a second.
        if (Date.now() - lastReport >= 250) {
          lastReport = Date.now();
          progress({ phase: 'archiving', files, totalFiles: storedFiles.length, bytes, totalBytes });
        }
      },
    });
    await Promise.all([packing, writing]);
    const archiveDigest = archiveHash.digest();
    worker.flush();
    const archiveSha256 = await archiveDigest;
    // Durable before it gets its final name: a crash after the rename never leaves a torn archive.
    const handle = await open(tmpArchive, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (opts.signal?.aborted) throw new ApiFailure('CONFLICT', 'the backup was cancelled; nothing was kept');
    await rename(tmpArchive, join(planDir, archiveName));
    fsyncDir(planDir);

    progress({ phase: 'finishing', files, totalFiles: storedFiles.length, bytes, totalBytes });
    const all = [...manifestEntries.values()];
    const finishedAt = scope.now();
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      id,
      plan: plan.name,
      kind: incremental ? 'incremental' : 'full',
      parent: incremental && previous ? previous.id : null,
      startedAt,
      finishedAt,
      chainHead: chainHead ? { seq: chainHead.seq, hash: chainHead.hash } : null,
      archive: { file: archiveName, size: archiveSize, sha256: archiveSha256 },
      sources: scanned.names,
      entries: all,
      totals: {
        files: all.filter((e) => e.type === 'file').length,
        directories: all.filter((e) => e.type === 'directory').length,
        bytes: all.filter((e) => e.type === 'file').reduce((n, e) => n + e.size, 0),
        storedFiles: storedFiles.length,
        storedBytes: totalBytes,
      },
    };
    const manifestName = `${id}.manifest.age`;
    const encrypted: Buffer[] = [];
    for await (const chunk of Readable.from([Buffer.from(JSON.stringify(manifest))]).pipe(createEncryptStream({ recipients: [recipient, ...plan.recipients] }))) {
      encrypted.push(chunk as Buffer);
    }
    // The manifest is the commit point: written whole (temp, fsync, rename), and only then listed.
    writeFileAtomic(join(planDir, manifestName), Buffer.concat(encrypted));
    kept = true;
    const containsDatabase = all.some((e) => e.type === 'file' && isDatabasePath(e.path));
    db.transaction(() => {
      db.prepare(
        `INSERT INTO backups (id, plan, dir, kind, parent, started_at, finished_at, files, bytes, stored_files, stored_bytes, archive_file, manifest_file, archive_size, chain_seq, chain_hash, contains_database)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, plan.name, planDir, manifest.kind, manifest.parent, startedAt, finishedAt, manifest.totals.files, manifest.totals.bytes,
        manifest.totals.storedFiles, manifest.totals.storedBytes, archiveName, manifestName, archiveSize, chainHead?.seq ?? null, chainHead?.hash ?? null, containsDatabase ? 1 : 0);
      appendEvent(db, {
        actor, type: 'backup.completed', ts: finishedAt,
        data: { id, plan: plan.name, kind: manifest.kind, files: manifest.totals.files, bytes: manifest.totals.bytes, storedFiles: manifest.totals.storedFiles, storedBytes: totalBytes, skipped: scanned.skipped, chainHead: manifest.chainHead, containsDatabase },
      });
    }).immediate();
    return getBackup(db, id);
  } catch (err) {
    if (!kept) rmSync(join(planDir, archiveName), { force: true });
    const message = opts.signal?.aborted ? 'the backup was cancelled; nothing was kept' : err instanceof Error ? err.message : String(err);
    appendEvent(db, { actor, type: 'backup.failed', ts: scope.now(), data: { plan: plan.name, id, error: message } });
    if (opts.signal?.aborted && !(err instanceof ApiFailure)) throw new ApiFailure('CONFLICT', message);
    throw err;
  } finally {
    hasher?.close();
    rmSync(tmpArchive, { force: true });
    rmSync(workDir, { recursive: true, force: true });
    release();
  }
}
