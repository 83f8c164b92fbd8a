import { describe, expect, it } from 'vitest';
import { convertBits, decodeBech32, encodeBech32 } from '../../../../main/backups/age/bech32';

// BIP 173, "Test vectors". Only the Bech32 string vectors apply: the segwit-address ones test
// witness versions and programs, which age keys do not have.
const VALID = [
  'A12UEL5L',
  'a12uel5l',
  'an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs',
  'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw',
  `11${'q'.repeat(82)}c8247j`,
  'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w',
  '?1ezyfcl',
];

const INVALID: [string, RegExp][] = [
  ['\x201nwldj5', /character out of range/],
  ['\x7f1axkwrx', /character out of range/],
  ['\x801eym55h', /character out of range/],
  ['pzry9x0s0muk', /no separator/],
  ['1pzry9x0s0muk', /empty human-readable part/],
  ['x1b4n0q5v', /invalid data character/],
  ['li1dgmt3', /checksum too short/],
  ['de1lg7wt\xff', /character out of range/],
  ['A1G7SGD8', /invalid checksum/],
  ['10a06t8', /empty human-readable part/],
  ['1qzzfhee', /empty human-readable part/],
  // Not in BIP 173's list, but its rules: no mixing of cases.
  ['a12UEL5L', /mixed case/],
  ['A12uEL5L', /mixed case/],
];

describe('Bech32 (BIP 173)', () => {
  it.each(VALID)('accepts %s and re-encodes it identically', (s) => {
    const { hrp, words } = decodeBech32(s);
    expect(encodeBech32(hrp, words)).toBe(s);
  });

  it.each(INVALID)('rejects %j', (s, reason) => {
    expect(() => decodeBech32(s)).toThrow(reason);
  });

  it('any single-character change of a valid string breaks the checksum', () => {
    const s = 'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw';
    for (let i = 7; i < s.length; i++) {
      const changed = `${s.slice(0, i)}${s[i] === 'q' ? 'p' : 'q'}${s.slice(i + 1)}`;
      expect(() => decodeBech32(changed)).toThrow(/invalid checksum/);
    }
  });

  it('lifts the 90-character limit, as c2sp.org/age does: BIP 173\'s "overall max length exceeded" example decodes', () => {
    const s = 'an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx';
    expect(s.length).toBe(91);
    expect(decodeBech32(s).hrp).toHaveLength(84);
    const long = encodeBech32('age', convertBits(Buffer.alloc(1200, 7), 8, 5, true));
    expect(long.length).toBeGreaterThan(1900);
    expect(Buffer.from(convertBits(decodeBech32(long).words, 5, 8, false))).toEqual(Buffer.alloc(1200, 7));
  });

  it('encodes in the case of the human-readable part and refuses a mixed-case one', () => {
    expect(encodeBech32('A', [])).toBe('A12UEL5L');
    expect(encodeBech32('a', [])).toBe('a12uel5l');
    expect(() => encodeBech32('Ab', [])).toThrow(/human-readable/);
  });

  it('converts bytes to 5-bit groups and back, and refuses non-zero or excess padding', () => {
    const bytes = [0x00, 0xff, 0x10, 0x42, 0x99];
    expect(convertBits(convertBits(bytes, 8, 5, true), 5, 8, false)).toEqual(bytes);
    expect(() => convertBits([31, 31], 5, 8, false)).toThrow(/padding/); // 10 bits: 2 left over, non-zero
    expect(() => convertBits([0, 0, 0], 5, 8, false)).toThrow(/padding/); // 15 bits: 7 left over ≥ 5
  });
});
