import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { TEST_CLI } from '../helpers/cli/buildTestCli';

const ROOT = resolve(import.meta.dirname, '../..');
const URL_LINE = /^(http:\/\/127\.0\.0\.1:\d+\/)#token=\S+$/m;

export interface ServeProcess {
  /** The printed URL, one-time token included. */
  url: string;
  /** http://127.0.0.1:PORT/ */
  origin: string;
  /** What it wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * `firebreak serve` on a data directory, from the tests' bundle of the CLI (test/helpers/cli/testCli.ts:
 * the production code with the low test scrypt cost). The fixture's server is one; a test that needs
 * a second browser session on the same data directory starts another (browser mode serves one).
 * `env` adds to the server's environment, e.g. the tests' idle override FIREBREAK_TEST_IDLE_MS.
 */
export async function startServe(dataDir: string, args: readonly string[] = [], env: Readonly<Record<string, string>> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [TEST_CLI, 'serve', '--port', '0', '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    // NODE_EXTRA_CA_CERTS costs every Node start 50 ms on the build machines; the server makes no TLS connection.
    // The tests' idle override (testCli.ts) only where a test file sets it, never from the calling shell.
    env: { ...process.env, FIREBREAK_PASSPHRASE: '', NODE_EXTRA_CA_CERTS: '', FIREBREAK_TEST_IDLE_MS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((done, fail) => {
    let stdout = '';
    const timer = setTimeout(() => fail(new Error(`firebreak serve printed no URL in 30 s.\nstdout: ${stdout}\nstderr: ${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = URL_LINE.exec(stdout);
      if (match) {
        clearTimeout(timer);
        done(match[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`firebreak serve exited with ${code}.\nstderr: ${stderr}`));
    });
  });
  return { url, origin: URL_LINE.exec(url)?.[1] ?? '', stderr: () => stderr, stop: () => stopServer(child) };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
