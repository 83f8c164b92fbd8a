import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, hasFilters, isListQuery, toListInput, type ListQuery } from '../../../renderer/lib/listQuery';

const FULL: ListQuery = {
  status: ['detected', 'contained'],
  severity: ['SEV1'],
  category: ['ransomware', 'data-breach'],
  owner: 'bob',
  text: '  file server  ',
  sort: { field: 'severity', dir: 'asc' },
};

describe('isListQuery', () => {
  it('accepts the default and a full query, also after a trip through JSON (sessionStorage)', () => {
    expect(isListQuery(DEFAULT_QUERY)).toBe(true);
    expect(isListQuery(FULL)).toBe(true);
    expect(isListQuery(JSON.parse(JSON.stringify(FULL)))).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'detected'],
    ['an unknown status', { ...FULL, status: ['open'] }],
    ['an unknown severity', { ...FULL, severity: ['SEV0'] }],
    ['an unknown category', { ...FULL, category: ['aliens'] }],
    ['status not a list', { ...FULL, status: 'detected' }],
    ['owner missing', { ...FULL, owner: undefined }],
    ['owner a number', { ...FULL, owner: 7 }],
    ['text missing', { ...FULL, text: undefined }],
    ['sort missing', { ...FULL, sort: undefined }],
    ['sort null', { ...FULL, sort: null }],
    ['an unsortable field', { ...FULL, sort: { field: 'summary', dir: 'asc' } }],
    ['an unknown direction', { ...FULL, sort: { field: 'title', dir: 'up' } }],
  ])('rejects %s (stale or foreign stored state)', (_what, value) => {
    expect(isListQuery(value)).toBe(false);
  });
});

describe('hasFilters', () => {
  it('is false for the default, whatever the sort', () => {
    expect(hasFilters(DEFAULT_QUERY)).toBe(false);
    expect(hasFilters({ ...DEFAULT_QUERY, sort: { field: 'title', dir: 'asc' } })).toBe(false);
  });

  it('ignores blank text', () => {
    expect(hasFilters({ ...DEFAULT_QUERY, text: '   ' })).toBe(false);
  });

  it('is true for any one filter', () => {
    expect(hasFilters({ ...DEFAULT_QUERY, status: ['closed'] })).toBe(true);
    expect(hasFilters({ ...DEFAULT_QUERY, severity: ['SEV4'] })).toBe(true);
    expect(hasFilters({ ...DEFAULT_QUERY, category: ['ddos'] })).toBe(true);
    expect(hasFilters({ ...DEFAULT_QUERY, owner: 'alice' })).toBe(true);
    expect(hasFilters({ ...DEFAULT_QUERY, text: 'vpn' })).toBe(true);
  });
});

describe('toListInput', () => {
  it('sends only the sort for the default query', () => {
    expect(toListInput(DEFAULT_QUERY)).toEqual({ sort: { field: 'detectedAt', dir: 'desc' } });
  });

  it('sends every filter that is set, with the text trimmed', () => {
    expect(toListInput(FULL)).toEqual({
      status: ['detected', 'contained'],
      severity: ['SEV1'],
      category: ['ransomware', 'data-breach'],
      owner: 'bob',
      text: 'file server',
      sort: { field: 'severity', dir: 'asc' },
    });
  });

  it('leaves out empty lists, no owner and blank text', () => {
    const input = toListInput({ ...FULL, status: [], owner: null, text: ' \t ' });
    expect(input).not.toHaveProperty('status');
    expect(input).not.toHaveProperty('owner');
    expect(input).not.toHaveProperty('text');
    expect(input).toHaveProperty('severity', ['SEV1']);
  });
});
