import { readFile } from 'node:fs/promises';
import { CliError, EXIT, usageError } from './CliError';
import { isInteractive } from './isInteractive';
import { promptHidden } from './promptHidden';

/**
 * The signing-in passphrase: --passphrase-file, else FIREBREAK_PASSPHRASE, else a prompt with
 * echo off. With none of them (a script, a pipe) the run fails rather than hangs.
 */
export async function readPassphrase(file: string | undefined, user: string): Promise<string> {
  if (file !== undefined) return readPassphraseFile(file, '--passphrase-file');
  const fromEnv = process.env.FIREBREAK_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (isInteractive()) return promptHidden(`Passphrase for ${user}: `);
  throw new CliError(
    'no passphrase: use --passphrase-file FILE or FIREBREAK_PASSPHRASE, or run in a terminal',
    EXIT.auth,
  );
}

/**
 * A passphrase being set (init, user add): from the file, else `fallback` (init accepts
 * FIREBREAK_PASSPHRASE), else typed twice at a prompt, since a typo here locks the user out.
 */
export async function readNewPassphrase(
  file: string | undefined,
  option: string,
  prompt: string,
  fallback?: string,
): Promise<string> {
  if (file !== undefined) return readPassphraseFile(file, option);
  if (fallback !== undefined && fallback !== '') return fallback;
  if (!isInteractive()) throw usageError(`no passphrase: use ${option} FILE, or run in a terminal`);
  const first = await promptHidden(`${prompt}: `);
  if (first === '') throw usageError('the passphrase must not be empty');
  const second = await promptHidden(`${prompt} (again): `);
  if (first !== second) throw usageError('the two passphrases differ');
  return first;
}

/** The whole file minus one trailing newline, which editors and `echo` add. */
async function readPassphraseFile(file: string, option: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${option} ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, EXIT.error);
  }
  const passphrase = text.replace(/\r?\n$/, '');
  if (passphrase === '') throw usageError(`${option} ${file} is empty`);
  return passphrase;
}
