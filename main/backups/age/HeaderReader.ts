import { AgeError } from './AgeError';
import { decodeBase64 } from './base64';
import { BODY_COLUMNS, MAC_PREFIX, STANZA_PREFIX, VERSION_LINE, VERSION_PREFIX } from './headerFormat';
import type { Stanza } from './Stanza';

export interface Header {
  stanzas: Stanza[];
  /** The header exactly as read, up to and including `---`: what the MAC covers. */
  macInput: Buffer;
  mac: Buffer;
}

/**
 * A header this large is not one age would write for any sane number of recipients; the cap
 * keeps a hostile or mistaken input from making decryption buffer without bound.
 */
export const MAX_HEADER_BYTES = 1024 * 1024;

const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
// The ABNF of c2sp.org/age: arguments are runs of VCHAR separated by single spaces.
const ARG_LINE = /^-> [\x21-\x7e]+(?: [\x21-\x7e]+)*$/;
const BODY_LINE = /^[A-Za-z0-9+/]*$/;
const MAC_LINE = /^--- ([A-Za-z0-9+/]{43})$/;
const VERSION = /^[\x21-\x7e]+$/;

/**
 * Reads an age header incrementally, one complete line at a time, so the stream can hand it
 * bytes as they arrive and learn where the payload starts. Parsing is exact: anything the
 * v1 ABNF does not produce is an error, because the MAC is checked over the bytes as read.
 */
export class HeaderReader {
  private readonly lines: Buffer[] = [];
  private readonly partial: Buffer[] = [];
  private partialLength = 0;
  private readLength = 0;
  private lineNumber = 0;
  private state: 'version' | 'stanzaOrMac' | 'body' = 'version';
  private args: string[] = [];
  private bodyLines: string[] = [];
  private readonly stanzas: Stanza[] = [];
  private done: Header | null = null;

  /** Null until the MAC line has been read. */
  get header(): Header | null {
    return this.done;
  }

  /** How many bytes were handed in, to tell an empty input from a truncated header. */
  get bytesSeen(): number {
    return this.readLength + this.partialLength;
  }

  /** Feeds the next bytes. Once the header is complete, returns the bytes that follow it. */
  push(data: Buffer): Buffer | null {
    if (this.done) throw new Error('HeaderReader: header already complete');
    let start = 0;
    while (start < data.length) {
      if (this.state === 'version') this.checkMagic(data.subarray(start));
      const lf = data.indexOf(0x0a, start);
      const end = lf < 0 ? data.length : lf;
      if (this.readLength + this.partialLength + (end - start) + 1 > MAX_HEADER_BYTES) {
        throw new AgeError('MALFORMED_HEADER', `the header is larger than ${MAX_HEADER_BYTES} bytes: not a file this reader accepts`);
      }
      if (lf < 0) {
        this.partial.push(data.subarray(start));
        this.partialLength += data.length - start;
        return null;
      }
      const line = Buffer.concat([...this.partial, data.subarray(start, lf + 1)]);
      this.partial.length = 0;
      this.partialLength = 0;
      this.readLength += line.length;
      start = lf + 1;
      if (this.readLine(line)) return data.subarray(start);
    }
    return null;
  }

  /** Fails on the first bytes of a non-age input rather than buffering it looking for a newline. */
  private checkMagic(next: Buffer): void {
    if (this.partialLength >= VERSION_PREFIX.length) return;
    const seen = Buffer.concat([...this.partial, next.subarray(0, VERSION_PREFIX.length)])
      .subarray(0, VERSION_PREFIX.length)
      .toString('latin1');
    if (VERSION_PREFIX.startsWith(seen)) return;
    if (ARMOR_BEGIN.startsWith(seen.slice(0, ARMOR_BEGIN.length))) {
      throw new AgeError('UNSUPPORTED', 'this looks like an ASCII-armored age file (-----BEGIN AGE ENCRYPTED FILE-----), which is not supported: use the binary form');
    }
    throw new AgeError('NOT_AGE', `not an age file: it does not start with "${VERSION_PREFIX}"`);
  }

  /** True once the MAC line has been read. `raw` ends with its LF. */
  private readLine(raw: Buffer): boolean {
    this.lineNumber++;
    const text = raw.subarray(0, raw.length - 1).toString('latin1');
    const where = `header line ${this.lineNumber}`;
    if (text.endsWith('\r')) {
      throw new AgeError('MALFORMED_HEADER', `${where} ends with CR LF: the file was probably converted as text and is damaged`);
    }
    switch (this.state) {
      case 'version': {
        if (text !== VERSION_LINE) {
          const version = text.slice(VERSION_PREFIX.length);
          if (!VERSION.test(version)) throw new AgeError('MALFORMED_HEADER', `${where}: malformed version line`);
          const shown = version.length > 40 ? `${version.slice(0, 40)}…` : version;
          throw new AgeError('UNSUPPORTED', `unsupported age format version "${shown}": only v1 is supported`);
        }
        this.state = 'stanzaOrMac';
        break;
      }
      case 'stanzaOrMac': {
        if (text.startsWith(STANZA_PREFIX)) {
          if (!ARG_LINE.test(text)) throw new AgeError('MALFORMED_HEADER', `${where}: malformed stanza line (arguments must be single-space separated printable ASCII)`);
          this.args = text.slice(STANZA_PREFIX.length).split(' ');
          this.bodyLines = [];
          this.state = 'body';
          break;
        }
        if (text.startsWith(MAC_PREFIX)) {
          this.readMac(text, where);
          return true;
        }
        throw new AgeError('MALFORMED_HEADER', `${where}: expected a stanza ("-> …") or the MAC line ("--- …")`);
      }
      case 'body': {
        if (!BODY_LINE.test(text) || text.length > BODY_COLUMNS) {
          throw new AgeError('MALFORMED_HEADER', `${where}: stanza body must be base64 wrapped at ${BODY_COLUMNS} columns`);
        }
        this.bodyLines.push(text);
        if (text.length < BODY_COLUMNS) {
          const body = decodeBase64(this.bodyLines.join(''));
          if (!body) throw new AgeError('MALFORMED_HEADER', `${where}: stanza body is not canonical unpadded base64`);
          this.stanzas.push({ args: this.args, body });
          this.state = 'stanzaOrMac';
        }
        break;
      }
    }
    this.lines.push(raw);
    return false;
  }

  private readMac(text: string, where: string): void {
    if (this.stanzas.length === 0) throw new AgeError('MALFORMED_HEADER', 'the header has no recipient stanzas');
    const match = MAC_LINE.exec(text);
    const mac = match ? decodeBase64(match[1]!) : null;
    if (!mac) throw new AgeError('MALFORMED_HEADER', `${where}: malformed MAC line`);
    this.done = { stanzas: this.stanzas, macInput: Buffer.concat([...this.lines, Buffer.from(MAC_PREFIX, 'ascii')]), mac };
  }
}
