import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiFailure } from '../../../contract';
import type { LoadResult } from '../types';

/** Bundled names of the worker's entry (runbookCheckWorkerMain.ts), next to the bundle that starts it. */
export const RUNBOOK_WORKER_FILES = ['runbook-worker.mjs', 'runbook-worker.cjs'] as const;

/**
 * How long one file may take to read before it is stopped. A hand-written runbook takes a few
 * milliseconds, the largest file allowed (contract MAX_RUNBOOK_BYTES) at worst about a second on
 * an idle machine; the margin is for a machine under load.
 */
export const RUNBOOK_CHECK_LIMIT_MS = 10_000;
/** Heap for reading one file: far more than the largest file allowed needs. */
const HEAP_MB = 256;
/** An idle worker ends after this long; the next check starts a new one. */
const IDLE_MS = 60_000;

/** Why a file was not read to the end: the time or the memory limit (the worker was replaced). */
export type CheckStop = { stopped: 'time'; limitMs: number } | { stopped: 'memory'; limitMb: number };
export type CheckOutcome = LoadResult | CheckStop;

type Reply = { ready: true } | { id: number; result: LoadResult };

/**
 * How to start the worker from where this module runs: from a bundle (dist/cli, dist/test-cli,
 * dist/app) the entry's bundle sits beside it; from the TypeScript sources (tests, `tsx`, the CLI's
 * fallback) the worker registers tsx first and imports the entry's source (as ReportWorker does).
 */
function workerScript(): { script: string | URL; eval: boolean } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./runbookCheckWorkerMain.ts', here).href;
    return { script: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, eval: true };
  }
  for (const name of RUNBOOK_WORKER_FILES) {
    const url = new URL(`./${name}`, here);
    if (existsSync(fileURLToPath(url))) return { script: url, eval: false };
  }
  throw new ApiFailure('INTERNAL', `the runbook worker (${RUNBOOK_WORKER_FILES.join(' or ')}) is missing next to ${fileURLToPath(here)}: rebuild with npm run build`);
}

interface Running {
  worker: Worker;
  ready: Promise<void>;
}

/**
 * Reads runbook files on a worker thread with a time and a memory limit (issue 13 §6), so that a
 * file crafted to be slow to parse never holds up the backend's event loop: other requests are
 * served meanwhile, and a file over a limit is stopped — the worker is terminated and the next
 * file gets a new one. One worker per process, started on the first file, ended when idle; files
 * are read one after another.
 */
export class RunbookCheckWorker {
  private static instance: RunbookCheckWorker | null = null;
  private running: Running | null = null;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: NodeJS.Timeout | null = null;
  private readonly limitMs: number;
  private readonly heapMb: number;

  /** Other limits than the defaults: for tests, which stop a file early or with little memory. */
  constructor(opts: { limitMs?: number; heapMb?: number } = {}) {
    this.limitMs = opts.limitMs ?? RUNBOOK_CHECK_LIMIT_MS;
    this.heapMb = opts.heapMb ?? HEAP_MB;
  }

  /** The process's worker; `new RunbookCheckWorker()` makes a separate one (tests). */
  static shared(): RunbookCheckWorker {
    return (RunbookCheckWorker.instance ??= new RunbookCheckWorker());
  }

  /** Reads one file after those already queued: the loader's result, or why it was stopped. */
  check(name: string, text: string, limitMs = this.limitMs): Promise<CheckOutcome> {
    const next = this.queue.then(() => this.send(name, text, limitMs));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the worker now (tests, shutdown). */
  async close(): Promise<void> {
    const r = this.running;
    this.running = null;
    if (r) await r.worker.terminate();
  }

  private start(): Running {
    const { script, eval: isEval } = workerScript();
    const worker = new Worker(script, { eval: isEval, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: Reply) => {
        if ('ready' in m) {
          worker.off('message', onMessage);
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the runbook worker exited (code ${code}) before it was ready`)));
    });
    // Seen through `ready` or the job's own listeners; this keeps an unobserved failure from being unhandled.
    ready.catch(() => undefined);
    return { worker, ready };
  }

  private async send(name: string, text: string, limitMs: number): Promise<CheckOutcome> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const running = (this.running ??= this.start());
    const { worker } = running;
    // Keeps the process alive while a file is out (a CLI run awaits it), never while idle.
    worker.ref();
    try {
      await running.ready;
    } catch (err) {
      this.drop(running);
      throw new ApiFailure('INTERNAL', `the runbook worker did not start: ${(err as Error).message}`);
    }
    const id = this.nextId++;
    const outcome = await new Promise<CheckOutcome>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (m: Reply) => {
        if ('id' in m && m.id === id) {
          done();
          resolve(m.result);
        }
      };
      const onError = (err: Error & { code?: string }) => {
        done();
        this.drop(running);
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') resolve({ stopped: 'memory', limitMb: this.heapMb });
        else reject(new ApiFailure('INTERNAL', `the runbook worker stopped: ${err.message}`));
      };
      const onExit = (code: number) => {
        done();
        this.drop(running);
        reject(new ApiFailure('INTERNAL', `the runbook worker exited (code ${code})`));
      };
      // The limit counts from the moment the worker has the file, not while it starts.
      const timer = setTimeout(() => {
        done();
        this.drop(running);
        resolve({ stopped: 'time', limitMs });
      }, limitMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, name, text });
    });
    this.settle();
    return outcome;
  }

  /** Terminates a worker that is stuck or broken; the next file starts a new one. */
  private drop(running: Running): void {
    if (this.running === running) this.running = null;
    void running.worker.terminate();
  }

  private settle(): void {
    const running = this.running;
    if (!running) return;
    running.worker.unref();
    this.idle = setTimeout(() => {
      if (this.running === running) void this.close();
    }, IDLE_MS);
    this.idle.unref();
  }
}
