import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../contract';
import { apiFailure } from './apiFailure';
import { CliError, EXIT } from './CliError';
import { COMMANDS } from './commandTable';
import { defaultDataDir } from './defaultDataDir';
import { writeStderr, writeStdout } from './output';
import { packageRoot } from './packageRoot';
import { parseCommandLine } from './parseCommandLine';
import { passphraseChangeRequired, signIn } from './signIn';
import type { CommandContext, CommandSpec, OptionValues } from './types';

/**
 * What only the tests' own entry (test/helpers/cli/testCli.ts) passes: bin/firebreak.mjs calls
 * main(argv) alone. See BackendOptions.testOnlyKdfLogN.
 */
export interface CliTestOptions {
  testOnlyKdfLogN?: number;
  /**
   * The session idle timeout in milliseconds, in place of what the command sets (`serve
   * --idle-minutes`, whose least is a minute): the idle-lock tests wait seconds, not minutes. Lint
   * refuses the name in main/ outside this file (eslint.config.js, NO_TEST_IDLE).
   */
  testOnlyIdleTimeoutMs?: number;
  /** A fixed clock, so tests of time-dependent behaviour across processes (the sign-in backoff) do not depend on how fast processes start. */
  now?: () => number;
}

/** Runs one CLI invocation and returns its exit code (docs/cli.md). Never throws. */
export async function main(argv: string[], testOptions: CliTestOptions = {}): Promise<number> {
  try {
    const parsed = parseCommandLine(argv, COMMANDS);
    switch (parsed.kind) {
      case 'help':
        writeStdout(parsed.text);
        return EXIT.ok;
      case 'version':
        writeStdout(`firebreak ${readVersion()}`);
        return EXIT.ok;
      case 'run':
        return await runCommand(parsed.spec, parsed.values, parsed.args, testOptions);
    }
  } catch (err) {
    return reportError(err);
  }
}

/** Each run: open the backend, one connection, sign in if the command needs it, run, close. */
async function runCommand(spec: CommandSpec, values: OptionValues, args: string[], testOptions: CliTestOptions): Promise<number> {
  const backendOptions = spec.backendOptions?.(values) ?? {};
  const session = spec.sessionFor?.(values, args) ?? spec.session;
  const dataDir = resolve((values['data-dir'] as string | undefined) ?? defaultDataDir(process.env, process.platform, homedir()));
  if (session === 'login' && !existsSync(dataDir)) {
    // createBackend would create it; a typo in --data-dir should not leave empty directories behind.
    throw new CliError(`no vault in ${dataDir}: run \`firebreak init --admin NAME\` first (or pass --data-dir)`, EXIT.error);
  }
  // Loaded only when a command runs: `--help` and usage errors never pay for the backend.
  const { createBackend } = await import('../api/createBackend');
  const { testOnlyIdleTimeoutMs, ...kdf } = testOptions;
  const idle = testOnlyIdleTimeoutMs === undefined ? {} : { idleTimeoutMs: testOnlyIdleTimeoutMs };
  const backend = await createBackend({ ...backendOptions, ...idle, ...kdf, dataDir, ensureDataDir: session !== 'offline' });
  try {
    const conn = backend.newConnection('cli');
    const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
      const result = await backend.handle(conn, method, input);
      if (!result.ok) throw apiFailure(result.error);
      return result.value as MethodOutput<M>;
    };
    const ctx: CommandContext = {
      values,
      args,
      dataDir,
      json: values.json === true,
      backend,
      conn,
      call,
      print: writeStdout,
      note: writeStderr,
    };
    try {
      if (session === 'login') {
        const signedIn = await signIn(ctx, values);
        if (signedIn.session.mustChangePassphrase && spec.passphraseChange !== true) throw passphraseChangeRequired(signedIn.session.user);
        if (spec.passphraseChange === true) ctx.signedInWith = signedIn.passphrase;
      }
      return await spec.run(ctx);
    } finally {
      backend.closeConnection(conn);
    }
  } finally {
    backend.close();
  }
}

/** One line on stderr; the stack only when FIREBREAK_DEBUG is set, since messages suffice for users. */
function reportError(err: unknown): number {
  if (err instanceof CliError) {
    writeStderr(`firebreak: ${err.message}`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  writeStderr(`firebreak: ${message.split('\n', 1)[0]}`);
  if (process.env.FIREBREAK_DEBUG && err instanceof Error && err.stack) writeStderr(err.stack);
  return EXIT.error;
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
