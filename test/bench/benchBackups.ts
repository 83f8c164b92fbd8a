import { execFileSync } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { planConfigSchema } from '../../contract';
import { addPlan, restoreBackup, runBackup, verifyBackup, type BackupScope } from '../../main/backups';
import { createEncryptStream } from '../../main/backups/age';
import { scanSources } from '../../main/backups/scanSources';
import { packTar } from '../../main/backups/tar';
import { migrate, openDatabase } from '../../main/store';
import type { BenchContext } from './BenchContext';
import type { BenchRow } from './BenchResult';
import { createRandom } from './sampleData';

const KiB = 1024;
const MiB = 1024 * KiB;
/** Throughputs are logical bytes of the source tree per second, in MB (10^6 bytes). */
const MB = 1e6;
const SEED = 7;
const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Issue #4's backup figures. One seeded mixed tree (many small files, some medium, a few large;
 * half compressible text, half random bytes) is backed up, fully verified, restored and backed up
 * again unchanged by Firebreak's own runBackup / verifyBackup / restoreBackup on a SQLCipher
 * database opened like the app opens it, and in the same run by restic and by `tar | age`.
 * Reference tools that are not installed give "not measured" rows, never a made-up figure.
 */
export async function benchBackups(ctx: BenchContext): Promise<BenchRow[]> {
  const tree = join(ctx.dir, 'tree');
  const t0 = performance.now();
  const shape = generateTree(tree, ctx.sizes.backupBytes);
  const total = shape.bytes;
  const mb = total / MB;
  ctx.progress(`backups: tree of ${shape.files} files in ${shape.dirs} dirs, ${(total / MiB).toFixed(0)} MiB (${shape.small} small, ${shape.medium} medium, ${shape.large} large) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const fb = firebreakInChild(ctx, tree, shape);
  const rs = restic(ctx, tree, shape);
  const ta = tarAge(ctx, tree, shape);
  const parts = await components(ctx, tree, ta.tarFile, ta.recipient);
  rmSync(join(ctx.dir, 'plain.tar'), { force: true });

  const rate = (s: number | null) => (s === null ? null : mb / s);
  const tool = rs.version ?? 'restic';
  const restNote = rs.reason ? `restic not measured: ${rs.reason}` : `${tool}, ${rs.repoNote}; restic runs on all ${rs.cpus} cores (Go), Firebreak on one JS thread plus the libuv pool`;
  const bound = `bounds: SHA-256 alone (node, whole tree) ${parts.shaMBs.toFixed(0)} MB/s; packTar alone (tar + SHA-256, no encryption, → /dev/null) ${parts.packMBs.toFixed(0)} MB/s; Firebreak's age stream alone on the tar ${parts.fbEncryptMBs?.toFixed(0) ?? "—"} MB/s vs age CLI ${ta.ageAloneMBs?.toFixed(0) ?? '—'} MB/s`;
  const rows: BenchRow[] = [
    {
      id: '7a',
      name: `backup, full, ${(total / MiB).toFixed(0)} MiB mixed tree (runBackup vs restic backup)`,
      unit: 'MB/s',
      encrypted: rate(fb.backupS),
      plain: rate(rs.backupS),
      target: { subject: 'ratio', op: '>=', value: 2, label: '≥ 2× restic' },
      note: `Firebreak ${fb.backupS.toFixed(1)} s, restic ${rs.backupS?.toFixed(1) ?? '—'} s; ${restNote}; ${bound}`,
    },
    {
      id: '7b',
      name: 'full verify (verifyBackup full vs restic check --read-data)',
      unit: 'MB/s',
      encrypted: rate(fb.verifyS),
      plain: rate(rs.checkS),
      target: { subject: 'ratio', op: '>=', value: 1.5, label: '≥ 1.5× restic' },
      note: `Firebreak ${fb.verifyS.toFixed(1)} s (decrypt + SHA-256 of every file), restic ${rs.checkS?.toFixed(1) ?? '—'} s`,
    },
    {
      id: '7c',
      name: 'restore whole backup to an empty dir (restoreBackup vs restic restore)',
      unit: 'MB/s',
      encrypted: rate(fb.restoreS),
      plain: rate(rs.restoreS),
      target: { subject: 'ratio', op: '>=', value: 1, label: '≥ 1× restic' },
      note: `Firebreak ${fb.restoreS.toFixed(1)} s, restic ${rs.restoreS?.toFixed(1) ?? '—'} s; both restores checked: ${shape.files} files, ${total} bytes`,
    },
    {
      id: '7d',
      name: 'unchanged re-run (incremental, nothing changed) as % of the full backup time',
      unit: '%',
      encrypted: (fb.rerunS / fb.backupS) * 100,
      plain: rs.rerunS !== null && rs.backupS !== null ? (rs.rerunS / rs.backupS) * 100 : null,
      target: { subject: 'encrypted', op: '<=', value: 5, label: '≤ 5 %' },
      note: `Firebreak ${fb.rerunS.toFixed(2)} s (${fb.rerunStored} files stored), restic ${rs.rerunS?.toFixed(2) ?? '—'} s`,
    },
    {
      id: '7e',
      name: 'peak RSS during the Firebreak work (backup, verify, restore, re-run)',
      unit: 'MB',
      encrypted: fb.peakRssMB,
      plain: rs.backupRssMB,
      target: { subject: 'encrypted', op: '<', value: 256, label: '< 256 MB' },
      note: `a child Node process (tsx loader + SQLCipher db + the four steps): max RSS by /usr/bin/time -v ${fb.timeRssMB === null ? 'n/a' : `${fb.timeRssMB.toFixed(0)} MB`}; in the child, rss sampled every 50 ms max ${fb.sampledRssMB.toFixed(0)} MB, VmHWM after a clear_refs reset ${fb.hwmRssMB === null ? 'n/a' : `${fb.hwmRssMB.toFixed(0)} MB`}, rss before the work ${fb.baselineRssMB.toFixed(0)} MB. Reference: restic backup's max RSS by /usr/bin/time -v`,
    },
    {
      id: '7f',
      name: 'informational: backup MB/s, Firebreak vs `tar -cf - | age -r`',
      unit: 'MB/s',
      encrypted: rate(fb.backupS),
      plain: rate(ta.backupS),
      note: ta.reason ?? `tar | age ${ta.backupS?.toFixed(1)} s`,
    },
    {
      id: '7f-r',
      name: 'informational: restore MB/s, Firebreak vs `age -d | tar -x`',
      unit: 'MB/s',
      encrypted: rate(fb.restoreS),
      plain: rate(ta.restoreS),
      note: ta.reason ?? `age -d | tar -x ${ta.restoreS?.toFixed(1)} s`,
    },
    {
      id: '7g',
      name: 'informational: encryption alone, the tar file → /dev/null (Firebreak age stream vs age CLI)',
      unit: 'MB/s',
      encrypted: parts.fbEncryptMBs,
      plain: ta.ageAloneMBs,
      note: `SHA-256 alone over the tree in node: ${parts.shaMBs.toFixed(0)} MB/s`,
    },
  ];
  return rows;
}

export interface TreeShape {
  files: number;
  dirs: number;
  bytes: number;
  small: number;
  medium: number;
  large: number;
}

/**
 * The mixed tree: about 30 % of the bytes in small files (1–64 KiB) spread over nested
 * directories, 30 % in medium ones (1–8 MiB), 40 % in a few large ones (50–200 MiB, cut to what
 * the size leaves). Each file is, at random, text (words: compressible) or random bytes (AES-CTR
 * keystream keyed by the seed: incompressible). Every run builds the same tree.
 */
function generateTree(root: string, size: number): TreeShape {
  const rnd = createRandom(SEED);
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const words = ['incident', 'firewall', 'host', 'alert', 'contained', 'ransomware', 'evidence', 'log', 'the', 'and', 'of', 'backup',
    'restore', 'user', 'login', 'failed', 'session', 'token', 'network', 'packet', 'dropped', 'GET', '/api/v1/items', '200', '404', 'timeout'];
  const textParts: string[] = [];
  let textLen = 0;
  while (textLen < 4 * MiB) {
    const line = `${new Date(Date.UTC(2026, 0, 1) + textLen * 7).toISOString()} ${Array.from({ length: between(4, 16) }, () => words[Math.floor(rnd() * words.length)]).join(' ')}\n`;
    textParts.push(line);
    textLen += line.length;
  }
  const text = Buffer.from(textParts.join(''));
  const zeros = Buffer.alloc(8 * MiB);
  const key = createHash('sha256').update(`firebreak bench 7 seed ${SEED}`).digest();
  const shape: TreeShape = { files: 0, dirs: 1, bytes: 0, small: 0, medium: 0, large: 0 };
  mkdirSync(root);

  const writeFile = (path: string, length: number) => {
    const chunks: Buffer[] = [];
    if (rnd() < 0.5) {
      let at = Math.floor(rnd() * text.length);
      for (let left = length; left > 0;) {
        const n = Math.min(left, text.length - at);
        chunks.push(text.subarray(at, at + n));
        left -= n;
        at = 0;
      }
      writeFileSync(path, Buffer.concat(chunks));
    } else {
      const iv = Buffer.alloc(16);
      iv.writeUInt32BE(shape.files);
      const stream = createCipheriv('aes-256-ctr', key, iv);
      if (length <= zeros.length) writeFileSync(path, stream.update(zeros.subarray(0, length)));
      else {
        writeFileSync(path, '');
        for (let left = length; left > 0; left -= zeros.length) writeFileSync(path, stream.update(zeros.subarray(0, Math.min(left, zeros.length))), { flag: 'a' });
      }
    }
    shape.files++;
    shape.bytes += length;
  };
  const made = new Set<string>();
  const dir = (rel: string) => {
    const abs = join(root, rel);
    if (!made.has(rel)) {
      mkdirSync(abs, { recursive: true });
      const parts = rel.split('/');
      for (let i = 1; i <= parts.length; i++) made.add(parts.slice(0, i).join('/'));
    }
    return abs;
  };

  const largeBudget = Math.floor(size * 0.4);
  const mediumBudget = Math.floor(size * 0.3);
  let used = 0;
  for (let i = 0; used < largeBudget; i++) {
    const n = Math.min(between(50 * MiB, 200 * MiB), largeBudget - used);
    writeFile(join(dir('large'), `image-${i}.${rnd() < 0.5 ? 'raw' : 'log'}`), n);
    used += n;
    shape.large++;
  }
  for (let i = 0; used < largeBudget + mediumBudget; i++) {
    const n = Math.min(between(1 * MiB, 8 * MiB), largeBudget + mediumBudget - used);
    writeFile(join(dir(`media/batch-${i % 8}`), `file-${i}.dat`), n);
    used += n;
    shape.medium++;
  }
  for (let i = 0; used < size; i++) {
    const n = Math.min(between(1 * KiB, 64 * KiB), size - used);
    writeFile(join(dir(`small/d${i % 16}/s${Math.floor(i / 16) % 12}/t${Math.floor(i / 192) % 4}`), `note-${i}.${rnd() < 0.5 ? 'txt' : 'bin'}`), n);
    used += n;
    shape.small++;
  }
  shape.dirs = made.size + 1;
  return shape;
}

/** Files and bytes below `root` (what a restore must give back). */
function countTree(root: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const st = lstatSync(join(d, name));
      if (st.isDirectory()) walk(join(d, name));
      else if (st.isFile()) {
        files++;
        bytes += st.size;
      }
    }
  };
  walk(root);
  return { files, bytes };
}

function expectTree(root: string, shape: TreeShape, who: string): void {
  const got = countTree(root);
  if (got.files !== shape.files || got.bytes !== shape.bytes) throw new Error(`${who} restored ${got.files} files / ${got.bytes} bytes, expected ${shape.files} / ${shape.bytes}`);
}

const seconds = async (fn: () => unknown): Promise<number> => {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
};
const secondsSync = (fn: () => unknown): number => {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
};

/** VmHWM of this process in kB, or null where /proc is not there. */
function readHwmKb(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

const WORKER = fileURLToPath(new URL('./backupWorker.ts', import.meta.url));

/**
 * The Firebreak part runs in its own Node process (tsx loader, SQLCipher database, nothing else),
 * so its peak RSS is the backup code's and not the tree generator's or restic's: the maximum
 * resident set size that /usr/bin/time -v reports for the whole child, where that is installed.
 */
function firebreakInChild(ctx: BenchContext, tree: string, shape: TreeShape): FirebreakFigures & { timeRssMB: number | null } {
  const timeV = existsSync('/usr/bin/time');
  const rssFile = join(ctx.dir, 'firebreak-rss.txt');
  const args = [process.execPath, '--import', 'tsx', WORKER, JSON.stringify({ dir: ctx.dir, tree, shape })];
  const out = execFileSync(timeV ? '/usr/bin/time' : args[0]!, timeV ? ['-v', '-o', rssFile, ...args] : args.slice(1), {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], cwd: REPO, maxBuffer: 16 * MiB,
  });
  const figures = JSON.parse(out.trim().split('\n').at(-1)!) as FirebreakFigures;
  const rss = timeV ? /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(rssFile, 'utf8')) : null;
  const timeRssMB = rss ? (Number(rss[1]) * 1024) / MB : null;
  return { ...figures, timeRssMB, peakRssMB: timeRssMB ?? figures.peakRssMB };
}

export interface FirebreakFigures {
  backupS: number;
  verifyS: number;
  restoreS: number;
  rerunS: number;
  rerunStored: number;
  peakRssMB: number;
  sampledRssMB: number;
  hwmRssMB: number | null;
  baselineRssMB: number;
}

/** Runs in the child (backupWorker.ts): the four timed Firebreak steps, and the RSS seen in-process. */
export async function firebreakWork(ctx: BenchContext, tree: string, shape: TreeShape): Promise<FirebreakFigures> {
  const dataDir = join(ctx.dir, 'fb-data');
  const target = join(ctx.dir, 'fb-target');
  mkdirSync(dataDir);
  const keyHex = randomBytes(32).toString('hex');
  const db = openDatabase(join(dataDir, 'firebreak.db'), keyHex);
  migrate(db);
  let clock = Date.UTC(2026, 0, 1);
  const now = () => new Date((clock += 1000)).toISOString();
  const scope: BackupScope = { db, dataDir, keyHex, actor: 'bench', now };
  // includeDatabase: false, so the archive holds the tree only, like restic's and tar's.
  addPlan(db, dataDir, 'bench', 'bench', planConfigSchema.parse({ sources: [tree], target, includeDatabase: false, fullEvery: 7 }), now());

  const baseline = process.memoryUsage().rss;
  let sampled = baseline;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, 50);
  // Writing 5 to clear_refs resets VmHWM (Linux ≥ 4.0), so the peak below is the Firebreak work's.
  let hwmReset = false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    hwmReset = true;
  } catch {
    /* not Linux, or not allowed: the 50 ms samples remain */
  }
  try {
    let full = null as Awaited<ReturnType<typeof runBackup>> | null;
    const backupS = await seconds(async () => {
      full = await runBackup(scope, 'bench');
    });
    if (!full || full.kind !== 'full' || full.files !== shape.files || full.bytes !== shape.bytes) throw new Error(`full backup holds ${full?.files} files / ${full?.bytes} bytes`);
    const id = full.id;
    ctx.progress(`backups: Firebreak full backup ${backupS.toFixed(1)} s`);
    const verifyS = await seconds(async () => {
      const check = await verifyBackup(scope, id, 'full');
      if (!check.ok || check.files !== shape.files) throw new Error(`full verify: ${check.problems.slice(0, 3).join('; ')} (${check.files} files)`);
    });
    ctx.progress(`backups: Firebreak full verify ${verifyS.toFixed(1)} s`);
    const to = join(ctx.dir, 'fb-restore');
    const restoreS = await seconds(async () => {
      await restoreBackup(scope, id, { to });
    });
    expectTree(join(to, 'tree'), shape, 'Firebreak');
    rmSync(to, { recursive: true, force: true });
    ctx.progress(`backups: Firebreak restore ${restoreS.toFixed(1)} s`);
    let rerun = null as Awaited<ReturnType<typeof runBackup>> | null;
    const rerunS = await seconds(async () => {
      rerun = await runBackup(scope, 'bench');
    });
    if (!rerun || rerun.kind !== 'incremental') throw new Error('the second run was not incremental');
    const rerunStored = (rerun as { storedFiles: number }).storedFiles;
    ctx.progress(`backups: Firebreak unchanged re-run ${rerunS.toFixed(2)} s, ${rerunStored} files stored`);
    clearInterval(sampler);
    sampled = Math.max(sampled, process.memoryUsage().rss);
    const hwm = hwmReset ? readHwmKb() : null;
    const hwmMB = hwm === null ? null : (hwm * 1024) / MB;
    return {
      backupS, verifyS, restoreS, rerunS, rerunStored,
      sampledRssMB: sampled / MB,
      hwmRssMB: hwmMB,
      peakRssMB: Math.max(sampled / MB, hwmMB ?? 0),
      baselineRssMB: baseline / MB,
    };
  } finally {
    clearInterval(sampler);
    db.close();
    rmSync(target, { recursive: true, force: true });
  }
}

const has = (cmd: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const sh = (cmd: string, env?: NodeJS.ProcessEnv): string =>
  execFileSync('sh', ['-c', cmd], { env: env ?? process.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * MiB });
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

interface ResticFigures {
  reason: string | null;
  version: string | null;
  repoNote: string;
  cpus: number;
  backupS: number | null;
  checkS: number | null;
  restoreS: number | null;
  rerunS: number | null;
  backupRssMB: number | null;
}

function restic(ctx: BenchContext, tree: string, shape: TreeShape): ResticFigures {
  const none: ResticFigures = { reason: null, version: null, repoNote: '', cpus: 0, backupS: null, checkS: null, restoreS: null, rerunS: null, backupRssMB: null };
  if (!has('restic')) return { ...none, reason: '`restic` is not installed (apt-get install restic)' };
  const repo = join(ctx.dir, 'restic-repo');
  const env = { ...process.env, RESTIC_PASSWORD: 'firebreak-bench', RESTIC_REPOSITORY: repo, RESTIC_CACHE_DIR: join(ctx.dir, 'restic-cache') };
  const timeV = existsSync('/usr/bin/time');
  try {
    const version = sh('restic version', env).trim().split(' ').slice(0, 2).join(' ');
    sh('restic init --quiet', env);
    const config = JSON.parse(sh('restic cat config', env)) as { version?: number };
    const rssFile = join(ctx.dir, 'restic-rss.txt');
    const backupS = secondsSync(() => sh(`${timeV ? `/usr/bin/time -v -o ${q(rssFile)} ` : ''}restic backup --quiet ${q(tree)}`, env));
    const rss = timeV ? /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(rssFile, 'utf8')) : null;
    ctx.progress(`backups: restic backup ${backupS.toFixed(1)} s`);
    const checkS = secondsSync(() => sh('restic check --read-data --quiet', env));
    ctx.progress(`backups: restic check --read-data ${checkS.toFixed(1)} s`);
    const to = join(ctx.dir, 'restic-restore');
    const restoreS = secondsSync(() => sh(`restic restore latest --quiet --target ${q(to)}`, env));
    expectTree(join(to, tree), shape, 'restic');
    rmSync(to, { recursive: true, force: true });
    ctx.progress(`backups: restic restore ${restoreS.toFixed(1)} s`);
    const rerunS = secondsSync(() => sh(`restic backup --quiet ${q(tree)}`, env));
    ctx.progress(`backups: restic unchanged re-run ${rerunS.toFixed(2)} s`);
    const repoBytes = countTree(repo).bytes;
    return {
      ...none, version, cpus: Number(sh('nproc').trim()),
      repoNote: `repository v${config.version ?? '?'} (${config.version === 2 ? 'zstd auto compression' : 'no compression'}), ${(repoBytes / MiB).toFixed(0)} MiB on disk`,
      backupS, checkS, restoreS, rerunS,
      backupRssMB: rss ? (Number(rss[1]) * 1024) / MB : null,
    };
  } catch (err) {
    return { ...none, reason: `restic failed: ${((err as { stderr?: string }).stderr ?? (err as Error).message).split('\n')[0]}` };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

interface TarAgeFigures {
  reason: string | null;
  backupS: number | null;
  restoreS: number | null;
  ageAloneMBs: number | null;
  tarFile: string | null;
  recipient: string | null;
}

function tarAge(ctx: BenchContext, tree: string, shape: TreeShape): TarAgeFigures {
  if (!has('age') || !has('age-keygen') || !has('tar')) return { reason: '`age`, `age-keygen` or `tar` is not installed', backupS: null, restoreS: null, ageAloneMBs: null, tarFile: null, recipient: null };
  const key = join(ctx.dir, 'age-key.txt');
  sh(`age-keygen -o ${q(key)} 2>/dev/null`);
  const recipient = sh(`age-keygen -y ${q(key)}`).trim();
  const out = join(ctx.dir, 'x.tar.age');
  const parent = join(tree, '..');
  const backupS = secondsSync(() => sh(`tar -cf - -C ${q(parent)} tree | age -r ${recipient} > ${q(out)}`));
  ctx.progress(`backups: tar | age ${backupS.toFixed(1)} s`);
  const to = join(ctx.dir, 'tar-restore');
  mkdirSync(to);
  const restoreS = secondsSync(() => sh(`age -d -i ${q(key)} ${q(out)} | tar -xf - -C ${q(to)}`));
  expectTree(join(to, 'tree'), shape, 'tar | age');
  rmSync(to, { recursive: true, force: true });
  rmSync(out, { force: true });
  ctx.progress(`backups: age -d | tar -x ${restoreS.toFixed(1)} s`);
  // age alone on the same bytes: what the encryption costs without tar and the file walk.
  const tarFile = join(ctx.dir, 'plain.tar');
  sh(`tar -cf ${q(tarFile)} -C ${q(parent)} tree`);
  const ageS = secondsSync(() => sh(`age -r ${recipient} -o /dev/null ${q(tarFile)}`));
  return { reason: null, backupS, restoreS, ageAloneMBs: shape.bytes / MB / ageS, tarFile, recipient };
}

/** What bounds Firebreak's rates: its age stream alone over the tar file, and SHA-256 alone over the tree. */
async function components(ctx: BenchContext, tree: string, tarFile: string | null, recipient: string | null): Promise<{ fbEncryptMBs: number | null; shaMBs: number; packMBs: number }> {
  const discard = () => new Writable({ write: (_c, _e, cb) => cb() });
  let fbEncryptMBs: number | null = null;
  if (tarFile && recipient) {
    const size = lstatSync(tarFile).size;
    const s = await seconds(() => pipeline(createReadStream(tarFile, { highWaterMark: 1 * MiB }), createEncryptStream({ recipients: [recipient] }), discard()));
    fbEncryptMBs = size / MB / s;
  }
  let hashed = 0;
  const shaS = await seconds(async () => {
    const walk = async (d: string): Promise<void> => {
      for (const name of readdirSync(d)) {
        const abs = join(d, name);
        if (lstatSync(abs).isDirectory()) await walk(abs);
        else {
          const h = createHash('sha256');
          for await (const chunk of createReadStream(abs, { highWaterMark: 1 * MiB })) {
            h.update(chunk as Buffer);
            hashed += (chunk as Buffer).length;
          }
          h.digest();
        }
      }
    };
    await walk(tree);
  });
  const scanned = scanSources([tree], []);
  const packS = await seconds(() => packTar(scanned.entries, discard()));
  ctx.progress(`backups: packTar alone (scan excluded) ${(hashed / MB / packS).toFixed(0)} MB/s`);
  ctx.progress(`backups: Firebreak age stream alone ${fbEncryptMBs?.toFixed(0) ?? "—"} MB/s, SHA-256 alone ${(hashed / MB / shaS).toFixed(0)} MB/s`);
  return { fbEncryptMBs, shaMBs: hashed / MB / shaS, packMBs: hashed / MB / packS };
}
