import { letterheadLines, type Letter } from './toLetter';

const CRLF = '\r\n';
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/**
 * An RFC 2047 encoded-word header value for non-ASCII text (B encoding, UTF-8), split so that no
 * encoded word exceeds 75 characters and never inside a character; ASCII stays as it is.
 */
export function encodeHeaderText(text: string): string {
  if (ASCII_PRINTABLE.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    // =?UTF-8?B?…?= is 12 characters; 75 - 12 leaves 63 base64 characters, i.e. 45 bytes (whole groups of 3).
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** Quoted-printable (RFC 2045 §6.7) of UTF-8 text with CRLF line breaks and lines of at most 76 characters. */
export function quotedPrintable(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      const out: string[] = [];
      let current = '';
      bytes.forEach((b, i) => {
        const last = i === bytes.length - 1;
        const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
        const piece = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
        // Soft line break: "=" at the end of a line of at most 76 characters.
        if (current.length + piece.length > 75) {
          out.push(`${current}=`);
          current = '';
        }
        current += piece;
      });
      out.push(current);
      return out.join(CRLF);
    })
    .join(CRLF);
}

const SIMPLE_ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
const NAMED_ADDRESS = /^(.*?)\s*<([^\s@<>]+@[^\s@<>]+)>$/;

/** A display name as an RFC 5322 phrase: quoted when needed, encoded-word when not ASCII. */
function phrase(name: string): string {
  if (!ASCII_PRINTABLE.test(name)) return encodeHeaderText(name);
  return /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*$/.test(name) ? name : `"${name.replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * An address header value: an address as given ("dpa@example.org", "CNIL <notifications@cnil.fr>"),
 * or — for a recipient that is not an e-mail address (a portal, a postal authority, a
 * mail-merge line) — an empty group, which is valid RFC 5322 and lets the mail client ask.
 */
function addressHeader(recipient: string): string {
  const named = NAMED_ADDRESS.exec(recipient);
  if (named && SIMPLE_ADDRESS.test(named[2] ?? '')) return named[1] ? `${phrase(named[1].replace(/^"|"$/g, ''))} <${named[2]}>` : `<${named[2]}>`;
  if (SIMPLE_ADDRESS.test(recipient)) return recipient;
  return 'undisclosed-recipients:;';
}

/** RFC 5322 date-time in UTC ("Sat, 14 Mar 2026 09:00:00 +0000"). */
function mailDate(iso: string): string {
  return new Date(iso).toUTCString().replace(/GMT$/, '+0000');
}

/** The letter as plain text: an exercise's marking first, the body with headings on their own lines, then the sender's details. */
function plainText(letter: Letter): string {
  const mark = letter.exercise ? [`*** ${letter.exercise.marking} ***`, letter.exercise.explanation, ''] : [];
  const lines: string[] = [...mark, letter.reference, ''];
  for (const b of letter.blocks) {
    if (b.kind === 'heading') lines.push(b.text);
    else if (b.kind === 'list') lines.push(...b.items.map((i) => `- ${i}`));
    else lines.push(...b.lines);
    lines.push('');
  }
  const sender = [letter.letterhead.organisation, ...letterheadLines(letter.letterhead)].filter((x) => x !== '');
  if (sender.length > 0) lines.push('--', ...sender);
  return lines.join('\n').replace(/\n+$/, '');
}

/**
 * The letter as an e-mail message ready for a mail client (RFC 5322): UTF-8 plain text, quoted-
 * printable, CRLF line endings, encoded-words for non-ASCII headers. Written by hand (no mail
 * library) because it is a handful of headers and the exact bytes are what gets hashed.
 */
export function exportEml(letter: Letter): string {
  const lh = letter.letterhead;
  const fromAddress = lh.email !== '' ? lh.email : 'sender-unknown@invalid';
  const domain = fromAddress.split('@')[1] ?? 'invalid';
  const headers = [
    `Date: ${mailDate(letter.dateIso)}`,
    `From: ${lh.organisation !== '' ? `${phrase(lh.organisation)} <${fromAddress}>` : fromAddress}`,
    `To: ${letter.recipient.length === 1 ? addressHeader(letter.recipient[0] ?? '') : 'undisclosed-recipients:;'}`,
    `Subject: ${encodeHeaderText(letter.subject)}`,
    `Message-ID: <${letter.messageKey}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    `Content-Language: ${letter.lang}`,
    // For mail filters and gateways: an exercise's message says so in a header too (ASCII only).
    ...(letter.exercise ? ['X-Firebreak-Exercise: yes (EXERCISE - NOT A REAL INCIDENT)'] : []),
  ];
  return `${headers.join(CRLF)}${CRLF}${CRLF}${quotedPrintable(plainText(letter))}${CRLF}`;
}
