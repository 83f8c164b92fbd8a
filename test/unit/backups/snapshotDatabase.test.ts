import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshotDatabase } from '../../../main/backups/snapshotDatabase';
import { migrate, openDatabase, type Db } from '../../../main/store';
import { appendEvent } from '../../../main/timeline';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';

let dir: string;
let db: Db;
const key = randomBytes(32).toString('hex');

beforeEach(() => {
  dir = makeTempDataDir('snapshot');
  db = openDatabase(join(dir, 'firebreak.db'), key);
  migrate(db);
  for (let i = 0; i < 50; i++) appendEvent(db, { actor: 'root', type: 'test.event', data: { i } });
  writeFileSync(join(dir, 'vault.json'), '{"slots":[]}');
});
afterEach(() => {
  db.close();
  removeTempDataDir(dir);
});

describe('snapshotDatabase', () => {
  it('writes an encrypted copy (no plain SQLite header) that opens only with the key and holds the data', () => {
    const work = join(dir, 'work');
    mkdirSync(work);
    const snap = snapshotDatabase(db, key, dir, work);
    expect(readFileSync(snap.db).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    // Owner-only, as the database itself, so a restore puts it back 0600.
    if (process.platform !== 'win32') expect(statSync(snap.db).mode & 0o777).toBe(0o600);
    const copy = openDatabase(snap.db, key, { readonly: true, mustExist: true });
    try {
      expect(copy.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 50 });
    } finally {
      copy.close();
    }
    expect(() => openDatabase(snap.db, randomBytes(32).toString('hex'), { readonly: true, mustExist: true })).toThrow();
    expect(readFileSync(snap.vault, 'utf8')).toBe('{"slots":[]}');
  });

  it('refuses when vault.json is missing (the copy could never be opened after a restore)', () => {
    const work = join(dir, 'work2');
    mkdirSync(work);
    rmSync(join(dir, 'vault.json'));
    expect(() => snapshotDatabase(db, key, dir, work)).toThrow(/no vault.json/);
  });
});
