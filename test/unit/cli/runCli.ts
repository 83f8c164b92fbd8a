import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_CLI } from '../../helpers/cli/buildTestCli';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The command users run: the production bundle (scripts/build-cli.mjs) behind bin/firebreak.mjs. */
export const BIN = fileURLToPath(new URL('../../../bin/firebreak.mjs', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Environment of a spawned run: FIREBREAK_* variables of the calling shell are dropped so only
 * what the test sets counts. NODE_EXTRA_CA_CERTS too: Node parses that bundle at every start (50 ms
 * on the build machines) and the CLI makes no TLS connection.
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FIREBREAK_') && k !== 'NODE_EXTRA_CA_CERTS'));
  return { ...base, ...env };
}

/** Another user to run the child as (only a root parent may): to meet a file its reader may not open. */
export interface RunAs {
  uid: number;
  gid: number;
}

function run(entry: string, args: string[], env: Record<string, string>, as?: RunAs): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { cwd: REPO_ROOT, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'], ...(as ?? {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs the CLI in a child process, as a user would: the tests' bundle of main/cli/main.ts
 * (test/helpers/cli/testCli.ts), identical to the production one except that vaults it creates use
 * the low test scrypt cost. stdin is a pipe, never a terminal, so nothing can wait on a prompt.
 */
export function runCli(args: string[], env: Record<string, string> = {}, as?: RunAs): Promise<CliRun> {
  return run(TEST_CLI, args, env, as);
}

/** Runs bin/firebreak.mjs itself: production key derivation (scrypt 2^17), the bundle check and all. */
export function runRealCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return run(BIN, args, env);
}
