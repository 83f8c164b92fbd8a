/** Windows-1252 characters outside Latin-1 that the PDF standard fonts' WinAnsiEncoding has. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-', '\u2009': ' ', '\u202f': ' ', '\u2007': ' ', '\u200b': '',
  '≥': '>=', '≤': '<=', '→': '->', '←': '<-', '≠': '!=', '✓': 'v', '\u2032': "'", '\u2033': '"',
};

const encodable = (ch: string): boolean => {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || c === 0x0a || c === 0x09 || CP1252_EXTRA.has(ch);
};

/**
 * Text the PDF standard fonts (Helvetica, no embedded font) can show: they cover Windows-1252
 * only, so "Müller" and "€" stay as they are, letters with other accents lose the accent
 * ("Łódź" → "Lódz"; ó is Latin-1), and anything else becomes "?" rather than a wrong
 * glyph. The DOCX, HTML, Markdown and e-mail exports keep the text exactly.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    if (encodable(ch)) out += ch;
    else if (ch in REPLACEMENTS) out += REPLACEMENTS[ch];
    else {
      const stripped = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += stripped !== '' && [...stripped].every(encodable) ? stripped : ch === 'Ł' ? 'L' : ch === 'ł' ? 'l' : ch === 'Đ' ? 'D' : ch === 'đ' ? 'd' : '?';
    }
  }
  return out;
}
