import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readLockHolder, processAlive, tryCreateLockFile, writeFileAtomic, type Db } from '../store';
import { rowToEvent, type EventRow } from '../timeline';
import { SECURITY_EVENT_TYPES, toSecurityRecord, type LockedSecurityRecord, type SecurityRecord } from './toSecurityRecord';

export const SECURITY_STREAM_FILE = 'security-events.jsonl';
const CURSOR_FILE = 'security-events.cursor';
const LOCK_FILE = 'security-events.lock';

export interface SecurityStreamOptions {
  /** Rotate before the file would grow past this (default 10 MiB). */
  maxBytes?: number;
  /** Rotated files kept beside the current one: .1 (newest) … .keep (default 5). */
  keep?: number;
}

/** Events read per pass: the stream catches up on a long log a bounded slice at a time. */
const SLICE = 2_000;
/** Slices per call: a backlog (a first run on an old vault) is worked off over several calls. */
const SLICES_PER_CALL = 10;
/** Events read past the saved cursor before it is saved again when none of them was a security event. */
const CURSOR_EVERY = 1_000;
const TYPES = JSON.stringify(Object.keys(SECURITY_EVENT_TYPES));

/**
 * The security event stream for a SIEM: one JSON line per security-relevant event of the log
 * (toSecurityRecord), appended to `security-events.jsonl` in the data directory, 0600, rotated at
 * a size limit. It is written from the committed log after each call, never inside a transaction:
 * a write that fails leaves the cursor where it was, the log keeps the event, and the next call
 * writes it. Delivery is at least once (a crash between the write and the cursor can repeat a
 * line): `seq` is unique, so a consumer drops repeats. Processes on one data directory take turns
 * through a lock file; a busy turn is skipped and the next call catches up.
 */
export class SecurityStream {
  private readonly file: string;
  private readonly cursorFile: string;
  private readonly lock: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  /** The last event this process has read for the stream (its lines, if any, written and the cursor saved). */
  private seen = 0;
  private seenIn: Db | null = null;

  constructor(private readonly dataDir: string, opts: SecurityStreamOptions = {}) {
    this.file = join(dataDir, SECURITY_STREAM_FILE);
    this.cursorFile = join(dataDir, CURSOR_FILE);
    this.lock = join(dataDir, LOCK_FILE);
    this.maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
    this.keep = opts.keep ?? 5;
  }

  /**
   * Writes the security events committed since the last call, and hands each slice's records to
   * `onWritten` once they are in the file (the syslog output). Returns how many lines were written;
   * throws when the file cannot be written.
   */
  flush(db: Db, onWritten?: (records: SecurityRecord[]) => void): number {
    const head = (db.prepare('SELECT seq FROM chain_head WHERE id = 1').get() as { seq: number } | undefined)?.seq ?? 0;
    // Most calls append nothing, or nothing a SIEM wants: no file is touched for them (the lock, the
    // cursor and its fsync used to cost half of every incident edit).
    // `seen` belongs to one connection: a database opened again (a lock and unlock, a restore) starts from the cursor file.
    if (db !== this.seenIn) {
      this.seen = 0;
      this.seenIn = db;
    }
    if (head <= this.seen) return 0;
    if (!this.takeLock()) return 0;
    try {
      const persisted = this.readCursor();
      // Events up to `seen` were read by this process, and any security line among them written and
      // its cursor saved: nothing before it needs reading again, whatever an older cursor file says.
      let cursor = Math.max(persisted, this.seen);
      let saved = persisted;
      let written = 0;
      for (let slice = 0; slice < SLICES_PER_CALL && cursor < head; slice++) {
        const upTo = Math.min(head, cursor + SLICE);
        const lines: string[] = [];
        const records: SecurityRecord[] = [];
        // A range of the primary key: bounded whatever the log's length.
        for (const row of db.prepare('SELECT * FROM events WHERE seq > ? AND seq <= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY seq').iterate(cursor, upTo, TYPES) as Iterable<EventRow>) {
          const event = rowToEvent(row);
          // A failure at a locked vault was streamed when it happened (appendLocked): not twice.
          if (event.data.streamedEarly === true) continue;
          const record = toSecurityRecord(event);
          if (!record) continue;
          lines.push(`${JSON.stringify(record)}\n`);
          records.push(record);
        }
        if (lines.length > 0) this.append(lines.join(''));
        if (records.length > 0) onWritten?.(records);
        cursor = upTo;
        written += lines.length;
        // Saved after lines were written (a crash before it repeats them: at least once), and after a
        // long run without any, so that another process (or the next run) does not read it all again.
        // Between the saved cursor and `cursor` there is then no security event to write twice.
        if (lines.length > 0 || cursor - saved >= CURSOR_EVERY) {
          writeFileAtomic(this.cursorFile, `${JSON.stringify({ seq: cursor })}\n`);
          saved = cursor;
        }
      }
      this.seen = cursor;
      return written;
    } finally {
      unlinkSync(this.lock);
    }
  }

  /**
   * Writes records made while the vault is locked (lockedFailureRecords) at once, outside the
   * cursor, waiting up to `waitMs` for another process's (millisecond-long) turn. Returns false,
   * writing nothing, when the turn does not come: the failure then reaches the stream from the log
   * at the next unlock, as before.
   */
  async appendLocked(records: readonly LockedSecurityRecord[], waitMs = 1_000): Promise<boolean> {
    if (records.length === 0) return false;
    const deadline = Date.now() + waitMs;
    while (!this.takeLock()) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 20)));
    }
    try {
      this.append(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
      return true;
    } finally {
      unlinkSync(this.lock);
    }
  }

  private append(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    const size = existsSync(this.file) ? statSync(this.file).size : 0;
    if (size > 0 && size + bytes.length > this.maxBytes) this.rotate();
    const fd = openSync(this.file, 'a', 0o600);
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** security-events.jsonl → .1 → .2 …; the oldest beyond `keep` is deleted. */
  private rotate(): void {
    const numbered = (n: number) => `${this.file}.${n}`;
    if (existsSync(numbered(this.keep))) unlinkSync(numbered(this.keep));
    for (let n = this.keep - 1; n >= 1; n--) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
    renameSync(this.file, numbered(1));
  }

  private readCursor(): number {
    try {
      const seq = (JSON.parse(readFileSync(this.cursorFile, 'utf8')) as { seq?: unknown }).seq;
      return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 ? seq : 0;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
  }

  private takeLock(): boolean {
    if (tryCreateLockFile(this.lock)) return true;
    const holder = readLockHolder(this.lock);
    // A holder that died mid-turn (this process never holds it across calls): take over.
    if (holder && (holder.pid === process.pid || !processAlive(holder.pid))) {
      try {
        unlinkSync(this.lock);
      } catch {
        // Another process took it over first.
      }
      return tryCreateLockFile(this.lock);
    }
    return false;
  }
}
