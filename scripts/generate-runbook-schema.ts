/**
 * Writes docs/runbook.schema.json from the zod schema of the runbook format, for editors
 * (YAML language servers read it). Run after changing main/runbooks/runbookSchema.ts:
 *   npx tsx scripts/generate-runbook-schema.ts
 * test/unit/runbooks/runbookJsonSchema.test.ts fails while the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runbookJsonSchema } from '../main/runbooks';

const file = fileURLToPath(new URL('../docs/runbook.schema.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(runbookJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file}`);
