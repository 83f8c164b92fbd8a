import { randomBytes } from 'node:crypto';
import { access, link, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError, EXIT } from './CliError';

/**
 * Writes `data` to a temporary file next to `target`, then moves it into place, so a crash or a
 * full disk never leaves a half-written file under the final name. Without `overwrite`, an
 * existing target is refused, also when it appears while writing (link fails on EEXIST); `hint`
 * follows the refusal (how to replace it, if the command can).
 */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array,
  overwrite: boolean,
  hint = ' (use --force to replace it)',
): Promise<void> {
  const refused = () => new CliError(`${target} already exists${hint}`, EXIT.error);
  if (!overwrite && (await exists(target))) throw refused();
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  try {
    if (overwrite) {
      await rename(tmp, target);
      return;
    }
    await placeWithoutReplacing(tmp, target, refused);
  } finally {
    await rm(tmp, { force: true });
  }
}

async function placeWithoutReplacing(tmp: string, target: string, refused: () => CliError): Promise<void> {
  try {
    await link(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw refused();
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw err;
    if (await exists(target)) throw refused();
    await rename(tmp, target);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
