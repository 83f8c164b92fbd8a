import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { METHOD_NAMES, methods, type MethodName } from '../../../contract';
import { expectFailure } from '../../helpers/client';
import { sampleInputs, type SampleInputs } from '../../helpers/sampleInputs';
import { ADMIN, createTestVault, type TestVault } from '../../helpers/testVault';

let v: TestVault;
let samples: SampleInputs;

beforeAll(async () => {
  v = await createTestVault();
  const ref = (await v.admin.call('incidents.create', { title: 'Validation target', severity: 'SEV3', category: 'other' })).ref;
  const evidenceId = (await v.admin.call('evidence.add', { ref, name: 'x.txt', dataBase64: 'eA==' })).id;
  samples = sampleInputs({ ref, evidenceId });
});
afterAll(() => v.dispose());

/** The state a refused call must not move: the log head and the number of incidents. */
async function state() {
  const verify = await v.admin.call('log.verify', {});
  const incidents = await v.admin.call('incidents.list', { limit: 1 });
  return { head: verify.head, count: verify.count, incidents: incidents.total };
}

/** A value of another JSON type than `value` (a nested object when the field's type is unknown). */
function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return '12345';
  if (typeof value === 'boolean') return 'true';
  if (Array.isArray(value)) return 'not-an-array';
  if (value && typeof value === 'object') return 42;
  return { wrongType: true };
}

function fieldsOf(method: MethodName): string[] {
  const schema = methods[method].input;
  expect(schema, `${method} input is an object schema`).toBeInstanceOf(z.ZodObject);
  return Object.keys((schema as z.ZodObject).shape);
}

function invalidInputs(method: MethodName): [string, unknown][] {
  const sample = samples[method] as Record<string, unknown>;
  const out: [string, unknown][] = [
    ['a string instead of an object', 'not an object'],
    ['a number instead of an object', 7],
    ['an array instead of an object', [sample]],
    ['an unknown extra key', { ...sample, unexpectedKey: 1 }],
  ];
  for (const field of fieldsOf(method)) out.push([`${field} of the wrong type`, { ...sample, [field]: wrongTypeFor(sample[field]) }]);
  return out;
}

describe.each(METHOD_NAMES)('%s', (method) => {
  it('refuses invalid input with VALIDATION and changes nothing', async () => {
    const before = await state();
    for (const [what, input] of invalidInputs(method)) {
      const err = expectFailure(await v.admin.raw(method, input), 'VALIDATION');
      expect(err.issues?.length, `${method}: ${what}`).toBeGreaterThan(0);
      expect(err.message).toContain(method);
    }
    expect(await state()).toEqual(before);
    // Still signed in: not even auth.logout or vault.lock acted on bad input.
    expect(await v.admin.call('auth.session', {})).toMatchObject({ user: ADMIN });
  });
});

describe('method names', () => {
  it('the sample inputs are valid (so the refusals above are about the one defect introduced)', () => {
    for (const m of METHOD_NAMES) expect(methods[m].input.safeParse(samples[m]).success, m).toBe(true);
  });

  it.each(['incidents.delete', 'INCIDENTS.LIST', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'log.verify '])(
    'an unknown method %j is UNKNOWN_METHOD',
    async (name) => {
      const before = await state();
      expectFailure(await v.admin.raw(name, {}), 'UNKNOWN_METHOD');
      expect(await state()).toEqual(before);
    },
  );
});
