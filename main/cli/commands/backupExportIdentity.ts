import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';
import { writeFileAtomic } from '../writeFileAtomic';

const NO_REPLACE = ': the backup identity never replaces a file, choose another name';

export const backupExportIdentity: CommandSpec = {
  words: ['backup', 'export-identity'],
  positionals: [],
  summary: 'write the backup identity (the key that decrypts every backup) to a file, for offline storage',
  session: 'login',
  options: {
    out: { type: 'string', value: 'FILE', required: true, description: 'write the identity to FILE (mode 0600); an existing FILE is refused' },
  },
  details: [
    'FILE is an age identity file, as age-keygen writes it, so backups can be read without Firebreak:',
    '  age -d -i FILE ID.tar.age | tar -x',
    'Anyone holding it can decrypt every backup of this vault: move it offline (removable media in a',
    'safe) and delete it from this disk. The identity is never printed; only its public key (the',
    'recipient) is. Needs the backup:export-identity permission (administrators); the export is',
    'recorded in the log.',
  ].join('\n'),
  examples: ['firebreak backup export-identity --out /media/usb/firebreak-backup-identity.txt'],
  run: async (ctx) => {
    const target = resolve(ctx.values.out as string);
    // Refused before the export, so the log records only exports that were written.
    if (await exists(target)) throw new CliError(`${target} already exists${NO_REPLACE}`, EXIT.error);
    const { identity, recipient } = await ctx.call('backups.exportIdentity', {});
    if (!/^AGE-SECRET-KEY-1[0-9A-Z]+$/.test(identity)) throw new CliError('the backend returned something that is not an age identity; nothing written', EXIT.error);
    const created = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const text = `# created: ${created}\n# public key: ${recipient}\n${identity}\n`;
    await writeFileAtomic(target, Buffer.from(text, 'utf8'), false, NO_REPLACE);
    ctx.print(
      ctx.json
        ? toJson({ out: target, recipient })
        : `Backup identity written to ${target} (mode 0600).\n` +
            `Public key (recipient): ${recipient}\n` +
            'Anyone with this file can decrypt every backup: move it offline now and delete it from this disk.',
    );
    return EXIT.ok;
  },
};

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
