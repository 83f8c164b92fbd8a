import type { MethodInput, MethodName, MethodOutput } from '../../contract';
import type { Backend, BackendOptions, Connection } from '../api/types';

export type OptionType = 'string' | 'boolean';

export interface OptionSpec {
  type: OptionType;
  short?: string;
  /** Shown in help as `--name VALUE`. */
  value?: string;
  description: string;
  required?: boolean;
  /** A string option that may be given more than once; its value is then a string[]. */
  multiple?: boolean;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** What a command may set on the backend it runs against; the data directory stays the CLI's. */
export type CommandBackendOptions = Pick<BackendOptions, 'idleTimeoutMs' | 'scheduleBackups'>;

export interface CommandContext {
  values: OptionValues;
  /** The command's own positionals (after the command words). */
  args: string[];
  dataDir: string;
  json: boolean;
  backend: Backend;
  conn: Connection;
  /** backend.handle with the value unwrapped; an error Result throws a CliError with its exit code. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** One block of output on stdout (a newline is added). */
  print(text: string): void;
  /** Progress and notes on stderr, so stdout stays parseable. */
  note(text: string): void;
  /** The passphrase the run signed in with: set only for a command with `passphraseChange` (it is the current one). */
  signedInWith?: string;
}

export interface CommandSpec {
  /** The command words, e.g. ['incident', 'add']. */
  words: string[];
  /**
   * Positional arguments, as named in help; a last name ending in … takes one or more, and names
   * in brackets (`[PLAN]`, after the required ones) may be left out.
   */
  positionals: string[];
  summary: string;
  options: Record<string, OptionSpec>;
  /**
   * 'login' signs in before run; 'none' leaves it to the command (init, serve); 'offline' calls
   * only public methods that read no data, so the data directory is neither needed nor created.
   */
  session: 'login' | 'none' | 'offline';
  /**
   * Runs even when the signed-in user must first change a passphrase an administrator set (every
   * other command then exits 3 naming `user change-passphrase`), and gets `signedInWith`.
   */
  passphraseChange?: true;
  /** When the need for a session depends on the options (`notify assess --facts FILE` reads no vault). */
  sessionFor?(values: OptionValues, args: string[]): 'login' | 'offline';
  /**
   * Backend settings taken from the command's own options (serve's idle timeout). Called before
   * the backend is created, so an invalid value exits 2 without touching the data directory.
   */
  backendOptions?(values: OptionValues): CommandBackendOptions;
  /**
   * Checks how the options combine (one of several flags, an option that needs another); called
   * right after parsing, before any backend or sign-in, and throws a usage error (exit 2).
   */
  check?(values: OptionValues, args: string[]): void;
  /** Long help text, appended after the options. */
  details?: string;
  examples?: string[];
  run(ctx: CommandContext): Promise<number>;
}
