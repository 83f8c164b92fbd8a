import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { MAX_EVIDENCE_BYTES } from '../../contract/evidence';
import { CliError, EXIT } from './CliError';

/** Enough to label common artefacts; anything else is stored as plain bytes. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.html': 'text/html',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.eml': 'message/rfc822',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.pcap': 'application/vnd.tcpdump.pcap',
};

/** What `evidence.add` takes besides the incident: the file's name, media type and bytes. */
export interface EvidenceFile {
  name: string;
  mediaType: string;
  dataBase64: string;
}

/** Reads a file for `evidence.add`; a missing, irregular or oversized file exits 1 with one line. */
export async function readEvidenceFile(file: string): Promise<EvidenceFile> {
  let data: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliError(`${file} is not a regular file`, EXIT.error);
    if (info.size > MAX_EVIDENCE_BYTES) {
      throw new CliError(`${file} is ${info.size} bytes; evidence files may be at most ${MAX_EVIDENCE_BYTES} bytes`, EXIT.error);
    }
    data = await readFile(file);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, EXIT.error);
  }
  return {
    name: basename(file),
    mediaType: MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    dataBase64: data.toString('base64'),
  };
}
