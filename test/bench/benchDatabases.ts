import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate, openDatabase, type Db } from '../../main/store';

export type Flavour = 'encrypted' | 'plain';
export const FLAVOURS: readonly Flavour[] = ['encrypted', 'plain'];

/** The connection settings that shape performance; the reference must match Firebreak's. */
const SETTINGS = ['journal_mode', 'synchronous', 'cache_size', 'foreign_keys', 'busy_timeout'] as const;
let firebreakSettings: string | null = null;

/**
 * The two databases every storage benchmark compares: Firebreak's own (openDatabase: SQLCipher 4,
 * WAL, synchronous=FULL, 64 MiB page cache) and the reference, the same driver and schema with no
 * key, so the only difference is the encryption. Both are migrated by the project's migrate().
 */
export function openBenchDatabase(dir: string, flavour: Flavour, name: string): Db {
  const file = join(dir, `${name}-${flavour}.db`);
  const db = flavour === 'encrypted' ? openDatabase(file, randomBytes(32).toString('hex')) : openPlain(file);
  migrate(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  assertFlavour(file, flavour);
  assertSettings(db, flavour);
  return db;
}

/** A plain SQLite file starts with its magic string; a SQLCipher file is random from byte 0. */
function assertFlavour(file: string, flavour: Flavour): void {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  const plain = head.toString('latin1') === 'SQLite format 3\0';
  if (plain !== (flavour === 'plain')) throw new Error(`${file} is ${plain ? 'plain' : 'not plain'} SQLite, expected ${flavour}`);
}

/** Catches openDatabase changing a setting that openPlain does not copy. */
function assertSettings(db: Db, flavour: Flavour): void {
  const settings = SETTINGS.map((p) => `${p}=${String(db.pragma(p, { simple: true }))}`).join(', ');
  if (flavour === 'encrypted') firebreakSettings = settings;
  else if (firebreakSettings !== null && settings !== firebreakSettings) {
    throw new Error(`the plain reference runs with ${settings}, Firebreak with ${firebreakSettings}`);
  }
}

function openPlain(file: string): Db {
  const db = new Database(file);
  // The same settings openDatabase applies after the key (main/store/openDatabase.ts).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
