import { main } from '../../../main/cli/main';
import { TEST_LOG_N } from '../testLogN';

/** What one run printed and returned; the same shape as a spawned run (test/unit/cli/runCli.ts). */
export interface InProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs wait for each other: stdout, stderr and the environment are the process's own, one run owns them at a time. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs one `firebreak` command in this process: main/cli/main.ts's main(), exactly what the tests'
 * bundle (test/helpers/cli/testCli.ts) runs, with the same low test scrypt cost, minus the process
 * around it. For files that run many commands to check what they do to a vault; a spawned run
 * (runCli) costs a Node start and a bundle load each, ten times this. Each file keeps at least one
 * spawned run where the process itself (exit code, output drained) is what it checks.
 *
 * As with a spawned run: FIREBREAK_* variables of the calling process do not count, only `env`;
 * nothing can prompt (Vitest's workers have piped stdio, so the CLI sees no terminal); what the
 * command writes to stdout and stderr is captured, not shown. Runs are serialized. Relative paths
 * resolve against this process's working directory: the repository root, where npm test and
 * `npx vitest` run (a spawned run is given it as its cwd).
 *
 * Not faster for commands that render reports or notices (report incident, notify draft): from
 * the sources their worker thread compiles its TypeScript through tsx, which costs more than the
 * bundle's Node start (test/unit/cli/reportCommands.test.ts measured 24 s spawned, 39 s here).
 */
export function runCliInProcess(args: string[], env: Record<string, string> = {}): Promise<InProcessRun> {
  const run = queue.then(() => runOnce(args, env));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(args: string[], env: Record<string, string>): Promise<InProcessRun> {
  if (process.stdin.isTTY === true && process.stderr.isTTY === true) {
    throw new Error('runCliInProcess: stdin and stderr are a terminal here, so a command could wait on a prompt; use runCli');
  }
  const savedEnv = Object.entries(process.env).filter(([k]) => k.startsWith('FIREBREAK_') || k in env);
  for (const [k] of savedEnv) delete process.env[k];
  Object.assign(process.env, env);

  let stdout = '';
  let stderr = '';
  const restoreOut = capture(process.stdout, (text) => (stdout += text));
  const restoreErr = capture(process.stderr, (text) => (stderr += text));
  try {
    const code = await main(args, { testOnlyKdfLogN: TEST_LOG_N });
    return { code, stdout, stderr };
  } finally {
    restoreOut();
    restoreErr();
    for (const k of Object.keys(env)) delete process.env[k];
    for (const [k, v] of savedEnv) process.env[k] = v;
  }
}

/**
 * Replaces the stream's write with one that keeps the text ((chunk, [encoding], [callback]) like
 * Writable.write) and returns what puts the one before back, own property or inherited.
 */
function capture(stream: NodeJS.WriteStream, keep: (text: string) => void): () => void {
  const own = Object.getOwnPropertyDescriptor(stream, 'write');
  const write = (chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | ((err?: Error | null) => void), callback?: (err?: Error | null) => void): boolean => {
    keep(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (done) process.nextTick(done);
    return true;
  };
  Object.defineProperty(stream, 'write', { value: write, configurable: true, writable: true });
  return () => {
    if (own) Object.defineProperty(stream, 'write', own);
    else Reflect.deleteProperty(stream, 'write');
  };
}
