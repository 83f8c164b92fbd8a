import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiFailure } from '../../contract';
import { syncDir } from '../store';

/**
 * The shred ledger (docs/security.md, "Crypto-shredding"): one line per erased data subject, in
 * the data directory beside the database, not in it, so a database put back from a backup made
 * before an erasure meets the ledger that remembers it. A plain file (0600, appended only): it
 * holds no personal data and no free text — the subject's random id, when, by whom, and the
 * sequence number of the `pii.subject_shredded` event; the reason stays in the encrypted log.
 */
export const SHRED_LEDGER_FILE = 'shred-ledger.jsonl';

const entrySchema = z.strictObject({
  v: z.literal(1),
  subject: z.string().min(1).max(64),
  erasedAt: z.string().min(1).max(40),
  erasedBy: z.string().min(1).max(200),
  /** The `pii.subject_shredded` event in the log that erased it (null: written back from a database's own erasures). */
  seq: z.number().int().positive().nullable(),
});
export type ShredLedgerEntry = z.infer<typeof entrySchema>;

export const shredLedgerPath = (dir: string): string => join(dir, SHRED_LEDGER_FILE);

/**
 * Every entry of the ledger, by subject (the first line of a subject counts). No file: none yet.
 * A line that is not an entry refuses the whole read, naming the line and the way out: skipping
 * it could let an erased person's data come back (fail closed).
 */
export function readShredLedger(file: string): Map<string, ShredLedgerEntry> {
  const entries = new Map<string, ShredLedgerEntry>();
  if (!existsSync(file)) return entries;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ApiFailure('STORAGE', `cannot read the shred ledger ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): it lists erased personal data that must stay erased, so the vault does not open without it. Give Firebreak's OS account read access to it and try again`);
  }
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' && i === lines.length - 1) break;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      json = undefined;
    }
    const parsed = entrySchema.safeParse(json);
    if (!parsed.success) {
      throw new ApiFailure(
        'STORAGE',
        `the shred ledger ${file} is damaged at line ${i + 1}: it lists erased personal data that must stay erased, so the vault does not open until it reads. ` +
          `Put the file back from a backup (firebreak-data/${SHRED_LEDGER_FILE}), or repair or delete that line: the database's own erasures are written back at the next unlock, an erasure only that line knew of must then be made again`,
      );
    }
    if (!entries.has(parsed.data.subject)) entries.set(parsed.data.subject, parsed.data);
  }
  return entries;
}

/** Appends entries (one write, fsynced; the file is made 0600 if new). */
export function appendShredLedger(file: string, add: readonly ShredLedgerEntry[]): void {
  if (add.length === 0) return;
  const created = !existsSync(file);
  const fd = openSync(file, 'a', 0o600);
  try {
    const buf = Buffer.from(add.map((e) => `${JSON.stringify(entrySchema.parse(e))}\n`).join(''), 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (created) syncDir(join(file, '..'));
}

/** Adds to `file` every entry of `from` it lacks (the union of both); how many were added. */
export function mergeShredLedger(file: string, from: ReadonlyMap<string, ShredLedgerEntry>): number {
  const have = readShredLedger(file);
  const missing = [...from.values()].filter((e) => !have.has(e.subject));
  appendShredLedger(file, missing);
  return missing.length;
}
