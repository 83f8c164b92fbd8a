import { EXIT } from '../CliError';
import { toJson } from '../format';
import type { CommandSpec } from '../types';

export const vaultExportKey: CommandSpec = {
  words: ['vault', 'export-key'],
  positionals: [],
  summary: 'print the raw database key (hex) for SQLCipher tools',
  session: 'login',
  options: {},
  details:
    'Anyone with this key can read the whole database without a passphrase. The export is recorded in the log.\n' +
    'Open the database elsewhere with: PRAGMA key = "x\'<key>\'";',
  examples: ['firebreak vault export-key > /media/usb/firebreak.key'],
  run: async (ctx) => {
    const { keyHex } = await ctx.call('vault.exportKey', {});
    ctx.print(ctx.json ? toJson({ keyHex }) : keyHex);
    return EXIT.ok;
  },
};
