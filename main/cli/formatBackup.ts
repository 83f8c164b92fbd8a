/** Human-readable output of the backup commands. `--json` bypasses all of this. */
import { join } from 'node:path';
import type { BackupCheck, BackupCheckRecord, BackupPlan, BackupSummary, Decision, RestoreReport, Retention, Topics, VerifyLevel } from '../../contract';
import { formatMinute, formatTable } from './format';

type Progress = Topics['backup.progress'];

/**
 * The kinds of check, in the order shown. Spelled out rather than imported: `--help` must not load
 * the contract's values (they bring zod; test/unit/cli/cliBundle.test.ts), and the type keeps it in step.
 */
const LEVELS: readonly VerifyLevel[] = ['quick', 'full', 'drill'];

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/** 512 B, 1.5 KiB, 3.2 GiB: binary units, one decimal. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** 7 s, 4:05, 1:02:03. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/**
 * An elapsed time in words, for an age or a measured time read once: "0.2 s", "7 s", "20 min 52 s",
 * "1 h 5 min", "2 d 3 h". Not a clock: "20:52" next to "5 s" reads as a time of day.
 */
export function formatElapsed(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 10) return `${s.toFixed(s > 0 && s < 0.1 ? 2 : 1)} s`;
  const whole = Math.round(s);
  if (whole < 60) return `${whole} s`;
  const [d, h, m, sec] = [Math.floor(whole / 86_400), Math.floor((whole % 86_400) / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  return sec ? `${m} min ${sec} s` : `${m} min`;
}

/** A duration given in minutes, as plans state RTO and RPO. */
function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

/** One progress line: phase, files n/N, bytes, rate and ETA. */
export function formatProgress(p: Progress): string {
  if (p.phase === 'scanning') return `${p.plan}: scanning sources…`;
  const files = `files ${p.files}/${p.totalFiles}`;
  const bytes = `${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)}`;
  if (p.phase === 'finishing') return `${p.plan}: finishing (writing the manifest), ${files}, ${bytes}`;
  const eta = p.etaSeconds === null ? 'ETA -' : `ETA ${formatDuration(p.etaSeconds)}`;
  return `${p.plan}: archiving, ${files}, ${bytes}, ${formatBytes(p.bytesPerSecond)}/s, ${eta}`;
}

/** keep last 7, daily 14, …; "keep everything" when no rule is set. */
export function formatRetention(r: Retention): string {
  const rules = ([['last', r.keepLast], ['daily', r.keepDaily], ['weekly', r.keepWeekly], ['monthly', r.keepMonthly], ['yearly', r.keepYearly]] as const)
    .filter(([, n]) => n !== undefined)
    .map(([name, n]) => `${name} ${n}`);
  return rules.length === 0 ? 'keep everything' : `keep ${rules.join(', ')}`;
}

function scheduleOf(plan: BackupPlan): string {
  return plan.schedule === null ? 'on demand' : `${plan.scheduleText ?? plan.schedule} (${plan.schedule})`;
}

function whatOf(plan: BackupPlan): string {
  const parts = [...plan.sources];
  if (plan.includeDatabase) parts.push('(Firebreak database)');
  return parts.join(', ');
}

export function formatPlanRows(plans: BackupPlan[]): string {
  if (plans.length === 0) return 'No backup plans.';
  const table = formatTable(
    ['NAME', 'SCHEDULE', 'TARGET', 'SOURCES'],
    plans.map((p) => [p.name, p.schedule === null ? 'on demand' : (p.scheduleText ?? p.schedule), join(p.target, p.name), whatOf(p)]),
  );
  const waiting = plans.filter((p) => p.review !== null).map((p) => p.name);
  if (waiting.length === 0) return table;
  return `${table}

Waiting for an administrator's review: ${waiting.join(', ')} (backup plan show NAME says why).`;
}

const decided = (d: Decision | null): string => (d === null ? '' : `, decided by ${d.by} at ${d.at}`);

function reviewOf(plan: BackupPlan): [string, string][] {
  if (plan.review === null) return [];
  const runs = plan.review.blocksRuns ? 'its runs are refused until then' : 'it keeps running until then';
  return [['REVIEW', `waits for an administrator since ${plan.review.since} (${runs}): ${plan.review.reasons.join('; ')}`]];
}

export function formatPlan(plan: BackupPlan): string {
  const lines: [string, string][] = [
    ['Plan', plan.name],
    ['Sources', plan.sources.join(', ') || '-'],
    ['Database', `${plan.includeDatabase ? 'included (encrypted snapshot and vault.json)' : 'not included'}${decided(plan.databaseDecision)}`],
    ['Exclude', plan.exclude.join(', ') || '-'],
    ['Target', `${join(plan.target, plan.name)}`],
    ['Schedule', scheduleOf(plan)],
    ['Verification', plan.verifySchedule === null ? 'not scheduled' : `${plan.verifyLevel}, ${plan.verifyScheduleText ?? plan.verifySchedule} (${plan.verifySchedule})`],
    ['Retention', formatRetention(plan.retention)],
    ['Full backup', plan.fullEvery === 1 ? 'every run' : `every ${plan.fullEvery} runs (incremental in between)`],
    ['RTO', plan.rtoMinutes === null ? '-' : formatMinutes(plan.rtoMinutes)],
    ['RPO', plan.rpoMinutes === null ? '-' : formatMinutes(plan.rpoMinutes)],
    ['Recipients', plan.recipients.length === 0 ? 'the vault\'s backup identity only' : `the vault's backup identity, ${plan.recipients.join(', ')}${decided(plan.recipientsDecision)}`],
    ['Created', `${plan.createdAt} by ${plan.createdBy}`],
    ...reviewOf(plan),
  ];
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  return lines.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`).join('\n');
}

/** `ok 2026-11-22T07:10`, `FAILED …`, or `-` for a kind of check never run. */
export function formatCheckBrief(c: BackupCheck | null): string {
  if (c === null) return '-';
  return `${c.ok ? 'ok' : 'FAILED'} ${formatMinute(c.at)}`;
}

/** One column per kind of check, each its latest: a later check of one kind never hides another. */
export function formatBackupRows(backups: BackupSummary[], plan?: string): string {
  if (backups.length === 0) return plan === undefined ? 'No backups.' : `No backups of plan ${plan}.`;
  return formatTable(
    ['ID', 'PLAN', 'KIND', 'FINISHED', 'FILES', 'SIZE', 'STORED', 'QUICK CHECK', 'FULL CHECK', 'DRILL'],
    backups.map((b) => [
      b.id, b.plan, b.kind, formatMinute(b.finishedAt), String(b.files), formatBytes(b.bytes), formatBytes(b.storedBytes),
      ...LEVELS.map((level) => formatCheckBrief(b.latestChecks[level])),
    ]),
  );
}

const KIND_LABEL: Record<VerifyLevel, string> = { quick: 'Quick check', full: 'Full check', drill: 'Drill' };
/** Problems printed per check; `--json` has them all. */
const PROBLEMS_SHOWN = 10;

/** A drill's restore time against the RTO it was held to, and the backup's age against the plan's RPO. */
function drillVerdict(c: BackupCheck, rpoMinutes: number | null): string {
  const time = c.restoreSeconds === null ? 'no restore time' : `restore ${c.restoreSeconds.toFixed(1)} s`;
  const rto = c.restoreSeconds === null || c.rtoSeconds === null
    ? ' (no RTO set)'
    : ` (RTO ${Number.isInteger(c.rtoSeconds / 60) ? formatMinutes(c.rtoSeconds / 60) : formatElapsed(c.rtoSeconds)}: ${c.restoreSeconds <= c.rtoSeconds ? 'met' : 'MISSED'})`;
  const age = c.rpoSeconds === null
    ? ''
    : `; backup ${formatElapsed(c.rpoSeconds)} old${rpoMinutes === null ? '' : ` (RPO ${formatMinutes(rpoMinutes)}: ${c.rpoSeconds <= rpoMinutes * 60 ? 'met' : 'MISSED'})`}`;
  return `${time}${rto}${age}`;
}

function checkDetail(c: BackupCheck, rpoMinutes: number | null): string {
  if (c.level === 'drill') return c.ok || c.files > 0 ? drillVerdict(c, rpoMinutes) : 'the restore failed';
  if (c.level === 'full') return `${c.files} files (${formatBytes(c.bytes)}) decrypted and re-hashed`;
  return 'manifests decrypt, archives present at their recorded sizes';
}

function problemLines(c: BackupCheck, indent: string): string[] {
  const shown = c.problems.slice(0, PROBLEMS_SHOWN).map((p) => `${indent}${p}`);
  const more = c.problems.length - shown.length;
  return more > 0 ? [...shown, `${indent}… and ${more} more (--json lists them all)`] : shown;
}

/**
 * `backup show`: the backup, the latest check of each kind (a drill's RTO verdict stays shown
 * whatever was checked after it), and its recorded checks, newest first.
 */
export function formatBackup(b: BackupSummary, checks: BackupCheckRecord[], more: boolean, rpoMinutes: number | null): string {
  const facts: [string, string][] = [
    ['Backup', b.id],
    ['Plan', b.plan],
    ['Kind', b.kind === 'full' ? 'full' : `incremental, on ${b.parent ?? '?'}`],
    ['Started', b.startedAt],
    ['Finished', b.finishedAt],
    ['Files', `${b.files} (${formatBytes(b.bytes)})`],
    ['Stored', `${b.storedFiles} files (${formatBytes(b.storedBytes)}) in this backup's own archive`],
    ['Archive', b.archiveFile],
    ['Manifest', b.manifestFile],
    ['Log head', b.chainHead === null ? '-' : `#${b.chainHead.seq} ${b.chainHead.hash}`],
  ];
  const width = Math.max(...facts.map(([k]) => k.length)) + 2;
  const lines = facts.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`);
  lines.push('', 'Latest check of each kind:');
  for (const level of LEVELS) {
    const c = b.latestChecks[level];
    const label = `${KIND_LABEL[level]}:`.padEnd(14);
    if (c === null) {
      lines.push(`  ${label}never`);
      continue;
    }
    lines.push(`  ${label}${c.level === 'drill' ? (c.ok ? 'passed' : 'FAILED') : c.ok ? 'ok' : 'FAILED'} ${formatMinute(c.at)}: ${checkDetail(c, rpoMinutes)}`);
    lines.push(...problemLines(c, '    '));
  }
  lines.push('');
  if (checks.length === 0) {
    lines.push('Checks: none recorded.');
  } else {
    lines.push(`Checks, newest first${more ? ` (the ${checks.length} newest; --checks N for more)` : ''}:`);
    lines.push(formatTable(
      ['AT', 'KIND', 'RESULT', 'DETAIL'],
      checks.map((c) => [formatMinute(c.at), c.level, c.ok ? 'ok' : 'FAILED', checkDetail(c, rpoMinutes)]),
    ).split('\n').map((l) => `  ${l}`).join('\n'));
  }
  return lines.join('\n');
}

/** What `backup run` says on stderr when done (the id goes to stdout). */
export function formatBackupDone(b: BackupSummary): string {
  const seconds = (Date.parse(b.finishedAt) - Date.parse(b.startedAt)) / 1000;
  const stored = b.kind === 'full' ? '' : `, stored ${b.storedFiles} changed files (${formatBytes(b.storedBytes)})`;
  return `Backup ${b.id} (${b.kind}${b.parent ? ` on ${b.parent}` : ''}): ${b.files} files, ${formatBytes(b.bytes)}${stored}, in ${seconds < 60 ? `${seconds.toFixed(1)} s` : formatDuration(seconds)}.`;
}

export function formatCheckOk(c: BackupCheck): string {
  return c.level === 'quick'
    ? `Backup ${c.backupId}: quick check OK (manifests decrypt, archives present with their recorded sizes).`
    : `Backup ${c.backupId}: full check OK, ${c.files} files (${formatBytes(c.bytes)}) decrypted and re-hashed.`;
}

/** The failure line, then one line per problem. */
export function formatCheckProblems(c: BackupCheck): string {
  const n = c.problems.length;
  const head = `backup ${c.backupId} failed the ${c.level === 'drill' ? 'restore drill' : `${c.level} check`}: ${n} problem${n === 1 ? '' : 's'}`;
  return [head, ...c.problems.map((p) => `  ${p}`)].join('\n');
}

/** The drill's restore time against the RTO, and the backup's age (the data a restore now loses) against the RPO. */
export function formatDrill(c: BackupCheck, rpoMinutes: number | null): string {
  // The drill counts what it restored only when the restore went through.
  const restoreFailed = !c.ok && c.files === 0;
  const rto = restoreFailed
    ? 'the restore failed'
    : c.rtoSeconds === null
      ? 'the plan sets no RTO'
      : `RTO ${Number.isInteger(c.rtoSeconds / 60) ? formatMinutes(c.rtoSeconds / 60) : formatElapsed(c.rtoSeconds)}: ${c.restoreSeconds !== null && c.restoreSeconds <= c.rtoSeconds ? 'met' : 'MISSED'}`;
  const rpo = rpoMinutes === null
    ? 'the plan sets no RPO'
    : `RPO ${formatMinutes(rpoMinutes)}: ${c.rpoSeconds !== null && c.rpoSeconds <= rpoMinutes * 60 ? 'met' : 'MISSED'}`;
  const lines: [string, string][] = [
    ['Drill', `${c.backupId} at ${formatMinute(c.at)}: ${c.ok ? 'passed' : 'FAILED'}`],
    ['Restored', restoreFailed ? 'nothing: the restore failed (see the problems)' : `${c.files} files, ${formatBytes(c.bytes)}, each checked against the manifest`],
    ['Restore time', c.restoreSeconds === null ? '-' : `${formatElapsed(c.restoreSeconds)} (${rto})`],
    ['Backup age', c.rpoSeconds === null ? '-' : `${formatElapsed(c.rpoSeconds)} (${rpo})`],
  ];
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  return lines.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`).join('\n');
}

/** Counts only: the restored paths are the backup's manifest entries under the path restored. */
export function formatRestore(r: RestoreReport): string {
  const kinds = [
    `${r.files} file${r.files === 1 ? '' : 's'}`,
    `${r.directories} director${r.directories === 1 ? 'y' : 'ies'}`,
    ...(r.symlinks > 0 ? [`${r.symlinks} link${r.symlinks === 1 ? '' : 's'}`] : []),
  ];
  return `Restored ${r.entries} entr${r.entries === 1 ? 'y' : 'ies'} (${kinds.join(', ')}; ${formatBytes(r.bytes)}) from ${r.backupId}${r.path === null ? '' : ` (${r.path})`} to ${r.to}.`;
}
