import { z } from 'zod';
import { runbookSchema } from './runbookSchema';

/**
 * The JSON Schema of the runbook format for editors (docs/runbook.schema.json; a test keeps the
 * committed file equal to this). Generated from the zod schema, so the two cannot drift.
 * `io: 'input'` describes what a file may contain: fields with defaults are optional there.
 */
export function runbookJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(runbookSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://firebreak.invalid/schemas/runbook-v1.json',
    title: 'Firebreak runbook (format 1)',
    description: 'See docs/runbook-format.md for the meaning of each field and the run semantics.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
