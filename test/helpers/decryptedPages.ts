import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/** SQLCipher 4 defaults, as main/store/openDatabase.ts opens the database. */
const PAGE = 4096;
/** Per page: a 16-byte IV, then a 64-byte HMAC-SHA512, at the end of the page. */
const RESERVE = 80;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

function decryptPage(page: Buffer, pgno: number, key: Buffer): Buffer {
  // Page 1 starts with the 16-byte salt in the clear; the rest is AES-256-CBC under the raw key.
  const start = pgno === 1 ? 16 : 0;
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const d = createDecipheriv('aes-256-cbc', key, iv);
  d.setAutoPadding(false);
  return Buffer.concat([d.update(page.subarray(start, PAGE - RESERVE)), d.final()]);
}

/**
 * Every page of firebreak.db and of its WAL decrypted with the data key, free pages and the
 * unallocated space inside pages included: what someone with the file and any key slot can
 * read, beyond what SQL shows. (No HMAC check: this reads, it does not trust.)
 */
export function decryptedPages(dbFile: string, keyHex: string): { db: Buffer; wal: Buffer } {
  const key = Buffer.from(keyHex, 'hex');
  const file = readFileSync(dbFile);
  const db: Buffer[] = [];
  for (let o = 0, pgno = 1; o + PAGE <= file.length; o += PAGE, pgno++) db.push(decryptPage(file.subarray(o, o + PAGE), pgno, key));
  const wal: Buffer[] = [];
  const walFile = `${dbFile}-wal`;
  if (existsSync(walFile)) {
    const w = readFileSync(walFile);
    for (let o = WAL_HEADER; o + FRAME_HEADER + PAGE <= w.length; o += FRAME_HEADER + PAGE) {
      wal.push(decryptPage(w.subarray(o + FRAME_HEADER, o + FRAME_HEADER + PAGE), w.readUInt32BE(o), key));
    }
  }
  return { db: Buffer.concat(db), wal: Buffer.concat(wal) };
}
