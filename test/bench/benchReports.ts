import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPORT_FORMATS, type ReportFormat } from '../../contract';
import { createIncident } from '../../main/incidents';
import { ReportWorker } from '../../main/reports';
import { migrate, openDatabase } from '../../main/store';
import { appendEvent } from '../../main/timeline';
import type { BenchContext } from './BenchContext';
import type { BenchRow } from './BenchResult';
import { fmtCount } from './stats';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Issue 12 §3's figures: the incident report of an incident with 10,000 events (`reportEvents`),
 * in each format, as the API makes it — on the report worker thread, from a SQLCipher database,
 * with the chain verified and every section read (10a PDF, target < 3 s; 10b DOCX; 10c Markdown;
 * 10d HTML). Each format is timed after a warm-up report (the worker's start and, from the
 * sources, its TypeScript compilation are paid once per process, not per report), and the peak
 * resident memory of the whole process (worker included) is sampled every 20 ms.
 */
export async function benchReports(ctx: BenchContext): Promise<BenchRow[]> {
  const n = ctx.sizes.reportEvents;
  const keyHex = randomBytes(32).toString('hex');
  const dbFile = join(ctx.dir, 'reports.db');
  const db = openDatabase(dbFile, keyHex);
  migrate(db);
  const warm = createIncident(db, 'alice', { title: 'Warm-up', severity: 'SEV4', category: 'other' }, '2026-03-14T09:00:00.000Z').ref;
  const ref = createIncident(db, 'alice', { title: 'Ransomware across the file servers', severity: 'SEV1', category: 'ransomware', summary: 'Files on **FS01–FS04** were encrypted.' }, '2026-03-14T09:00:00.000Z').ref;
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      appendEvent(db, {
        actor: i % 3 ? 'alice' : 'bob', type: 'incident.note', incidentRef: ref, ts: new Date(Date.UTC(2026, 2, 14, 9) + i * 30_000).toISOString(),
        data: { text: i % 10 ? `Checked host ws-${i}: clean` : `Note ${i}: ${'the attacker moved laterally through the file servers and '.repeat(5)}` },
      });
    }
  })();
  db.close();
  ctx.progress(`reports: ${fmtCount(n)} events appended`);
  const job = (format: ReportFormat, incident: string) => ({
    kind: 'incident' as const, dbFile, keyHex, notifyDir: join(REPO, 'main', 'notify'), dataDir: ctx.dir,
    runbookDirs: { builtin: join(REPO, 'runbooks'), custom: join(ctx.dir, 'runbooks') },
    ref: incident, format, tlp: 'amber' as const, redact: false, seesPii: true, generatedBy: 'alice', now: '2026-03-20T09:00:00.000Z',
  });
  const mib = (b: number) => Math.round(b / 1024 / 1024);
  const rows: BenchRow[] = [];
  const ids: Record<ReportFormat, string> = { pdf: '10a', docx: '10b', md: '10c', html: '10d' };
  for (const format of REPORT_FORMATS) {
    // A fresh worker per format, warmed up on a one-event incident: what a report costs is then
    // the growth of the process's resident memory over that, worker heap included.
    const worker = new ReportWorker();
    await worker.run(job(format, warm));
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await worker.run(job(format, ref));
    const seconds = (performance.now() - t0) / 1000;
    // CPU time of the whole process (the worker's thread included): on a busy machine wall time grows, this does not.
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    await worker.close();
    ctx.progress(`reports: ${format} ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s), ${result.data.length} bytes, peak RSS ${mib(peak)} MiB (+${mib(peak - base)} MiB)`);
    rows.push({
      id: ids[format],
      name: `incident report, ${fmtCount(n)} events, ${format.toUpperCase()} (report worker, chain verified; no reference)`,
      unit: 's', encrypted: seconds, plain: null,
      ...(format === 'pdf' ? { target: { subject: 'encrypted' as const, op: '<' as const, value: 3, label: '< 3 s' } } : {}),
      note: `CPU ${cpuSeconds.toFixed(2)} s; peak RSS +${mib(peak - base)} MiB over the warmed-up worker (${mib(peak)} MiB in all), file ${(result.data.length / 1024).toFixed(0)} KiB`,
    });
  }
  return rows;
}
