import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { MAX_EVIDENCE_BYTES } from '../../../contract';
import { CliError, EXIT } from '../CliError';
import { formatEvidence, toJson } from '../format';
import type { CommandSpec } from '../types';

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

export const evidenceAdd: CommandSpec = {
  words: ['evidence', 'add'],
  positionals: ['REF', 'FILE'],
  summary: 'attach a file to an incident as evidence (hashed at intake)',
  session: 'login',
  options: {},
  details: `Files up to ${MAX_EVIDENCE_BYTES / (1024 * 1024)} MiB.`,
  examples: ['firebreak evidence add IR-2026-0001 ./ransom-note.txt'],
  run: async (ctx) => {
    const [ref, file] = ctx.args as [string, string];
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
    const evidence = await ctx.call('evidence.add', {
      ref,
      name: basename(file),
      mediaType: MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      dataBase64: data.toString('base64'),
    });
    ctx.print(ctx.json ? toJson(evidence) : `Added to ${ref}: ${formatEvidence(evidence)}`);
    return EXIT.ok;
  },
};
