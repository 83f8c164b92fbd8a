import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runbookJsonSchema } from '../../../main/runbooks';

const FILE = fileURLToPath(new URL('../../../docs/runbook.schema.json', import.meta.url));

describe('docs/runbook.schema.json', () => {
  it('equals the schema generated from the zod schema (regenerate: npx tsx scripts/generate-runbook-schema.ts)', () => {
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(runbookJsonSchema());
  });

  it('is strict (no additional properties) and lists every step kind', () => {
    const schema = runbookJsonSchema();
    expect(schema.additionalProperties).toBe(false);
    const text = JSON.stringify(schema);
    for (const kind of ['task', 'checklist', 'input', 'decision', 'timer', 'approval', 'evidence', 'notify', 'command']) expect(text).toContain(`"const":"${kind}"`);
  });
});
