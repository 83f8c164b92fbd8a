import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HolidayCalendar, Regime } from '../../contract';

const FORMAT = 'firebreak-notify-snapshot';

/** One shipped file, parsed and checked: its text's SHA-256 and what it holds. */
export type SnapshotEntry = { sha256: string; regime: Regime } | { sha256: string; calendar: HolidayCalendar };

interface Snapshot {
  format: typeof FORMAT;
  version: 1;
  /** By name relative to the rules folder: `regimes/eu-gdpr-art33.yaml`. */
  files: Record<string, SnapshotEntry>;
}

/**
 * Where the build puts the snapshot of the shipped rules: <package root>/dist/notify-library.json,
 * beside the bundles (scripts/build-cli.mjs). `builtinDir` is <package root>/main/notify.
 */
export function regimeSnapshotFile(builtinDir: string): string {
  return join(builtinDir, '..', '..', 'dist', 'notify-library.json');
}

export const sha256Of = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The snapshot's entries, or none when there is no snapshot (no build yet) or it is unreadable or
 * foreign. An entry is used only for a file whose text has its SHA-256 (RegimeLibrary.ts), so an
 * edited rule is always parsed as written.
 */
export function readRegimeSnapshot(file: string): ReadonlyMap<string, SnapshotEntry> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Snapshot>;
    if (data.format !== FORMAT || data.version !== 1 || typeof data.files !== 'object' || data.files === null) return new Map();
    return new Map(Object.entries(data.files));
  } catch {
    return new Map();
  }
}

/** Writes the snapshot of files already parsed and checked; renamed into place, so readers see all of it or none. */
export function writeRegimeSnapshot(file: string, files: Record<string, SnapshotEntry>): void {
  const snapshot: Snapshot = { format: FORMAT, version: 1, files };
  const tmp = `${file}.${process.pid}.tmp`;
  // Public rules, not secrets: readable by everyone who may run the CLI from this checkout.
  writeFileSync(tmp, `${JSON.stringify(snapshot)}\n`, { mode: 0o644 });
  renameSync(tmp, file);
}
