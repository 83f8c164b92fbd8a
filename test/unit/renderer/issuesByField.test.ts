import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../../contract';
import { issuesByField } from '../../../renderer/lib/issuesByField';

const FIELDS = ['title', 'reporterEmail', 'affected', 'tags'] as const;
const validation = (issues: string[] | undefined): ApiError => ({ code: 'VALIDATION', message: 'invalid input for incidents.update', ...(issues ? { issues } : {}) });

describe('issuesByField', () => {
  it('is empty without an error', () => {
    expect(issuesByField(null, FIELDS)).toEqual({ fields: {}, other: [] });
  });

  it('shows errors other than VALIDATION as a general message', () => {
    expect(issuesByField({ code: 'FORBIDDEN', message: 'the manager role may not call incidents.update' }, FIELDS)).toEqual({
      fields: {},
      other: ['the manager role may not call incidents.update'],
    });
    expect(issuesByField(validation(undefined), FIELDS)).toEqual({ fields: {}, other: ['invalid input for incidents.update'] });
    expect(issuesByField(validation([]), FIELDS)).toEqual({ fields: {}, other: ['invalid input for incidents.update'] });
  });

  it('puts each issue next to its field, capitalized', () => {
    const result = issuesByField(validation(['title: too short (at least 3 characters)', 'reporterEmail: invalid email address']), FIELDS);
    expect(result).toEqual({
      fields: { title: 'Too short (at least 3 characters)', reporterEmail: 'Invalid email address' },
      other: [],
    });
  });

  it('drops a wrapper prefix such as patch.', () => {
    const result = issuesByField(validation(['patch.title: too short', 'patch.tags.0: empty']), FIELDS, 'patch.');
    expect(result.fields).toEqual({ title: 'Too short', tags: 'Row 1: empty' });
  });

  it('names the row and key of nested problems', () => {
    const result = issuesByField(validation(['affected.2.jurisdiction: expected a country code like DE']), FIELDS);
    expect(result.fields).toEqual({ affected: 'Row 3 jurisdiction: expected a country code like DE' });
  });

  it('keeps only the first problem of a field', () => {
    const result = issuesByField(validation(['title: too short', 'title: must not be blank']), FIELDS);
    expect(result.fields).toEqual({ title: 'Too short' });
    expect(result.other).toEqual([]);
  });

  it('passes issues for fields the form does not show through whole', () => {
    const result = issuesByField(validation(['summary: too long', '(input): unrecognized key "bogus"', 'no path here']), FIELDS);
    expect(result).toEqual({ fields: {}, other: ['summary: too long', '(input): unrecognized key "bogus"', 'no path here'] });
  });

  it('does not strip a prefix from paths that lack it', () => {
    const result = issuesByField(validation(['ref: expected a reference like IR-2026-0001']), FIELDS, 'patch.');
    expect(result.other).toEqual(['ref: expected a reference like IR-2026-0001']);
  });
});
