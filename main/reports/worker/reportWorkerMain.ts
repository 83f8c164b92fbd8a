/**
 * The report worker's entry (a worker_threads thread): renders each job it is sent and posts the
 * file back, transferring its bytes. Bundled next to the CLI and the Electron main process as
 * report-worker.mjs / report-worker.cjs (scripts/build-cli.mjs, scripts/build-app.mjs); from the
 * sources it is started through tsx (ReportWorker.ts).
 */
import { parentPort } from 'node:worker_threads';
import { ApiFailure } from '../../../contract';
import type { ReportJob } from './ReportJob';
import { runReportJob } from './runReportJob';

const port = parentPort;
if (!port) throw new Error('reportWorkerMain runs as a worker thread');

port.on('message', (message: { id: number; job: ReportJob }) => {
  runReportJob(message.job).then(
    (result) => {
      // Figures (a KPI job) are cloned as they are.
      if (!('data' in result)) {
        port.postMessage({ id: message.id, ok: true, result });
        return;
      }
      // A Buffer may sit in Node's shared pool: copy into a buffer of its own to transfer it.
      const data = new Uint8Array(result.data.byteLength);
      data.set(result.data);
      port.postMessage({ id: message.id, ok: true, result: { ...result, data } }, [data.buffer]);
    },
    (err: unknown) => {
      const error = err instanceof ApiFailure ? { code: err.code, message: err.message, extra: err.extra } : { code: 'INTERNAL', message: (err as Error)?.message ?? String(err) };
      port.postMessage({ id: message.id, ok: false, error });
    },
  );
});
