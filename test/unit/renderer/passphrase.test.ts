import { describe, expect, it } from 'vitest';
import { passphraseProblem } from '../../../renderer/lib/passphraseProblem';
import { scorePassphrase } from '../../../renderer/lib/scorePassphrase';

describe('passphraseProblem', () => {
  it('counts the characters of a short passphrase', () => {
    expect(passphraseProblem('')).toBe('Use at least 12 characters (0 so far).');
    expect(passphraseProblem('short')).toBe('Use at least 12 characters (5 so far).');
    expect(passphraseProblem('Elevenchar1')).toBe('Use at least 12 characters (11 so far).');
  });

  it('names the one kind of character a passphrase is made of', () => {
    expect(passphraseProblem('alllowercaseletters')).toBe('It is all lower-case letters: mix in another kind (capitals, digits, symbols or spaces).');
    expect(passphraseProblem('ALLCAPITALLETTERS')).toMatch(/^It is all capital letters:/);
    expect(passphraseProblem('314159265358979')).toMatch(/^It is all digits:/);
    // A single repeated character is one kind of character too, and that is reported first.
    expect(passphraseProblem('!!!!!!!!!!!!')).toMatch(/^It is all symbols or spaces:/);
  });

  it('refuses the user name inside, in any case', () => {
    expect(passphraseProblem('my name is Alice 2026', 'alice')).toBe('It contains the user name.');
    expect(passphraseProblem('ALICE in wonderland', 'Alice')).toBe('It contains the user name.');
    expect(passphraseProblem('my name is Alice 2026', 'bob')).toBeNull();
    expect(passphraseProblem('my name is Alice 2026', '')).toBeNull();
  });

  it('refuses commonly guessed first words, but not the same words later on', () => {
    expect(passphraseProblem('Password for 2026!')).toBe('It starts with a commonly guessed word.');
    expect(passphraseProblem('firebreak rocks 1')).toBe('It starts with a commonly guessed word.');
    expect(passphraseProblem('123456 and more words')).toBe('It starts with a commonly guessed word.');
    expect(passphraseProblem('my password 2026')).toBeNull();
  });

  it('accepts 12 characters of two kinds', () => {
    expect(passphraseProblem('abcdefghijk1')).toBeNull();
    expect(passphraseProblem('correct horse battery 42', 'admin')).toBeNull();
  });
});

describe('scorePassphrase', () => {
  it('scores nothing as very weak', () => {
    expect(scorePassphrase('')).toEqual({ score: 0, label: 'Very weak', bits: 0 });
  });

  it('discounts repeated characters and runs to nothing', () => {
    expect(scorePassphrase('aaaaaaaaaaaa')).toEqual({ score: 0, label: 'Very weak', bits: 0 });
    // 12 letters, 10 of which end an alphabetic run: 2 effective characters of a 26-letter pool.
    expect(scorePassphrase('abcdefghijkl')).toEqual({ score: 0, label: 'Very weak', bits: Math.round(2 * Math.log2(26)) });
    expect(scorePassphrase('zyxwvutsrqpo').bits).toBe(Math.round(2 * Math.log2(26)));
  });

  it('grows with the pool of character kinds and the length', () => {
    // 12 lower-case letters, 10 distinct: 12 × log2(26).
    expect(scorePassphrase('xkcdpassword')).toEqual({ score: 1, label: 'Weak', bits: Math.round(12 * Math.log2(26)) });
    // 11 characters from all four kinds: 11 × log2(95).
    expect(scorePassphrase('Tr0ub4dor&3')).toEqual({ score: 2, label: 'Fair', bits: Math.round(11 * Math.log2(95)) });
    expect(scorePassphrase('Blue-Kettle-42')).toEqual({ score: 3, label: 'Strong', bits: Math.round(14 * Math.log2(95)) });
    // Lower-case, digits and the space: a pool of 26 + 10 + 33.
    expect(scorePassphrase('correct horse battery 42')).toEqual({ score: 4, label: 'Very strong', bits: Math.round(24 * Math.log2(69)) });
  });

  it('counts a character at most twice, so padding with one character does not help', () => {
    // Four distinct characters count as 8 at most, and the 39 runs of "!!!" take even those away.
    expect(scorePassphrase(`Ab1!${'!'.repeat(40)}`)).toEqual({ score: 0, label: 'Very weak', bits: 0 });
    // 24 characters of which only 3 are distinct: no better than 6 characters.
    expect(scorePassphrase('qzm'.repeat(8)).bits).toBe(Math.round(6 * Math.log2(26)));
  });

  it('never scores a longer version of a passphrase lower', () => {
    let previous = -1;
    for (const p of ['c', 'co', 'correct', 'correct horse', 'correct horse battery', 'correct horse battery 42']) {
      const { bits } = scorePassphrase(p);
      expect(bits).toBeGreaterThanOrEqual(previous);
      previous = bits;
    }
  });
});
