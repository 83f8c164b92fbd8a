import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RESTORE_REPORT_PATHS } from '../../../contract';
import type { TestClient } from '../../helpers/client';
import { removeTempDataDir } from '../../helpers/tempDataDir';
import { createTestVault, type TestVault } from '../../helpers/testVault';

/**
 * A restore of more entries than a call takes arguments. Restoring more than about 120,000 paths
 * used to fail at the very end, after writing every one, with "Maximum call stack size exceeded"
 * (`restored.push(...report.restored)`). 131 folders of 1,000 empty folders each and a file:
 * directories are the cheapest entry to create, back up and restore, through the same code as
 * files (readTar, restoreTar, restoreBackup's counting), and the report counts every kind. In
 * tmpfs where there is one: a real file system whose metadata operations do not wait on a disk
 * shared with every other test. The whole file costs about 25 s of CPU (most of it the restore
 * and the backup); its wall time depends on what else shares the cores, hence the long timeouts.
 */
const FOLDERS = 131;
const PER_FOLDER = 1000;

let v: TestVault;
let operator: TestClient;
let work: string;

beforeAll(async () => {
  v = await createTestVault();
  operator = await v.addUser('bob', 'backup-operator');
  work = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'firebreak-restore-scale-'));
  const source = join(work, 'many');
  for (let d = 0; d < FOLDERS; d++) {
    const folder = join(source, `d${d}`);
    mkdirSync(folder, { recursive: true });
    for (let f = 0; f < PER_FOLDER; f++) mkdirSync(join(folder, `e${f}`));
    writeFileSync(join(folder, 'note.txt'), `folder ${d}\n`);
  }
  await operator.call('backups.plans.add', { name: 'many', sources: [source], target: join(work, 'target'), includeDatabase: false });
}, 120_000);
afterAll(() => {
  v.dispose();
  removeTempDataDir(work);
}, 60_000);

it(`restores a backup of ${1 + FOLDERS * (PER_FOLDER + 2)} entries and reports them by counts, naming the first ${RESTORE_REPORT_PATHS}`, async () => {
  const backup = await operator.call('backups.run', { name: 'many' });
  expect(backup.files).toBe(FOLDERS);
  const to = join(work, 'restored');
  const report = await operator.call('backups.restore', { id: backup.id, to });
  const directories = 1 + FOLDERS * (1 + PER_FOLDER);
  expect(report).toMatchObject({ backupId: backup.id, to, path: null, entries: directories + FOLDERS, files: FOLDERS, directories, symlinks: 0 });
  expect(report.firstPaths).toHaveLength(RESTORE_REPORT_PATHS);
  expect(report.firstPaths[0]).toBe('many');
  // Everything is there, with the source's times.
  for (let d = 0; d < FOLDERS; d++) expect(readdirSync(join(to, 'many', `d${d}`)).length).toBe(PER_FOLDER + 1);
  const leaf = 'many/d130/e999';
  expect(Math.abs(lstatSync(join(to, leaf)).mtimeMs - lstatSync(join(work, leaf)).mtimeMs)).toBeLessThan(2);
  const logged = await v.admin.call('audit.list', { type: 'backup.restored', limit: 1 });
  expect(logged.rows[0]?.data).toMatchObject({ id: backup.id, entries: directories + FOLDERS, files: FOLDERS });
}, 180_000);
