import { encodeBase64 } from './base64';
import { headerMac } from './headerMac';
import { BODY_COLUMNS, MAC_PREFIX, STANZA_PREFIX, VERSION_LINE } from './headerFormat';
import type { Stanza } from './Stanza';

function formatStanza(stanza: Stanza): string {
  const body = encodeBase64(stanza.body);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += BODY_COLUMNS) lines.push(body.slice(i, i + BODY_COLUMNS));
  // The body must end with a line shorter than 64 columns, so a body that fills its last line
  // (or is empty) gets an empty final line.
  if (body.length % BODY_COLUMNS === 0) lines.push('');
  return `${STANZA_PREFIX}${stanza.args.join(' ')}\n${lines.map((l) => `${l}\n`).join('')}`;
}

/** The complete header, MAC line included, ready to be followed by the payload. */
export function formatHeader(stanzas: readonly Stanza[], fileKey: Buffer): Buffer {
  const macInput = Buffer.from(`${VERSION_LINE}\n${stanzas.map(formatStanza).join('')}${MAC_PREFIX}`, 'ascii');
  return Buffer.concat([macInput, Buffer.from(` ${encodeBase64(headerMac(fileKey, macInput))}\n`, 'ascii')]);
}
