/**
 * The runbook worker's entry (a worker_threads thread): reads each file it is sent with the
 * runbook loader and posts the result back. Bundled next to the CLI and the Electron main process
 * as runbook-worker.mjs / runbook-worker.cjs (scripts/build-cli.mjs, scripts/build-app.mjs); from
 * the sources it is started through tsx (RunbookCheckWorker.ts).
 */
import { parentPort } from 'node:worker_threads';
import { loadRunbook } from '../loadRunbook';

const port = parentPort;
if (!port) throw new Error('runbookCheckWorkerMain runs as a worker thread');

port.on('message', (message: { id: number; name: string; text: string }) => {
  // loadRunbook never throws on bad input (a property-based test feeds it random YAML).
  port.postMessage({ id: message.id, result: loadRunbook(message.name, message.text) });
});
// The time limit starts when a file is sent, which waits for this: starting the thread is not the file's fault.
port.postMessage({ ready: true });
