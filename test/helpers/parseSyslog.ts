/**
 * A strict RFC 5424 §6 parser for tests: any deviation from the ABNF throws, naming where. Written
 * from the grammar, independent of main/monitoring/formatSyslog.
 */
export interface ParsedSyslog {
  pri: number;
  facility: number;
  severity: number;
  version: number;
  timestamp: string;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  /** SD-ID → params in order (a name may repeat). */
  sd: Map<string, [string, string][]>;
  bom: boolean;
  msg: string | null;
}

const PRINTUSASCII = (c: string) => c >= '\x21' && c <= '\x7e';

export function parseSyslog(text: string): ParsedSyslog {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`RFC 5424: ${what} at offset ${i} in ${JSON.stringify(text.slice(0, 200))}`);
  };
  const expect = (c: string) => {
    if (text[i] !== c) fail(`expected ${JSON.stringify(c)}`);
    i += 1;
  };
  /** 1*max PRINTUSASCII up to the next SP (or NILVALUE "-"). */
  const field = (name: string, max: number): string => {
    const start = i;
    while (i < text.length && PRINTUSASCII(text[i]!)) i += 1;
    const value = text.slice(start, i);
    if (value.length < 1 || value.length > max) fail(`${name} must be 1..${max} PRINTUSASCII (got ${value.length})`);
    return value;
  };
  const sdName = (what: string): string => {
    const start = i;
    while (i < text.length && PRINTUSASCII(text[i]!) && !'= ]"'.includes(text[i]!)) i += 1;
    const value = text.slice(start, i);
    if (value.length < 1 || value.length > 32) fail(`${what} must be an SD-NAME of 1..32 characters`);
    return value;
  };

  expect('<');
  const priText = /^\d{1,3}/.exec(text.slice(i))?.[0] ?? fail('PRIVAL');
  if (priText.length > 1 && priText.startsWith('0')) fail('PRIVAL has a leading zero');
  const pri = Number(priText);
  if (pri > 191) fail('PRIVAL above 191');
  i += priText.length;
  expect('>');
  const versionText = /^[1-9]\d{0,2}/.exec(text.slice(i))?.[0] ?? fail('VERSION');
  i += versionText.length;
  expect(' ');
  const timestamp = field('TIMESTAMP', 64);
  if (timestamp !== '-') {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/.exec(timestamp) ?? fail('TIMESTAMP is not FULL-DATE "T" FULL-TIME');
    const [, , mo, d, h, mi, s] = m.map(Number);
    if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 59) fail('TIMESTAMP field out of range');
  }
  expect(' ');
  const hostname = field('HOSTNAME', 255);
  expect(' ');
  const appName = field('APP-NAME', 48);
  expect(' ');
  const procId = field('PROCID', 128);
  expect(' ');
  const msgId = field('MSGID', 32);
  expect(' ');
  const sd = new Map<string, [string, string][]>();
  if (text[i] === '-') i += 1;
  else {
    if (text[i] !== '[') fail('STRUCTURED-DATA must be "-" or SD-ELEMENTs');
    while (text[i] === '[') {
      i += 1;
      const id = sdName('SD-ID');
      if (sd.has(id)) fail(`SD-ID ${id} appears twice`);
      const params: [string, string][] = [];
      while (text[i] === ' ') {
        i += 1;
        const name = sdName('PARAM-NAME');
        expect('=');
        expect('"');
        let value = '';
        for (;;) {
          const c = text[i] ?? fail('PARAM-VALUE not closed');
          if (c === '"') break;
          if (c === ']') fail('unescaped "]" in PARAM-VALUE');
          if (c === '\\') {
            const next = text[i + 1];
            // §6.3.3: a backslash before any other character is kept as it is.
            if (next === '"' || next === '\\' || next === ']') {
              value += next;
              i += 2;
              continue;
            }
          }
          value += c;
          i += 1;
        }
        expect('"');
        params.push([name, value]);
      }
      expect(']');
      sd.set(id, params);
    }
  }
  let msg: string | null = null;
  let bom = false;
  if (i < text.length) {
    expect(' ');
    msg = text.slice(i);
    if (msg.startsWith('\uFEFF')) {
      bom = true;
      msg = msg.slice(1);
    }
  }
  return { pri, facility: pri >> 3, severity: pri & 7, version: Number(versionText), timestamp, hostname, appName, procId, msgId, sd, bom, msg };
}

/** RFC 6587 §3.4.1 octet-counting frames from a TCP byte stream: complete messages, and what is left over. */
export function splitOctetCounted(buffer: Buffer): { messages: string[]; rest: Buffer } {
  const messages: string[] = [];
  let offset = 0;
  for (;;) {
    const space = buffer.indexOf(0x20, offset);
    if (space < 0) break;
    const lenText = buffer.subarray(offset, space).toString('ascii');
    if (!/^[1-9]\d*$/.test(lenText)) throw new Error(`RFC 6587: MSG-LEN ${JSON.stringify(lenText)} is not a nonzero number`);
    const len = Number(lenText);
    if (buffer.length < space + 1 + len) break;
    messages.push(buffer.subarray(space + 1, space + 1 + len).toString('utf8'));
    offset = space + 1 + len;
  }
  return { messages, rest: buffer.subarray(offset) };
}
