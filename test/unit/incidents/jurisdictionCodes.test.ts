import { describe, expect, it } from 'vitest';
import {
  affectedCountSchema, breachFactsSchema, checkJurisdiction, COUNTRIES, describeMapping, exactCodeProblem, isJurisdictionCode,
  JURISDICTION_ALIASES, jurisdictionCodeSchema, jurisdictionName, jurisdictionSchema, normalizeAffectedCounts, normalizeJurisdictions,
  reviewStoredJurisdictions, suggestJurisdictions, US_SUBDIVISIONS,
} from '../../../contract';

const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

describe('the code table (contract/jurisdictions.ts)', () => {
  it('lists the 249 officially assigned ISO 3166-1 alpha-2 codes, each with a name ICU also knows', () => {
    const codes = Object.keys(COUNTRIES);
    expect(codes).toHaveLength(249);
    for (const c of codes) {
      expect(c).toMatch(/^[A-Z]{2}$/);
      expect(COUNTRIES[c]?.length, c).toBeGreaterThan(2);
      // ICU names every assigned code; a code it echoes back would be a typo in the table.
      expect(english.of(c), c).not.toBe(c);
    }
  });

  it('lists ISO 3166-2:US: 50 states, DC and the six outlying areas, each also an ISO 3166-1 code', () => {
    const codes = Object.keys(US_SUBDIVISIONS);
    expect(codes).toHaveLength(57);
    const outlying = ['US-AS', 'US-GU', 'US-MP', 'US-PR', 'US-UM', 'US-VI'];
    for (const c of outlying) {
      expect(codes).toContain(c);
      expect(COUNTRIES[c.slice(3)], c).toBe(US_SUBDIVISIONS[c]);
    }
    expect(codes).toContain('US-DC');
    expect(codes.filter((c) => !outlying.includes(c) && c !== 'US-DC')).toHaveLength(50);
  });

  it.each([
    // ICU answers for all of these; none is an assigned ISO 3166-1 code.
    'UK', 'EU', 'EZ', 'UN', 'XK', 'QO', 'XA', 'ZZ', 'AN', 'CS', 'YU', 'SU', 'DD', 'CP', 'CQ', 'HV', 'NH', 'RH', 'VD', 'YD',
    // Shapes the old regex let through.
    'XX', 'US-XX', 'US-ZZ', 'DE-BY', 'CA-ON',
  ])('%s is not a jurisdiction code', (code) => {
    expect(isJurisdictionCode(code)).toBe(false);
  });

  it('every alias stands for an assigned code, and is not one itself', () => {
    for (const a of Object.values(JURISDICTION_ALIASES)) {
      expect(isJurisdictionCode(a.from), a.from).toBe(false);
      expect(isJurisdictionCode(a.to), a.to).toBe(true);
      expect(a.why.length).toBeGreaterThan(10);
    }
  });
});

describe('checkJurisdiction', () => {
  it.each([
    ['DE', 'DE', null],
    ['de', 'DE', null],
    [' us-ca ', 'US-CA', null],
    ['GB', 'GB', null],
    ['US', 'US', null],
    ['PR', 'PR', null],
    ['US-PR', 'US-PR', null],
    ['UK', 'GB', 'UK'],
    ['uk', 'GB', 'UK'],
    ['EL', 'GR', 'EL'],
    ['FX', 'FR', 'FX'],
    ['IC', 'ES', 'IC'],
    ['ZR', 'CD', 'ZR'],
  ])('%j is read as %s (alias %s)', (given, code, alias) => {
    const check = checkJurisdiction(given);
    expect(check).toMatchObject({ ok: true, code, name: jurisdictionName(code) });
    if (check.ok) expect(check.alias?.from ?? null).toBe(alias);
  });

  it.each([
    ['XX', ['AX', 'CX', 'MX', 'SX'], /^XX is not a country code .*; did you mean AX \(Åland Islands\), CX \(Christmas Island\), MX \(Mexico\) or SX \(Sint Maarten\)\?$/],
    ['ED', ['DE', 'EC', 'EE', 'EG'], /did you mean DE \(Germany\), EC/],
    ['US-XX', ['US-TX', 'US'], /^US-XX is not a US state or territory/],
    ['US-CAL', ['US-CA', 'US'], /did you mean US-CA \(California\)/],
    ['US_CA', ['US-CA'], /not written as a US state.*did you mean US-CA \(California\)\?$/],
    ['USCA', ['US-CA'], /not written as a US state/],
    ['DE-BY', ['DE'], /DE-BY is a subdivision.*did you mean DE \(Germany\)\?$/],
    ['GB-SCT', ['GB'], /did you mean GB \(United Kingdom\)\?$/],
    ['Germany', ['DE'], /^"Germany" is not a country code.*did you mean DE \(Germany\)\?$/],
    ['texas', ['US-TX'], /did you mean US-TX \(Texas\)\?$/],
    ['England', ['GB'], /did you mean GB \(United Kingdom\)\?$/],
    ['DEU', ['DE'], /did you mean DE \(Germany\)\?$/],
    ['GBR', ['GB', 'GR'], /did you mean GB \(United Kingdom\) or GR \(Greece\)\?$/],
    ['USA', ['US', 'UA'], /did you mean US \(United States\)/],
    ['EU', [], /^EU is a group of countries, not a place: give each member state/],
    ['EEA', [], /^EEA is a group/],
    ['XK', [], /^XK \(Kosovo\) is a user-assigned code/],
    ['AN', ['BQ', 'CW', 'SX'], /^AN \(Netherlands Antilles\) was split in 2010; did you mean BQ/],
    ['CS', ['RS', 'ME'], /did you mean RS \(Serbia\) or ME \(Montenegro\)\?$/],
    ['', [], /^a jurisdiction code is needed/],
    ['Österreich', [], /^"Österreich" is not a country code/],
  ])('%j is refused, suggesting %j', (given, suggestions, message) => {
    const check = checkJurisdiction(given);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.suggestions).toEqual(suggestions);
    expect(check.message).toMatch(message);
  });

  it('suggestions are deterministic, valid, at most four, and never the input', () => {
    const inputs = ['XX', 'QQ', 'ZZ', 'AA', 'UU', 'US-QQ', 'Brit', 'Congo', 'Virgin', 'Saint', 'XYZ', 'A1', '12', 'US-'];
    for (const input of inputs) {
      const first = suggestJurisdictions(input);
      expect(suggestJurisdictions(input), input).toEqual(first);
      expect(first.length, input).toBeLessThanOrEqual(4);
      for (const s of first) expect(isJurisdictionCode(s), `${input} → ${s}`).toBe(true);
      expect(first).not.toContain(input);
    }
    // A name shared by several places offers them all (up to four), by how well they match.
    expect(suggestJurisdictions('Congo')).toEqual(['CG', 'CD']);
    expect(suggestJurisdictions('Virgin')).toEqual(['US-VA', 'US-VI', 'US-WV', 'VG']);
  });

  it('stays quick on long and hostile input', () => {
    const started = performance.now();
    for (let i = 0; i < 300; i++) checkJurisdiction(`${'Z'.repeat(i % 70)}${i}`);
    expect(checkJurisdiction('X'.repeat(10_000))).toMatchObject({ ok: false, suggestions: [] });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('schemas and normalization', () => {
  it('jurisdictionSchema accepts codes and aliases as given (tidied), and refuses the rest with suggestions', () => {
    expect(jurisdictionSchema.parse(' de ')).toBe('DE');
    expect(jurisdictionSchema.parse('uk')).toBe('UK');
    const bad = jurisdictionSchema.safeParse('XX');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/XX is not a country code.*did you mean AX/);
    expect(affectedCountSchema.safeParse({ jurisdiction: 'US-XX', count: 3 }).error?.issues[0]).toMatchObject({ path: ['jurisdiction'], message: expect.stringMatching(/did you mean US-TX/) as unknown });
  });

  it('jurisdictionCodeSchema (runbooks, regimes) refuses an alias with the code to write', () => {
    expect(jurisdictionCodeSchema.parse('GB')).toBe('GB');
    expect(jurisdictionCodeSchema.safeParse('UK').error?.issues.map((i) => i.message)).toEqual(['UK is not an ISO 3166-1 code: write GB (United Kingdom)']);
    expect(jurisdictionCodeSchema.safeParse('XX').error?.issues.map((i) => i.message)).toEqual([expect.stringMatching(/did you mean AX/)]);
    expect(exactCodeProblem('DE')).toBeNull();
  });

  it('normalizes aliases once each, keeping order and what is not a code', () => {
    expect(normalizeJurisdictions(['UK', 'DE', 'uk', 'EL', 'XX'], 'establishedIn')).toEqual({
      codes: ['GB', 'DE', 'GB', 'GR', 'XX'],
      mapped: [{ field: 'establishedIn', from: 'UK', to: 'GB' }, { field: 'establishedIn', from: 'EL', to: 'GR' }],
    });
    expect(normalizeAffectedCounts([{ jurisdiction: 'UK', count: 85 }, { jurisdiction: 'US-CA', count: 3 }])).toEqual({
      rows: [{ jurisdiction: 'GB', count: 85 }, { jurisdiction: 'US-CA', count: 3 }],
      mapped: [{ field: 'affected', from: 'UK', to: 'GB' }],
    });
    expect(describeMapping({ from: 'UK', to: 'GB' })).toBe('UK → GB (United Kingdom)');
  });

  it('breach facts (a facts file) refuse XX in affected and establishedIn, naming where', () => {
    const r = breachFactsSchema.safeParse({ affected: [{ jurisdiction: 'DE', count: 1 }, { jurisdiction: 'XX', count: 4 }], establishedIn: ['Germany'] });
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      expect.stringMatching(/^affected\.1\.jurisdiction: XX is not a country code/),
      expect.stringMatching(/^establishedIn\.0: "Germany" is not a country code.*DE \(Germany\)/),
    ]);
  });

  it('reviews stored codes: aliases are read as their code, invalid ones named with suggestions, valid ones say nothing', () => {
    const notes = reviewStoredJurisdictions({
      affected: [{ jurisdiction: 'DE', count: 10 }, { jurisdiction: 'UK', count: 85 }, { jurisdiction: 'XX', count: 1 }],
      establishedIn: ['US-NY', 'EL'],
    });
    expect(notes).toEqual([
      expect.objectContaining({ field: 'affected', kind: 'mapped', given: 'UK', code: 'GB', count: 85, stored: true }),
      expect.objectContaining({ field: 'affected', kind: 'invalid', given: 'XX', code: null, count: 1, suggestions: ['AX', 'CX', 'MX', 'SX'] }),
      expect.objectContaining({ field: 'establishedIn', kind: 'mapped', given: 'EL', code: 'GR', count: null }),
    ]);
    expect(notes[0]?.message).toBe("85 people recorded under UK: UK is not a jurisdiction code, so it is read as GB (United Kingdom) (ISO 3166-1 only reserves UK; the United Kingdom's code is GB). Correct it in the incident's affected people.");
    expect(notes[1]?.message).toBe(
      '1 person recorded under XX: XX is not a country code (ISO 3166-1) or a US state (like DE or US-CA). No regime can match it, so the regimes it could decide stay undetermined. '
      + "Nearest codes: AX (Åland Islands), CX (Christmas Island), MX (Mexico), SX (Sint Maarten). Correct it in the incident's affected people.",
    );
    expect(notes[2]?.message).toMatch(/^Established in EL: EL is not a jurisdiction code, so it is read as GR \(Greece\) .*Correct it in the breach facts \(Established in\)\.$/);
  });
});
