import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateIdentity, parseIdentityFile, recipientOf } from '../../../../main/backups/age';
import { makeTempDataDir, removeTempDataDir } from '../../../helpers/tempDataDir';
import { decrypt, encrypt, runTool } from './ageKit';

// Interop with the reference implementation as Debian ships it (/usr/bin/age, Go, 1.1.1; CI
// installs it). Files go through the real CLI on disk in both directions.
const SIZES = [0, 1, 65535, 65536, 65537, 131072, 3 * 1024 * 1024 + 777];
const SCRIPT = '/usr/bin/script';

let dir: string;
const at = (name: string) => join(dir, name);
beforeEach(() => {
  dir = makeTempDataDir('age-interop');
});
afterEach(() => removeTempDataDir(dir));

/** An age-keygen key file; returns its path, identity and recipient. */
function keygen(name: string): { file: string; identity: string; recipient: string } {
  const file = at(name);
  runTool('age-keygen', ['-o', file]);
  const [identity] = parseIdentityFile(readFileSync(file, 'utf8'));
  return { file, identity: identity!, recipient: runTool('age-keygen', ['-y', file]).toString().trim() };
}

function writeIdentityFile(name: string, identity: string): string {
  const file = at(name);
  writeFileSync(file, `# created by Firebreak's test\n# public key: ${recipientOf(identity)}\n${identity}\n`, { mode: 0o600 });
  return file;
}

/** An OpenSSH ed25519 public key line, built from its wire format (RFC 8709), for an SSH stanza. */
function sshEd25519PublicKey(): string {
  const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  return `ssh-ed25519 ${Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]).toString('base64')}`;
}

/**
 * The age CLI reads passphrases only from the terminal (/dev/tty); it has no flag or variable
 * for one. util-linux `script` runs it on a real pseudo-terminal whose input is our stdin, so
 * the real prompt reads the real passphrase: nothing of age is bypassed or imitated.
 */
function ageOnTerminal(args: string[], typed: string): void {
  const quoted = ['age', ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  runTool(SCRIPT, ['-q', '-e', '-c', quoted, '/dev/null'], { input: typed });
}

describe('interop with the age CLI', () => {
  it.each(SIZES)('%i bytes: ours to an age-keygen recipient → age -d -i decrypts them', async (size) => {
    const key = keygen('key.txt');
    const plain = randomBytes(size);
    writeFileSync(at('x.age'), await encrypt(plain, { recipients: [key.recipient] }));
    // To stdout: age creates an -o file lazily, so an empty plaintext would leave none.
    expect(runTool('age', ['-d', '-i', key.file, at('x.age')]).equals(plain)).toBe(true);
  });

  it.each(SIZES)('%i bytes: age -r → ours decrypts them', async (size) => {
    const ours = generateIdentity();
    const plain = randomBytes(size);
    writeFileSync(at('x'), plain);
    runTool('age', ['-r', ours.recipient, '-o', at('x.age'), at('x')]);
    expect((await decrypt(readFileSync(at('x.age')), { identities: [ours.identity] })).equals(plain)).toBe(true);
  });

  it('ours to several recipients: age decrypts with any one identity file, ours or age-keygen’s', async () => {
    const cli = keygen('cli.txt');
    const a = generateIdentity();
    const b = generateIdentity();
    const plain = randomBytes(200_000);
    writeFileSync(at('x.age'), await encrypt(plain, { recipients: [a.recipient, cli.recipient, b.recipient] }));
    for (const file of [cli.file, writeIdentityFile('a.txt', a.identity), writeIdentityFile('b.txt', b.identity)]) {
      runTool('age', ['-d', '-i', file, '-o', at('x.out'), at('x.age')]);
      expect(readFileSync(at('x.out')).equals(plain)).toBe(true);
    }
  });

  it('age -e -i (to an identity file) and -R (recipients file) → ours decrypts', async () => {
    const cli = keygen('cli.txt');
    const ours = generateIdentity();
    const other = generateIdentity();
    const plain = randomBytes(70_000);
    writeFileSync(at('x'), plain);

    runTool('age', ['-e', '-i', cli.file, '-o', at('i.age'), at('x')]);
    expect((await decrypt(readFileSync(at('i.age')), { identities: parseIdentityFile(readFileSync(cli.file, 'utf8')) })).equals(plain)).toBe(true);

    writeFileSync(at('recipients.txt'), `# team\n${other.recipient}\n\n${ours.recipient}\n`);
    runTool('age', ['-R', at('recipients.txt'), '-o', at('r.age'), at('x')]);
    expect(readFileSync(at('r.age')).toString('latin1').match(/^-> X25519 /gm)).toHaveLength(2);
    expect((await decrypt(readFileSync(at('r.age')), { identities: [ours.identity] })).equals(plain)).toBe(true);
  });

  it('age with an SSH recipient and ours: the ssh-ed25519 stanza is skipped, still covered by the MAC', async () => {
    const ours = generateIdentity();
    const plain = randomBytes(1000);
    writeFileSync(at('x'), plain);
    runTool('age', ['-r', sshEd25519PublicKey(), '-r', ours.recipient, '-o', at('x.age'), at('x')]);
    const file = readFileSync(at('x.age'));
    expect(file.toString('latin1')).toMatch(/^-> ssh-ed25519 /m);
    expect((await decrypt(file, { identities: [ours.identity] })).equals(plain)).toBe(true);
  });

  it.skipIf(!existsSync(SCRIPT))('passphrase: ours (scrypt) → age -d on a terminal decrypts it', async () => {
    const plain = randomBytes(100_000);
    writeFileSync(at('x.age'), await encrypt(plain, { passphrase: 'firebreak drill 2026', logN: 12 }));
    ageOnTerminal(['-d', '-o', at('x.out'), at('x.age')], 'firebreak drill 2026\n');
    expect(readFileSync(at('x.out')).equals(plain)).toBe(true);
  });

  it.skipIf(!existsSync(SCRIPT))('passphrase: age -p on a terminal (work factor 2^18) → ours decrypts it', async () => {
    const plain = randomBytes(100_000);
    writeFileSync(at('x'), plain);
    ageOnTerminal(['-p', '-o', at('x.age'), at('x')], 'firebreak drill 2026\nfirebreak drill 2026\n');
    const file = readFileSync(at('x.age'));
    expect(file.toString('latin1').split('\n')[1]).toMatch(/^-> scrypt \S{22} 18$/);
    expect((await decrypt(file, { passphrase: 'firebreak drill 2026' })).equals(plain)).toBe(true);
    await expect(decrypt(file, { passphrase: 'firebreak drill 2025' })).rejects.toThrow(/wrong passphrase/);
  });
});
