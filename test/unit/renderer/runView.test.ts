import { describe, expect, it } from 'vitest';
import type { RunClock } from '../../../contract';
import { clockStatus } from '../../../renderer/lib/clockStatus';
import { describeError } from '../../../renderer/lib/describeError';
import { formatDuration } from '../../../renderer/lib/formatDuration';
import { EMPTY_DRAFT, inputValueFrom } from '../../../renderer/lib/inputValueFrom';
import { checkCodes, describeCodes, splitCodes } from '../../../renderer/lib/jurisdictionInput';
import { withStepTitles } from '../../../renderer/lib/withStepTitles';

describe('formatDuration', () => {
  it('uses at most two whole units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(59.9)).toBe('59 s');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(3599)).toBe('59 min');
    expect(formatDuration(3600 + 5 * 60)).toBe('1 h 05 min');
    expect(formatDuration(72 * 3600 + 3600)).toBe('3 d 1 h');
    expect(formatDuration(-5)).toBe('0 s');
  });
});

describe('clockStatus', () => {
  const start = Date.parse('2026-03-01T10:00:00Z');
  const clock = (over: Partial<RunClock> = {}): RunClock => ({
    name: 'assessment', startedAt: new Date(start).toISOString(), startedBy: 'admin', stoppedAt: null,
    dueAt: new Date(start + 72 * 3600_000).toISOString(), remindEverySeconds: 4 * 3600, ...over,
  });

  it('counts a running clock towards its deadline and the next reminder', () => {
    const s = clockStatus(clock(), start + 90 * 60_000);
    expect(s.running).toBe(true);
    expect(s.elapsedSeconds).toBe(90 * 60);
    expect(s.dueInSeconds).toBe(72 * 3600 - 90 * 60);
    expect(s.nextReminderAt).toBe(start + 4 * 3600_000);
  });

  it('puts the next reminder strictly after now, also exactly on one', () => {
    expect(clockStatus(clock(), start + 4 * 3600_000).nextReminderAt).toBe(start + 8 * 3600_000);
    expect(clockStatus(clock(), start).nextReminderAt).toBe(start + 4 * 3600_000);
  });

  it('is overdue past the deadline (negative seconds left)', () => {
    expect(clockStatus(clock(), start + 73 * 3600_000).dueInSeconds).toBe(-3600);
  });

  it('stops counting, and has no deadline or reminder, once stopped', () => {
    const s = clockStatus(clock({ stoppedAt: new Date(start + 30 * 60_000).toISOString() }), start + 99 * 3600_000);
    expect(s).toEqual({ running: false, elapsedSeconds: 1800, dueInSeconds: null, nextReminderAt: null });
  });

  it('has no deadline or reminder when the step asked for none', () => {
    const s = clockStatus(clock({ dueAt: null, remindEverySeconds: null }), start + 1000);
    expect(s.dueInSeconds).toBeNull();
    expect(s.nextReminderAt).toBeNull();
  });
});

describe('jurisdiction codes as typed', () => {
  it('splits on commas, semicolons and spaces, and describes each code (an alias with what it is saved as)', () => {
    expect(splitCodes(' de, fr  us-ca;DE ')).toEqual(['de', 'fr', 'us-ca', 'DE']);
    expect(splitCodes('')).toEqual([]);
    expect(describeCodes(checkCodes('uk, ca us-ca XX'))).toBe('UK → GB (United Kingdom) · CA Canada · US-CA California');
  });
});

describe('inputValueFrom', () => {
  const draft = (over: Partial<typeof EMPTY_DRAFT>) => ({ ...EMPTY_DRAFT, ...over });

  it('turns each input type into the value the API takes', () => {
    expect(inputValueFrom('text', draft({ text: '  hello ' }))).toEqual({ ok: true, value: 'hello' });
    expect(inputValueFrom('number', draft({ text: '12' }))).toEqual({ ok: true, value: 12 });
    expect(inputValueFrom('boolean', draft({ bool: false }))).toEqual({ ok: true, value: false });
    expect(inputValueFrom('choice', draft({ text: 'none' }), ['intact', 'none'])).toEqual({ ok: true, value: 'none' });
    expect(inputValueFrom('data-categories', draft({ list: ['health'] }))).toEqual({ ok: true, value: ['health'] });
    expect(inputValueFrom('jurisdictions', draft({ text: 'de, us-ca' }))).toEqual({ ok: true, value: ['DE', 'US-CA'] });
    expect(inputValueFrom('affected-counts', draft({ rows: [{ jurisdiction: 'DE', count: 3 }, { jurisdiction: '', count: 0 }] })))
      .toEqual({ ok: true, value: [{ jurisdiction: 'DE', count: 3 }] });
    const dt = inputValueFrom('datetime', draft({ text: '2026-03-01T08:30' }));
    expect(dt.ok && typeof dt.value === 'string' && dt.value.endsWith('Z')).toBe(true);
  });

  it('says what is missing or wrong before the API is asked', () => {
    expect(inputValueFrom('text', draft({ text: '  ' })).ok).toBe(false);
    expect(inputValueFrom('number', draft({ text: '' })).ok).toBe(false);
    expect(inputValueFrom('number', draft({ text: 'abc' })).ok).toBe(false);
    expect(inputValueFrom('boolean', draft({})).ok).toBe(false);
    expect(inputValueFrom('datetime', draft({ text: '' })).ok).toBe(false);
    expect(inputValueFrom('choice', draft({ text: 'other' }), ['intact'])).toEqual({ ok: false, problem: 'Choose one of the options.' });
    expect(inputValueFrom('jurisdictions', draft({ text: 'germany' }))).toEqual({ ok: false, problem: '"germany" is not a country code (ISO 3166-1) or a US state (like DE or US-CA); did you mean DE (Germany)?' });
    expect(inputValueFrom('jurisdictions', draft({ text: 'DE, XX' }))).toEqual({ ok: false, problem: expect.stringMatching(/^XX is not a country code .*did you mean AX/) as unknown });
    // An alias goes as typed: the backend saves its code and the form has shown the mapping.
    expect(inputValueFrom('jurisdictions', draft({ text: 'uk de UK' }))).toEqual({ ok: true, value: ['UK', 'DE'] });
    expect(inputValueFrom('affected-counts', draft({ rows: [{ jurisdiction: 'DE', count: 1 }, { jurisdiction: 'XX', count: 2 }] })))
      .toEqual({ ok: false, problem: 'Row 2 has no valid jurisdiction code: correct it (a suggestion fills it in) or remove the row.' });
    expect(inputValueFrom('affected-counts', draft({ rows: [{ jurisdiction: 'DE', count: 1.5 }] })).ok).toBe(false);
    expect(inputValueFrom('affected-counts', draft({ rows: [] })).ok).toBe(false);
  });
});

describe('describeError', () => {
  it('appends field problems to the message', () => {
    expect(describeError({ code: 'NOT_FOUND', message: 'no such run' })).toBe('no such run');
    expect(describeError({ code: 'VALIDATION', message: 'Invalid input', issues: ['action.reason: required'] })).toBe('Invalid input: action.reason: required');
    expect(describeError({ code: 'VALIDATION', message: 'step "x" needs an answer', issues: ['step "x" needs an answer'] })).toBe('step "x" needs an answer');
  });
});

describe('withStepTitles', () => {
  const titles = new Map([['scope-hunt', 'Find the extent'], ['isolate', 'Isolate affected systems']]);
  it('replaces quoted step ids the run knows by their titles', () => {
    expect(withStepTitles('waits for "scope-hunt"; waits for "isolate"', (id) => titles.get(id))).toBe('waits for “Find the extent”; waits for “Isolate affected systems”');
  });
  it('leaves other quoted words and unquoted ids alone', () => {
    expect(withStepTitles('input "backup-state" is "intact", not scope-hunt', (id) => titles.get(id))).toBe('input "backup-state" is "intact", not scope-hunt');
  });
});
