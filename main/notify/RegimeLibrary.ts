import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiFailure, type HolidayCalendar, type Regime } from '../../contract';
import { loadHolidayCalendar, loadRegime, type DataFileProblem } from './loadRegime';

export interface RegimeLibrary {
  regimes: Regime[];
  holidays: ReadonlyMap<string, HolidayCalendar>;
}

export interface LibraryProblem {
  file: string;
  problems: DataFileProblem[];
}

const yamlFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f)) : []);

let cached: { key: string; library: RegimeLibrary } | null = null;

/**
 * The shipped regimes (main/notify/regimes) and holiday calendars (main/notify/holidays); a
 * calendar of the same name in `<data dir>/holidays/` replaces the shipped one (an organisation's
 * own list, a year added). A broken file is refused whole with its problems: the engine never
 * assesses against half a rule set. Read again only when a file changed.
 */
export function loadRegimeLibrary(builtinDir: string, dataDir: string | null): RegimeLibrary {
  const regimeFiles = yamlFiles(join(builtinDir, 'regimes'));
  const calendarFiles = new Map<string, string>();
  for (const f of yamlFiles(join(builtinDir, 'holidays'))) calendarFiles.set(basename(f), f);
  if (dataDir !== null) for (const f of yamlFiles(join(dataDir, 'holidays'))) calendarFiles.set(basename(f), f);
  const files = [...regimeFiles, ...calendarFiles.values()];
  const key = files.map((f) => `${f}:${statSync(f).mtimeMs}`).join('|');
  if (cached?.key === key) return cached.library;

  const broken: LibraryProblem[] = [];
  const regimes: Regime[] = [];
  for (const file of regimeFiles) {
    const r = loadRegime(readFileSync(file, 'utf8'));
    if (r.ok) regimes.push(r.value);
    else broken.push({ file, problems: r.problems });
  }
  const holidays = new Map<string, HolidayCalendar>();
  for (const file of calendarFiles.values()) {
    const r = loadHolidayCalendar(readFileSync(file, 'utf8'));
    if (r.ok) holidays.set(r.value.id, r.value);
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
  if (broken.length > 0) {
    const lines = broken.flatMap((b) => b.problems.map((p) => `${b.file}:${p.line}:${p.col}: ${p.message}`));
    throw new ApiFailure('INTERNAL', `the notification rules are broken; nothing was assessed:\n${lines.join('\n')}`, { issues: lines });
  }
  const library = { regimes, holidays };
  cached = { key, library };
  return library;
}
