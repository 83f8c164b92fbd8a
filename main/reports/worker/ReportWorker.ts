import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiFailure, type ApiError, type ErrorCode, type KpiResult } from '../../../contract';
import type { DocumentJob, KpiJob, ReportJob, ReportJobResult } from './ReportJob';

/** Bundled names of the worker's entry (reportWorkerMain.ts), next to the bundle that starts it. */
export const REPORT_WORKER_FILES = ['report-worker.mjs', 'report-worker.cjs'] as const;
/** An idle worker ends after this long; the next report starts a new one. */
const IDLE_MS = 60_000;

type JobOutput = ReportJobResult | KpiResult;
type Reply =
  | { id: number; ok: true; result: JobOutput }
  | { id: number; ok: false; error: { code: ErrorCode; message: string; extra?: Partial<Omit<ApiError, 'code' | 'message'>> } };

/**
 * How to start the worker from where this module runs: from a bundle (dist/cli, dist/test-cli,
 * dist/app) the entry's bundle sits beside it; from the TypeScript sources (tests, `tsx`, the CLI's
 * fallback) the worker registers tsx first and imports the entry's source.
 */
function workerScript(): { script: string | URL; eval: boolean } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./reportWorkerMain.ts', here).href;
    return { script: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, eval: true };
  }
  for (const name of REPORT_WORKER_FILES) {
    const url = new URL(`./${name}`, here);
    if (existsSync(fileURLToPath(url))) return { script: url, eval: false };
  }
  throw new ApiFailure('INTERNAL', `the report worker (${REPORT_WORKER_FILES.join(' or ')}) is missing next to ${fileURLToPath(here)}: rebuild with npm run build`);
}

/**
 * Runs report jobs on a worker thread so that rendering (PDF layout, DOCX packing, reading and
 * hashing the log) never blocks the backend's event loop: the app stays responsive and other
 * requests are served while a 10,000-event report renders. One worker per process, started on the
 * first report, ended when idle; jobs run one after another.
 */
export class ReportWorker {
  private static instance: ReportWorker | null = null;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: JobOutput) => void; reject: (e: Error) => void }>();
  private queue: Promise<unknown> = Promise.resolve();
  private idle: NodeJS.Timeout | null = null;

  /** The process's worker; `new ReportWorker()` makes a separate one (benchmarks, tests). */
  static shared(): ReportWorker {
    return (ReportWorker.instance ??= new ReportWorker());
  }

  /** Runs one job after those already queued. */
  run(job: KpiJob): Promise<KpiResult>;
  run(job: DocumentJob): Promise<ReportJobResult>;
  run(job: ReportJob): Promise<JobOutput> {
    const next = this.queue.then(() => this.send(job));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the worker now (tests, shutdown); queued jobs fail. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private start(): Worker {
    const { script, eval: isEval } = workerScript();
    const worker = new Worker(script, { eval: isEval });
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!waiter) return;
      if (!reply.ok) waiter.reject(new ApiFailure(reply.error.code, reply.error.message, reply.error.extra));
      else if ('data' in reply.result) waiter.resolve({ ...reply.result, data: Buffer.from(reply.result.data.buffer, reply.result.data.byteOffset, reply.result.data.byteLength) });
      // Figures (a KPI job) come as they are.
      else waiter.resolve(reply.result);
      this.settle();
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const w of this.pending.values()) w.reject(new ApiFailure('INTERNAL', `the report worker stopped: ${err.message}`));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return worker;
  }

  private send(job: ReportJob): Promise<JobOutput> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    this.worker ??= this.start();
    // Keeps the process alive while a job is out (a CLI run awaits it), never while idle.
    this.worker.ref();
    const id = this.nextId++;
    const done = new Promise<JobOutput>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.postMessage({ id, job });
    return done;
  }

  private settle(): void {
    if (this.pending.size > 0 || !this.worker) return;
    this.worker.unref();
    const worker = this.worker;
    this.idle = setTimeout(() => {
      if (this.worker === worker && this.pending.size === 0) void this.close();
    }, IDLE_MS);
    this.idle.unref();
  }
}
