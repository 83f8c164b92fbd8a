// Bech32 as BIP 173 defines it, minus the 90-character limit: age's post-quantum recipients are
// well over a thousand characters, and c2sp.org/age lifts the limit for every age key.
// Error messages never quote the input: it may be a secret key.

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const CHECKSUM_LENGTH = 6;

export interface Bech32 {
  /** As written: a key's case is part of its type (AGE-SECRET-KEY- is upper case, age lower). */
  hrp: string;
  /** 5-bit groups of the data part, checksum removed. */
  words: number[];
}

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ GENERATORS[i]!) >>> 0;
  }
  return chk;
}

/** The checksum always covers the lower-case form (BIP 173: "the lowercase form is used when determining a character's value"). */
function expandHrp(hrp: string): number[] {
  const codes = Array.from(hrp, (c) => c.charCodeAt(0));
  return [...codes.map((c) => c >>> 5), 0, ...codes.map((c) => c & 31)];
}

function checksum(hrp: string, words: number[]): number[] {
  const mod = polymod([...expandHrp(hrp), ...words, ...new Array<number>(CHECKSUM_LENGTH).fill(0)]) ^ 1;
  return Array.from({ length: CHECKSUM_LENGTH }, (_, i) => (mod >>> (5 * (CHECKSUM_LENGTH - 1 - i))) & 31);
}

function isValidHrp(hrp: string): boolean {
  return hrp.length > 0 && Array.from(hrp).every((c) => c.charCodeAt(0) >= 33 && c.charCodeAt(0) <= 126);
}

/** Encodes in the case of `hrp`; a mixed-case hrp has no valid encoding. */
export function encodeBech32(hrp: string, words: number[]): string {
  const lower = hrp.toLowerCase();
  const upper = hrp.toUpperCase();
  if (!isValidHrp(hrp) || (hrp !== lower && hrp !== upper)) throw new Error('bech32: invalid human-readable part');
  if (words.some((w) => !Number.isInteger(w) || w < 0 || w > 31)) throw new Error('bech32: data values must be 5-bit');
  const encoded = `${lower}1${[...words, ...checksum(lower, words)].map((w) => CHARSET[w]).join('')}`;
  return hrp === lower ? encoded : encoded.toUpperCase();
}

/** Throws an Error saying which BIP 173 rule the string breaks. */
export function decodeBech32(s: string): Bech32 {
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (c.length !== 1 || code < 33 || code > 126) throw new Error('bech32: character out of range');
  }
  const lower = s.toLowerCase();
  if (s !== lower && s !== s.toUpperCase()) throw new Error('bech32: mixed case');
  const sep = lower.lastIndexOf('1');
  if (sep < 0) throw new Error('bech32: no separator');
  if (sep === 0) throw new Error('bech32: empty human-readable part');
  if (lower.length - sep - 1 < CHECKSUM_LENGTH) throw new Error('bech32: checksum too short');
  const values: number[] = [];
  for (const c of lower.slice(sep + 1)) {
    const v = CHARSET.indexOf(c);
    if (v < 0) throw new Error('bech32: invalid data character');
    values.push(v);
  }
  if (polymod([...expandHrp(lower.slice(0, sep)), ...values]) !== 1) throw new Error('bech32: invalid checksum');
  return { hrp: s.slice(0, sep), words: values.slice(0, -CHECKSUM_LENGTH) };
}

/** Regroups bits (BIP 173 `convertbits`); without padding, leftover bits must be few and zero. */
export function convertBits(data: ArrayLike<number>, from: number, to: number, pad: boolean): number[] {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const max = (1 << to) - 1;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < 0 || v >> from !== 0) throw new Error('bech32: value out of range');
    acc = ((acc << from) | v) & 0xffffff;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >> bits) & max);
    }
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & max);
  } else if (bits >= from || ((acc << (to - bits)) & max) !== 0) {
    throw new Error('bech32: invalid padding');
  }
  return out;
}
