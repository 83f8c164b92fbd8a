import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, EXIT } from '../CliError';
import { toJson } from '../format';
import { readNewPassphrase } from '../readPassphrase';
import type { CommandSpec } from '../types';

export const init: CommandSpec = {
  words: ['init'],
  positionals: [],
  summary: 'create a new vault with its first administrator',
  session: 'none',
  options: {
    admin: { type: 'string', value: 'NAME', description: 'name of the first administrator', required: true },
    'recovery-file': { type: 'string', value: 'FILE', description: 'write the recovery key to FILE (mode 0600) instead of printing it' },
  },
  details:
    "The administrator's passphrase comes from --passphrase-file, FIREBREAK_PASSPHRASE, or is typed twice.\n" +
    'The recovery key is shown once. It resets any passphrase: keep it offline (printed, in a safe).',
  examples: ['firebreak init --admin alice', 'firebreak init --admin alice --recovery-file /media/usb/firebreak-recovery.txt'],
  run: async (ctx) => {
    const admin = ctx.values.admin as string;
    const recoveryFile = ctx.values['recovery-file'] as string | undefined;
    const passphrase = await readNewPassphrase(
      ctx.values['passphrase-file'] as string | undefined,
      '--passphrase-file',
      `New passphrase for ${admin}`,
      process.env.FIREBREAK_PASSPHRASE,
    );
    const created = await ctx.call('vault.create', { admin, passphrase });
    if (recoveryFile !== undefined) {
      const target = resolve(recoveryFile);
      try {
        // wx: never replace an existing file, which might be the key of another vault.
        await writeFile(target, `${created.recoveryKey}\n`, { mode: 0o600, flag: 'wx' });
      } catch (err) {
        // The vault exists now; the key must not be lost just because the file could not be written.
        ctx.note(`firebreak: cannot write ${target} (${(err as NodeJS.ErrnoException).code ?? 'error'}); the recovery key follows, store it offline:`);
        ctx.print(created.recoveryKey);
        throw new CliError(`recovery key not written to ${target}`, EXIT.error);
      }
      ctx.print(
        ctx.json
          ? toJson({ dataDir: ctx.dataDir, admin, recoveryFile: target })
          : `Vault created in ${ctx.dataDir} for administrator ${admin}.\n` +
              `Recovery key written to ${target} (mode 0600).\n` +
              'Move it offline now (print it or copy it to removable media kept in a safe) and delete it from this disk.',
      );
      return EXIT.ok;
    }
    ctx.print(
      ctx.json
        ? toJson({ dataDir: ctx.dataDir, admin, recoveryKey: created.recoveryKey })
        : `Vault created in ${ctx.dataDir} for administrator ${admin}.\n\n` +
            `Recovery key:\n\n    ${created.recoveryKey}\n\n` +
            'It is shown only this once. Store it offline (printed, in a safe): it resets any passphrase,\n' +
            'opens the personal data, and is the only way back in if every administrator passphrase is lost.',
    );
    return EXIT.ok;
  },
};
