import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgeError, generateIdentity, parseIdentityFile, recipientOf } from '../../../../main/backups/age';
import { decodeIdentity, decodeRecipient } from '../../../../main/backups/age/keyEncoding';
import { makeTempDataDir, removeTempDataDir } from '../../../helpers/tempDataDir';
import { runTool } from './ageKit';

let dir: string;
beforeEach(() => {
  dir = makeTempDataDir('age-keys');
});
afterEach(() => removeTempDataDir(dir));

describe('age X25519 keys', () => {
  it('derives the recipient of the example identity in c2sp.org/age', () => {
    expect(recipientOf('AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX')).toBe(
      'age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj',
    );
  });

  it('generates upper-case identities and lower-case recipients that decode to 32 bytes', () => {
    const a = generateIdentity();
    const b = generateIdentity();
    expect(a.identity).toMatch(/^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$/);
    expect(a.recipient).toMatch(/^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/);
    expect(decodeIdentity(a.identity)).toHaveLength(32);
    expect(decodeRecipient(a.recipient)).toHaveLength(32);
    expect(recipientOf(a.identity)).toBe(a.recipient);
    expect(b.identity).not.toBe(a.identity);
  });

  it('keys from age-keygen parse, and ours derive the same recipient as age-keygen -y', () => {
    const keyFile = join(dir, 'key.txt');
    runTool('age-keygen', ['-o', keyFile]);
    const text = readFileSync(keyFile, 'utf8');
    const [identity, ...others] = parseIdentityFile(text);
    expect(others).toEqual([]);
    const comment = /^# public key: (age1\S+)$/m.exec(text)![1];
    expect(recipientOf(identity!)).toBe(comment);
    expect(runTool('age-keygen', ['-y', keyFile]).toString().trim()).toBe(comment);

    const ours = generateIdentity();
    const ourFile = join(dir, 'ours.txt');
    writeFileSync(ourFile, `# created by Firebreak\n# public key: ${ours.recipient}\n${ours.identity}\n`, { mode: 0o600 });
    expect(runTool('age-keygen', ['-y', ourFile]).toString().trim()).toBe(ours.recipient);
  });

  it('parses identity files: comments, blank lines, CRLF, several keys', () => {
    const a = generateIdentity();
    const b = generateIdentity();
    expect(parseIdentityFile(`# one\r\n${a.identity}\r\n\r\n   \n# two\n${b.identity}`)).toEqual([a.identity, b.identity]);
  });

  it('names the bad line of an identity file without repeating its content', () => {
    const a = generateIdentity();
    const broken = `${a.identity.slice(0, -1)}${a.identity.endsWith('Q') ? 'P' : 'Q'}`;
    const attempt = () => parseIdentityFile(`# key\n${a.identity}\n${broken}\n`);
    expect(attempt).toThrow(AgeError);
    expect(attempt).toThrow(/identity file line 3: not a valid age X25519 identity/);
    try {
      attempt();
    } catch (err) {
      expect((err as Error).message).not.toContain(broken.slice(16));
    }
    expect(() => parseIdentityFile('# nothing here\n\n')).toThrow(/no identities/);
    expect(() => parseIdentityFile('age-encryption.org/v1\n-> scrypt …')).toThrow(/passphrase-encrypted identity files/);
  });

  it('insists on the case the format gives each key, and on the right type and length', () => {
    const { identity, recipient } = generateIdentity();
    expect(() => recipientOf(identity.toLowerCase())).toThrow(AgeError);
    expect(() => decodeRecipient(recipient.toUpperCase())).toThrow(/lower-case age1/);
    expect(() => decodeRecipient(identity)).toThrow(/not a valid age X25519 recipient/);
    expect(() => decodeIdentity(recipient)).toThrow(/not a valid age X25519 identity/);
    expect(() => decodeRecipient('age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq')).toThrow(AgeError);
    expect(() => decodeIdentity('AGE-PLUGIN-YUBIKEY-1QQQQQQ')).toThrow(/plugin identities/);
  });
});
