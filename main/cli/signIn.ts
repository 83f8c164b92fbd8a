import type { SessionInfo, VaultStatus } from '../../contract';
import { CliError, EXIT } from './CliError';
import { isInteractive } from './isInteractive';
import { promptLine } from './promptLine';
import { readPassphrase } from './readPassphrase';
import type { CommandContext, OptionValues } from './types';

/**
 * Signs the run's connection in. Without --user the first administrator is used, as recorded in
 * vault.json (readable while locked); a TOTP code is asked for only when the user has MFA.
 */
export async function signIn(ctx: Pick<CommandContext, 'call' | 'dataDir'>, values: OptionValues): Promise<{ session: SessionInfo; passphrase: string }> {
  const status: VaultStatus = await ctx.call('vault.status', {});
  if (!status.initialized) {
    throw new CliError(`no vault in ${ctx.dataDir}: run \`firebreak init --admin NAME\` first (or pass --data-dir)`, EXIT.error);
  }
  const user = (values.user as string | undefined) ?? status.adminUser;
  if (user === null) throw new CliError('no administrator recorded in vault.json: pass --user NAME', EXIT.usage);
  const passphrase = await readPassphrase(values['passphrase-file'] as string | undefined, user);
  const otp = values.otp as string | undefined;
  try {
    return { session: await ctx.call('auth.login', { user, passphrase, ...(otp !== undefined ? { otp } : {}) }), passphrase };
  } catch (err) {
    if (!(err instanceof CliError) || err.apiCode !== 'MFA_REQUIRED' || otp !== undefined) throw err;
    if (!isInteractive()) throw new CliError(`${user} signs in with a TOTP code: pass --otp CODE`, EXIT.auth, 'MFA_REQUIRED');
    const code = await promptLine(`TOTP code for ${user}: `);
    return { session: await ctx.call('auth.login', { user, passphrase, otp: code }), passphrase };
  }
}

/**
 * An administrator set this user's passphrase: the backend allows nothing but changing it, so the
 * run stops before the command with the fix (exit 3).
 */
export function passphraseChangeRequired(user: string): CliError {
  return new CliError(
    `${user} must choose a new passphrase first (an administrator set the current one): run \`firebreak user change-passphrase --user ${user}\` ` +
      '(signing in as usual; the new passphrase from --new-passphrase-file, or typed twice), or sign in to the app',
    EXIT.auth,
    'PASSPHRASE_CHANGE_REQUIRED',
  );
}
