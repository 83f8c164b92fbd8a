import { mkdirSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupSummary } from '../../../contract';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { createTestVault, type TestVault } from '../../helpers/testVault';

let v: TestVault;
let work: string;
let backup: BackupSummary;
let planDir: string;
const files: Record<string, Buffer> = {};

beforeAll(async () => {
  v = await createTestVault();
  work = makeTempDataDir('corruption');
  const source = join(work, 'src');
  mkdirSync(join(source, 'docs'), { recursive: true });
  for (let i = 0; i < 6; i++) writeFileSync(join(source, 'docs', `f${i}.txt`), `file ${i} `.repeat(20_000 + i * 1000));
  writeFileSync(join(source, 'small.txt'), 'small');
  await v.admin.call('backups.plans.add', { name: 'victim', sources: [source], target: join(work, 'target'), includeDatabase: false });
  backup = await v.admin.call('backups.run', { name: 'victim' });
  planDir = join(work, 'target', 'victim');
  for (const name of readdirSync(planDir)) files[name] = readFileSync(join(planDir, name));
});
afterAll(() => {
  v.dispose();
  removeTempDataDir(work);
});

const restoreAll = () => {
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(planDir, name), bytes);
};

describe('damaged backups', () => {
  it('every random bit flip or truncation of the archive or the manifest is caught by full verify, named, and nothing wrong is restored', async () => {
    let trial = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(backup.archiveFile, backup.manifestFile),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.integer({ min: 0, max: 7 }),
        async (file, flip, where, bit) => {
          restoreAll();
          const original = files[file] as Buffer;
          const offset = Math.floor(where * original.length);
          if (flip) {
            const damaged = Buffer.from(original);
            damaged[offset] = (damaged[offset] ?? 0) ^ (1 << bit);
            writeFileSync(join(planDir, file), damaged);
          } else truncateSync(join(planDir, file), offset);

          const check = await v.admin.call('backups.verify', { id: backup.id, level: 'full' });
          expect(check.ok).toBe(false);
          // The damaged file is named (inside an archive, the chunk that failed is named instead).
          expect(check.problems.join('\n')).toContain(file);

          const to = join(work, `restore-${trial++}`);
          const restored = await v.admin.attempt('backups.restore', { id: backup.id, to });
          if (restored.ok) throw new Error(`a damaged backup restored: ${file} ${flip ? 'flip' : 'truncate'} at ${offset}`);
          // Whatever was written before the damage was found is byte-exact (each file is checked before it gets its name).
          const restoredDocs = join(to, 'src', 'docs');
          for (const name of (() => { try { return readdirSync(restoredDocs); } catch { return []; } })()) {
            if (name.startsWith('.')) continue;
            expect(readFileSync(join(restoredDocs, name))).toEqual(readFileSync(join(work, 'src', 'docs', name)));
          }
          rmSync(to, { recursive: true, force: true });
        },
      ),
      { numRuns: 40, seed: 20261122 },
    );
    restoreAll();
    expect(await v.admin.call('backups.verify', { id: backup.id, level: 'full' })).toMatchObject({ ok: true });
  }, 300_000);
});
