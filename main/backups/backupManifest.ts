import { z } from 'zod';

/** One entry of a backup: what was there, and which backup's archive holds its content. */
export const manifestEntrySchema = z.strictObject({
  path: z.string().min(1),
  type: z.enum(['file', 'directory', 'symlink']),
  size: z.number().int().min(0),
  mode: z.number().int().min(0),
  mtimeMs: z.number(),
  /** Files only. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  linkTarget: z.string().optional(),
  /** Files only: the backup whose archive stores the bytes (this one, or an earlier one of the chain). */
  in: z.string().optional(),
});
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

export const MANIFEST_FORMAT = 'firebreak-backup-manifest/1';

/** docs/backup-format.md. Written last, encrypted like the archive: no complete manifest, no backup. */
export const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  id: z.string(),
  plan: z.string(),
  kind: z.enum(['full', 'incremental']),
  parent: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  chainHead: z.strictObject({ seq: z.number().int(), hash: z.string() }).nullable(),
  archive: z.strictObject({ file: z.string(), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  sources: z.array(z.strictObject({ path: z.string(), name: z.string() })),
  entries: z.array(manifestEntrySchema),
  totals: z.strictObject({
    files: z.number().int(), directories: z.number().int(), bytes: z.number().int(),
    storedFiles: z.number().int(), storedBytes: z.number().int(),
  }),
});
export type BackupManifest = z.infer<typeof manifestSchema>;
