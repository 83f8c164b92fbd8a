import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ApiFailure, type HolidayCalendar, type Regime } from '../../contract';
import { loadHolidayCalendar, loadRegime, type DataFileProblem } from './loadRegime';
import { readRegimeSnapshot, regimeSnapshotFile, sha256Of, type SnapshotEntry } from './regimeSnapshot';

export interface RegimeLibrary {
  regimes: Regime[];
  holidays: ReadonlyMap<string, HolidayCalendar>;
}

export interface LibraryProblem {
  file: string;
  problems: DataFileProblem[];
}

const yamlFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f)) : []);

/** `regimes/eu-gdpr-art33.yaml`: relative to the rules folder, as the snapshot names files. */
const snapshotName = (file: string): string => `${basename(dirname(file))}/${basename(file)}`;

let cached: { key: string; library: RegimeLibrary } | null = null;

/**
 * The shipped regimes (main/notify/regimes) and holiday calendars (main/notify/holidays); a
 * calendar of the same name in `<data dir>/holidays/` replaces the shipped one (an organisation's
 * own list, a year added), which is then not read at all. A broken file is refused whole with its
 * problems: the engine never assesses against half a rule set. Read again only when a file changed.
 *
 * A shipped file whose text is exactly what the build's snapshot (dist/notify-library.json) was
 * made from is taken from there: parsing 34 YAML files with positions costs a CLI run a quarter of
 * a second, hashing them a millisecond. An edited file, or no snapshot, and it is parsed as written.
 */
export function loadRegimeLibrary(builtinDir: string, dataDir: string | null): RegimeLibrary {
  const regimeFiles = yamlFiles(join(builtinDir, 'regimes'));
  const calendarFiles = new Map<string, string>();
  for (const f of yamlFiles(join(builtinDir, 'holidays'))) calendarFiles.set(basename(f), f);
  if (dataDir !== null) for (const f of yamlFiles(join(dataDir, 'holidays'))) calendarFiles.set(basename(f), f);
  const files = [...regimeFiles, ...calendarFiles.values()];
  const key = files.map((f) => `${f}:${statSync(f).mtimeMs}`).join('|');
  if (cached?.key === key) return cached.library;

  const snapshot = readRegimeSnapshot(regimeSnapshotFile(builtinDir));
  const shipped = (file: string) => file.startsWith(join(builtinDir, ''));
  const broken: LibraryProblem[] = [];
  const regimes: Regime[] = [];
  for (const file of regimeFiles) {
    const r = parseFile(file, shipped(file) ? snapshot : null, 'regime');
    if (r.ok) regimes.push(r.value as Regime);
    else broken.push({ file, problems: r.problems });
  }
  const holidays = new Map<string, HolidayCalendar>();
  for (const file of calendarFiles.values()) {
    const r = parseFile(file, shipped(file) ? snapshot : null, 'calendar');
    if (r.ok) holidays.set((r.value as HolidayCalendar).id, r.value as HolidayCalendar);
    else broken.push({ file, problems: r.problems });
  }
  for (const r of regimes) {
    const id = r.jurisdiction.holidays;
    if (id !== undefined && !holidays.has(id)) broken.push({ file: r.id, problems: [{ line: 1, col: 1, message: `holiday calendar "${id}" not found` }] });
  }
  const ids = new Set<string>();
  for (const r of regimes) {
    if (ids.has(r.id)) broken.push({ file: r.id, problems: [{ line: 1, col: 1, message: `regime id "${r.id}" is used by two files` }] });
    ids.add(r.id);
  }
  if (broken.length > 0) throw brokenRules(broken);
  const library = { regimes, holidays };
  cached = { key, library };
  return library;
}

type Parsed = { ok: true; value: Regime | HolidayCalendar } | { ok: false; problems: DataFileProblem[] };

function parseFile(file: string, snapshot: ReadonlyMap<string, SnapshotEntry> | null, kind: 'regime' | 'calendar'): Parsed {
  const text = readFileSync(file, 'utf8');
  const entry = snapshot?.get(snapshotName(file));
  if (entry && entry.sha256 === sha256Of(text)) {
    if (kind === 'regime' && 'regime' in entry) return { ok: true, value: entry.regime };
    if (kind === 'calendar' && 'calendar' in entry) return { ok: true, value: entry.calendar };
  }
  return kind === 'regime' ? loadRegime(text) : loadHolidayCalendar(text);
}

/**
 * Every shipped file parsed and checked, as snapshot entries (main/notify/buildRegimeSnapshot.ts);
 * throws with every problem when one is broken, as loadRegimeLibrary would.
 */
export function parseShippedRules(builtinDir: string): Record<string, SnapshotEntry> {
  const entries: Record<string, SnapshotEntry> = {};
  const broken: LibraryProblem[] = [];
  for (const [kind, dir] of [['regime', 'regimes'], ['calendar', 'holidays']] as const) {
    for (const file of yamlFiles(join(builtinDir, dir))) {
      const text = readFileSync(file, 'utf8');
      const r = kind === 'regime' ? loadRegime(text) : loadHolidayCalendar(text);
      if (!r.ok) broken.push({ file, problems: r.problems });
      else entries[snapshotName(file)] = kind === 'regime' ? { sha256: sha256Of(text), regime: r.value as Regime } : { sha256: sha256Of(text), calendar: r.value as HolidayCalendar };
    }
  }
  if (broken.length > 0) throw brokenRules(broken);
  return entries;
}

function brokenRules(broken: LibraryProblem[]): ApiFailure {
  const lines = broken.flatMap((b) => b.problems.map((p) => `${b.file}:${p.line}:${p.col}: ${p.message}`));
  return new ApiFailure('INTERNAL', `the notification rules are broken; nothing was assessed:\n${lines.join('\n')}`, { issues: lines });
}
