/**
 * The places people can be recorded as living in, and an organisation as established in: the
 * ISO 3166-1 alpha-2 country codes and the US states and territories (`US-XX`). Written out here,
 * with names, rather than derived from `Intl.DisplayNames`: ICU also names codes that are not
 * countries (`UK`, `EU`, `XK`, `QO` …), and a code the engine cannot match is a regime silently
 * dropped.
 *
 * Sources:
 * - ISO 3166-1 alpha-2: the 249 officially assigned codes, as listed by the ISO 3166 Maintenance
 *   Agency in the Online Browsing Platform (https://www.iso.org/obp/ui/#search/code/), English
 *   short names (shortened where the official form is long: "Bolivia" for "Bolivia (Plurinational
 *   State of)").
 * - US: ISO 3166-2:US (https://www.iso.org/obp/ui/#iso:code:3166:US): the 50 states, the District
 *   of Columbia and the six outlying areas (AS, GU, MP, PR, UM, VI). UM is kept because ISO lists
 *   it and US federal law (HIPAA, SEC) reaches it, although nobody lives there permanently.
 * - Aliases: codes ISO keeps "exceptionally reserved" for a place that has an assigned code (UK,
 *   EL, AC, DG, EA, FX, IC, TA) and "transitionally reserved" codes of a country that was renamed
 *   (BU, TP, ZR) — each stands for exactly one assigned code.
 */

/** ISO 3166-1 alpha-2, officially assigned (249). */
export const COUNTRIES: Readonly<Record<string, string>> = {
  AD: 'Andorra', AE: 'United Arab Emirates', AF: 'Afghanistan', AG: 'Antigua and Barbuda', AI: 'Anguilla', AL: 'Albania',
  AM: 'Armenia', AO: 'Angola', AQ: 'Antarctica', AR: 'Argentina', AS: 'American Samoa', AT: 'Austria', AU: 'Australia',
  AW: 'Aruba', AX: 'Åland Islands', AZ: 'Azerbaijan',
  BA: 'Bosnia and Herzegovina', BB: 'Barbados', BD: 'Bangladesh', BE: 'Belgium', BF: 'Burkina Faso', BG: 'Bulgaria',
  BH: 'Bahrain', BI: 'Burundi', BJ: 'Benin', BL: 'Saint Barthélemy', BM: 'Bermuda', BN: 'Brunei Darussalam', BO: 'Bolivia',
  BQ: 'Bonaire, Sint Eustatius and Saba', BR: 'Brazil', BS: 'Bahamas', BT: 'Bhutan', BV: 'Bouvet Island', BW: 'Botswana',
  BY: 'Belarus', BZ: 'Belize',
  CA: 'Canada', CC: 'Cocos Islands', CD: 'Democratic Republic of the Congo', CF: 'Central African Republic',
  CG: 'Congo', CH: 'Switzerland', CI: "Côte d'Ivoire", CK: 'Cook Islands', CL: 'Chile', CM: 'Cameroon', CN: 'China',
  CO: 'Colombia', CR: 'Costa Rica', CU: 'Cuba', CV: 'Cabo Verde', CW: 'Curaçao', CX: 'Christmas Island', CY: 'Cyprus',
  CZ: 'Czechia',
  DE: 'Germany', DJ: 'Djibouti', DK: 'Denmark', DM: 'Dominica', DO: 'Dominican Republic', DZ: 'Algeria',
  EC: 'Ecuador', EE: 'Estonia', EG: 'Egypt', EH: 'Western Sahara', ER: 'Eritrea', ES: 'Spain', ET: 'Ethiopia',
  FI: 'Finland', FJ: 'Fiji', FK: 'Falkland Islands', FM: 'Micronesia', FO: 'Faroe Islands', FR: 'France',
  GA: 'Gabon', GB: 'United Kingdom', GD: 'Grenada', GE: 'Georgia', GF: 'French Guiana', GG: 'Guernsey', GH: 'Ghana',
  GI: 'Gibraltar', GL: 'Greenland', GM: 'Gambia', GN: 'Guinea', GP: 'Guadeloupe', GQ: 'Equatorial Guinea', GR: 'Greece',
  GS: 'South Georgia and the South Sandwich Islands', GT: 'Guatemala', GU: 'Guam', GW: 'Guinea-Bissau', GY: 'Guyana',
  HK: 'Hong Kong', HM: 'Heard Island and McDonald Islands', HN: 'Honduras', HR: 'Croatia', HT: 'Haiti', HU: 'Hungary',
  ID: 'Indonesia', IE: 'Ireland', IL: 'Israel', IM: 'Isle of Man', IN: 'India', IO: 'British Indian Ocean Territory',
  IQ: 'Iraq', IR: 'Iran', IS: 'Iceland', IT: 'Italy',
  JE: 'Jersey', JM: 'Jamaica', JO: 'Jordan', JP: 'Japan',
  KE: 'Kenya', KG: 'Kyrgyzstan', KH: 'Cambodia', KI: 'Kiribati', KM: 'Comoros', KN: 'Saint Kitts and Nevis',
  KP: 'North Korea', KR: 'South Korea', KW: 'Kuwait', KY: 'Cayman Islands', KZ: 'Kazakhstan',
  LA: 'Laos', LB: 'Lebanon', LC: 'Saint Lucia', LI: 'Liechtenstein', LK: 'Sri Lanka', LR: 'Liberia', LS: 'Lesotho',
  LT: 'Lithuania', LU: 'Luxembourg', LV: 'Latvia', LY: 'Libya',
  MA: 'Morocco', MC: 'Monaco', MD: 'Moldova', ME: 'Montenegro', MF: 'Saint Martin', MG: 'Madagascar',
  MH: 'Marshall Islands', MK: 'North Macedonia', ML: 'Mali', MM: 'Myanmar', MN: 'Mongolia', MO: 'Macao',
  MP: 'Northern Mariana Islands', MQ: 'Martinique', MR: 'Mauritania', MS: 'Montserrat', MT: 'Malta', MU: 'Mauritius',
  MV: 'Maldives', MW: 'Malawi', MX: 'Mexico', MY: 'Malaysia', MZ: 'Mozambique',
  NA: 'Namibia', NC: 'New Caledonia', NE: 'Niger', NF: 'Norfolk Island', NG: 'Nigeria', NI: 'Nicaragua',
  NL: 'Netherlands', NO: 'Norway', NP: 'Nepal', NR: 'Nauru', NU: 'Niue', NZ: 'New Zealand',
  OM: 'Oman',
  PA: 'Panama', PE: 'Peru', PF: 'French Polynesia', PG: 'Papua New Guinea', PH: 'Philippines', PK: 'Pakistan',
  PL: 'Poland', PM: 'Saint Pierre and Miquelon', PN: 'Pitcairn', PR: 'Puerto Rico', PS: 'Palestine', PT: 'Portugal',
  PW: 'Palau', PY: 'Paraguay',
  QA: 'Qatar',
  RE: 'Réunion', RO: 'Romania', RS: 'Serbia', RU: 'Russia', RW: 'Rwanda',
  SA: 'Saudi Arabia', SB: 'Solomon Islands', SC: 'Seychelles', SD: 'Sudan', SE: 'Sweden', SG: 'Singapore',
  SH: 'Saint Helena, Ascension and Tristan da Cunha', SI: 'Slovenia', SJ: 'Svalbard and Jan Mayen', SK: 'Slovakia',
  SL: 'Sierra Leone', SM: 'San Marino', SN: 'Senegal', SO: 'Somalia', SR: 'Suriname', SS: 'South Sudan',
  ST: 'Sao Tome and Principe', SV: 'El Salvador', SX: 'Sint Maarten', SY: 'Syria', SZ: 'Eswatini',
  TC: 'Turks and Caicos Islands', TD: 'Chad', TF: 'French Southern Territories', TG: 'Togo', TH: 'Thailand',
  TJ: 'Tajikistan', TK: 'Tokelau', TL: 'Timor-Leste', TM: 'Turkmenistan', TN: 'Tunisia', TO: 'Tonga', TR: 'Türkiye',
  TT: 'Trinidad and Tobago', TV: 'Tuvalu', TW: 'Taiwan', TZ: 'Tanzania',
  UA: 'Ukraine', UG: 'Uganda', UM: 'United States Minor Outlying Islands', US: 'United States', UY: 'Uruguay',
  UZ: 'Uzbekistan',
  VA: 'Holy See', VC: 'Saint Vincent and the Grenadines', VE: 'Venezuela', VG: 'British Virgin Islands',
  VI: 'U.S. Virgin Islands', VN: 'Viet Nam', VU: 'Vanuatu',
  WF: 'Wallis and Futuna', WS: 'Samoa',
  YE: 'Yemen', YT: 'Mayotte',
  ZA: 'South Africa', ZM: 'Zambia', ZW: 'Zimbabwe',
};

/** ISO 3166-2:US: the 50 states, DC and the outlying areas, as `US-XX` (57). */
export const US_SUBDIVISIONS: Readonly<Record<string, string>> = {
  'US-AL': 'Alabama', 'US-AK': 'Alaska', 'US-AZ': 'Arizona', 'US-AR': 'Arkansas', 'US-CA': 'California', 'US-CO': 'Colorado',
  'US-CT': 'Connecticut', 'US-DE': 'Delaware', 'US-FL': 'Florida', 'US-GA': 'Georgia', 'US-HI': 'Hawaii', 'US-ID': 'Idaho',
  'US-IL': 'Illinois', 'US-IN': 'Indiana', 'US-IA': 'Iowa', 'US-KS': 'Kansas', 'US-KY': 'Kentucky', 'US-LA': 'Louisiana',
  'US-ME': 'Maine', 'US-MD': 'Maryland', 'US-MA': 'Massachusetts', 'US-MI': 'Michigan', 'US-MN': 'Minnesota',
  'US-MS': 'Mississippi', 'US-MO': 'Missouri', 'US-MT': 'Montana', 'US-NE': 'Nebraska', 'US-NV': 'Nevada',
  'US-NH': 'New Hampshire', 'US-NJ': 'New Jersey', 'US-NM': 'New Mexico', 'US-NY': 'New York', 'US-NC': 'North Carolina',
  'US-ND': 'North Dakota', 'US-OH': 'Ohio', 'US-OK': 'Oklahoma', 'US-OR': 'Oregon', 'US-PA': 'Pennsylvania',
  'US-RI': 'Rhode Island', 'US-SC': 'South Carolina', 'US-SD': 'South Dakota', 'US-TN': 'Tennessee', 'US-TX': 'Texas',
  'US-UT': 'Utah', 'US-VT': 'Vermont', 'US-VA': 'Virginia', 'US-WA': 'Washington', 'US-WV': 'West Virginia',
  'US-WI': 'Wisconsin', 'US-WY': 'Wyoming',
  'US-DC': 'District of Columbia',
  'US-AS': 'American Samoa', 'US-GU': 'Guam', 'US-MP': 'Northern Mariana Islands', 'US-PR': 'Puerto Rico',
  'US-UM': 'United States Minor Outlying Islands', 'US-VI': 'U.S. Virgin Islands',
};

export interface JurisdictionAlias {
  from: string;
  to: string;
  /** Why `from` means `to`, for the note shown with the mapping. */
  why: string;
}

/** Codes that are not ISO 3166-1 assignments but mean exactly one that is: read as it, with a visible note. */
export const JURISDICTION_ALIASES: Readonly<Record<string, JurisdictionAlias>> = Object.fromEntries(
  ([
    ['UK', 'GB', "ISO 3166-1 only reserves UK; the United Kingdom's code is GB"],
    ['EL', 'GR', 'the EU writes Greece as EL; its ISO 3166-1 code is GR'],
    ['AC', 'SH', 'Ascension Island is part of Saint Helena, Ascension and Tristan da Cunha, code SH'],
    ['TA', 'SH', 'Tristan da Cunha is part of Saint Helena, Ascension and Tristan da Cunha, code SH'],
    ['DG', 'IO', 'Diego Garcia is part of the British Indian Ocean Territory, code IO'],
    ['EA', 'ES', 'Ceuta and Melilla are part of Spain, code ES'],
    ['IC', 'ES', 'the Canary Islands are part of Spain, code ES'],
    ['FX', 'FR', 'Metropolitan France is France, code FR'],
    ['BU', 'MM', 'Burma is Myanmar since 1989, code MM'],
    ['TP', 'TL', 'East Timor is Timor-Leste since 2002, code TL'],
    ['ZR', 'CD', 'Zaire is the Democratic Republic of the Congo since 1997, code CD'],
  ] as const).map(([from, to, why]) => [from, { from, to, why }]),
);

/** Codes that are not places people live in, or that split: refused, with what to give instead. */
const NOT_PLACES: Readonly<Record<string, { why: string; suggestions: string[] }>> = {
  EU: { why: 'EU is a group of countries, not a place: give each member state (DE, FR …)', suggestions: [] },
  EEA: { why: 'EEA is a group of countries, not a place: give each country (DE, NO …)', suggestions: [] },
  EZ: { why: 'EZ (the eurozone) is a group of countries, not a place: give each country', suggestions: [] },
  UN: { why: 'UN is not a place', suggestions: [] },
  XK: { why: 'XK (Kosovo) is a user-assigned code, not an ISO 3166-1 assignment, and no regime selects it', suggestions: [] },
  AN: { why: 'AN (Netherlands Antilles) was split in 2010', suggestions: ['BQ', 'CW', 'SX'] },
  CS: { why: 'CS (Serbia and Montenegro) was split in 2006', suggestions: ['RS', 'ME'] },
  YU: { why: 'YU (Yugoslavia) no longer exists', suggestions: ['RS', 'ME', 'BA', 'HR', 'MK', 'SI'] },
  SU: { why: 'SU (the USSR) no longer exists', suggestions: ['RU', 'UA', 'BY'] },
  DD: { why: 'DD (East Germany) is part of Germany since 1990', suggestions: ['DE'] },
};

/** Other names people type for a place, for suggestions only (never read as the code). */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  ENGLAND: 'GB', SCOTLAND: 'GB', WALES: 'GB', 'NORTHERN IRELAND': 'GB', BRITAIN: 'GB', 'GREAT BRITAIN': 'GB',
  HOLLAND: 'NL', 'THE NETHERLANDS': 'NL', AMERICA: 'US', USA: 'US', 'UNITED STATES OF AMERICA': 'US', TURKEY: 'TR',
  'CZECH REPUBLIC': 'CZ', 'IVORY COAST': 'CI', MACEDONIA: 'MK', SWAZILAND: 'SZ', BURMA: 'MM', VATICAN: 'VA',
  'CAPE VERDE': 'CV', VIETNAM: 'VN', 'EAST TIMOR': 'TL', 'RUSSIAN FEDERATION': 'RU', KOREA: 'KR', 'WASHINGTON DC': 'US-DC',
};

export const COUNTRY_COUNT = Object.keys(COUNTRIES).length;

/** The name of a code in the table (`GB` → United Kingdom, `US-TX` → Texas), or null when it is not one. */
export function jurisdictionName(code: string): string | null {
  return COUNTRIES[code] ?? US_SUBDIVISIONS[code] ?? null;
}

/** An assigned code exactly as the engine matches it: `DE`, `US`, `US-CA`. */
export function isJurisdictionCode(code: string): boolean {
  return jurisdictionName(code) !== null;
}

/** "GB (United Kingdom)"; the bare code when it is not in the table. */
export function describeJurisdiction(code: string): string {
  const name = jurisdictionName(code);
  return name === null ? code : `${code} (${name})`;
}

/**
 * For files read again and again (runbooks, regimes): null when `code` is exactly an assigned
 * code, else what to write instead — an alias is refused with its code rather than mapped at
 * every read.
 */
export function exactCodeProblem(code: string): string | null {
  if (isJurisdictionCode(code)) return null;
  const check = checkJurisdiction(code);
  return check.ok ? `${code} is not an ISO 3166-1 code: write ${describeJurisdiction(check.code)}` : check.message;
}

export type JurisdictionCheck =
  /** A code (as typed: trimmed, upper-cased) that is, or stands for, `code`. */
  | { ok: true; given: string; code: string; name: string; alias: JurisdictionAlias | null }
  /** `message` is `problem` followed by the suggestions as a question. */
  | { ok: false; given: string; problem: string; message: string; suggestions: string[] };

/** Trimmed and upper-cased: `" uk "` is `UK`. Case is not a difference between codes. */
export function tidyJurisdiction(text: string): string {
  return text.trim().toUpperCase();
}

/**
 * Reads one code: an assigned code, an alias (with the code it stands for), or a refusal that
 * names the nearest valid codes ("XX is not a country code; did you mean AX (Åland Islands) or
 * MX (Mexico)?").
 */
export function checkJurisdiction(text: string): JurisdictionCheck {
  const given = tidyJurisdiction(text);
  const name = jurisdictionName(given);
  if (name !== null) return { ok: true, given, code: given, name, alias: null };
  const alias = JURISDICTION_ALIASES[given];
  if (alias) return { ok: true, given, code: alias.to, name: jurisdictionName(alias.to) ?? alias.to, alias };
  const suggestions = suggestJurisdictions(given);
  const typed = text.trim();
  const problem = problemWith(given, typed.length > 24 ? `"${typed.slice(0, 24)}…"` : /^[A-Z0-9-]+$/.test(typed) ? typed : `"${typed}"`);
  return { ok: false, given, problem, suggestions, message: withSuggestions(problem, suggestions) };
}

/** The problem, then the suggestions as a question. */
function withSuggestions(problem: string, suggestions: string[]): string {
  if (suggestions.length === 0) return problem;
  const list = suggestions.map(describeJurisdiction);
  const alternatives = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
  return `${problem}; did you mean ${alternatives}?`;
}

/** What is wrong with a code, in one sentence (`shown` is the code as typed, quoted when it is not code-like). */
function problemWith(given: string, shown: string): string {
  const special = NOT_PLACES[given];
  if (special) return special.why;
  if (given === '') return 'a jurisdiction code is needed (a country like DE, or a US state like US-CA)';
  if (/^US-/.test(given)) return `${shown} is not a US state or territory (US-AL … US-WY, US-DC, US-PR …)`;
  if (/^US[\s_.]/.test(given) || /^US[A-Z]{2}$/.test(given)) return `${shown} is not written as a US state: they are US-AL … US-WY, US-DC, US-PR …`;
  if (/^[A-Z]{2}[\s_.-]/.test(given) && COUNTRIES[given.slice(0, 2)]) return `${shown} is a subdivision: only US states are told apart, give the country`;
  return `${shown} is not a country code (ISO 3166-1) or a US state (like DE or US-CA)`;
}

const ALL_CODES: readonly string[] = [...Object.keys(COUNTRIES), ...Object.keys(US_SUBDIVISIONS)].sort();
const STATE_CODES: readonly string[] = Object.keys(US_SUBDIVISIONS).map((c) => c.slice(3)).sort();

/** Letters only, upper-case, accents dropped: "Côte d'Ivoire" → "COTE D IVOIRE". */
function plain(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]+/g, ' ').trim();
}

let PLAIN_NAMES: (readonly [string, string])[] | null = null;
/** Each code with its name in plain letters, built once (names are matched on every refusal). */
function plainNames(): readonly (readonly [string, string])[] {
  PLAIN_NAMES ??= ALL_CODES.map((code) => [code, plain(jurisdictionName(code) ?? '')] as const);
  return PLAIN_NAMES;
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps: `ED` is one step from `DE`). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

const MAX_SUGGESTIONS = 4;

/**
 * The nearest valid codes to something that is not one, best first, at most four; deterministic
 * (ties by code). In order of strength: what a retired or special code became; a US state written
 * another way (`US_CA`, `US CA`, `US-Calif`); the country of another country's subdivision
 * (`DE-BY` → DE); a name (`Germany`, `Texas`, `Brit…`); the first letters of a three-letter code
 * (`DEU` → DE); then codes one edit away (`ED` → DE, `XX` → AX, MX), swapped letters first, then
 * those with the same first letter, then the same second letter.
 */
export function suggestJurisdictions(text: string): string[] {
  // Pure and deterministic, so remembered: an assessment reviews the same stored bad code for every board refresh.
  if (text.length > 64) return [];
  const known = SUGGESTED.get(text);
  if (known) return [...known];
  const found = findSuggestions(text);
  if (SUGGESTED.size >= 2_000) SUGGESTED.clear();
  SUGGESTED.set(text, found);
  return [...found];
}

const SUGGESTED = new Map<string, readonly string[]>();

function findSuggestions(text: string): string[] {
  const given = tidyJurisdiction(text);
  if (given === '' || given.length > 60) return [];
  const scored = new Map<string, number>();
  const offer = (code: string, score: number): void => {
    if (!isJurisdictionCode(code) || code === given) return;
    const old = scored.get(code);
    if (old === undefined || score < old) scored.set(code, score);
  };
  const ranked = (): string[] => [...scored].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, MAX_SUGGESTIONS).map(([code]) => code);

  // Special and retired codes say what to give instead, and nothing else is near enough to guess.
  const special = NOT_PLACES[given];
  if (special) return special.suggestions.slice(0, MAX_SUGGESTIONS * 2);
  const alias = JURISDICTION_ALIASES[given];
  if (alias) offer(alias.to, 0);

  const us = /^US[\s_.-]*([A-Z]{2})$/.exec(given);
  const usNamed = /^US[\s_.-]+([A-Z][A-Z\s.]{2,})$/.exec(given);
  if (us) {
    const state = us[1] as string;
    if (US_SUBDIVISIONS[`US-${state}`]) return [`US-${state}`];
    for (const s of STATE_CODES) {
      const d = editDistance(s, state);
      if (d === 1) offer(`US-${s}`, s[0] === state[0] ? 2 : 2.5);
    }
    offer('US', 3);
    return ranked();
  }
  if (usNamed) {
    const words = plain(usNamed[1] as string);
    for (const [code, name] of Object.entries(US_SUBDIVISIONS)) if (plain(name).startsWith(words)) offer(code, 1);
    offer('US', 3);
    return ranked();
  }
  const sub = /^([A-Z]{2})[\s_.-]+[A-Z0-9]{1,3}$/.exec(given);
  if (sub) offer(sub[1] as string, 0);

  const words = plain(text);
  if (words.length >= 3) {
    const other = OTHER_NAMES[words];
    if (other) offer(other, 0);
    for (const [code, name] of plainNames()) {
      if (name === words) offer(code, 0);
      else if (name.startsWith(words)) offer(code, 1);
      else if (name.split(' ').some((w) => w.length >= 3 && w.startsWith(words))) offer(code, 1.5);
    }
    for (const [name, code] of Object.entries(OTHER_NAMES)) if (name.startsWith(words)) offer(code, 1);
  }

  if (/^[A-Z]{3}$/.test(given)) {
    offer(given.slice(0, 2), 1.2);
    offer(`${given[0]}${given[2]}`, 1.4);
  }

  if (/^[A-Z]{2}$/.test(given)) {
    for (const code of Object.keys(COUNTRIES)) {
      if (editDistance(code, given) !== 1) continue;
      offer(code, code === `${given[1]}${given[0]}` ? 1.8 : code[0] === given[0] ? 2 : code[1] === given[1] ? 2.5 : 2.8);
    }
  }
  return ranked();
}

/** One alias read as its code: what the UI shows inline, the CLI on stderr, and the log records. */
export interface JurisdictionMapping {
  /** Where it was given: `affected`, `establishedIn`, or an input step's name. */
  field: string;
  from: string;
  to: string;
}

/** "UK → GB (United Kingdom)". */
export function describeMapping(m: Pick<JurisdictionMapping, 'from' | 'to'>): string {
  return `${m.from} → ${describeJurisdiction(m.to)}`;
}

/**
 * Codes as the engine matches them: aliases replaced by their code (each mapping returned, once),
 * case tidied; anything that is not a code is kept as it is for the caller's validation to refuse
 * (input schemas) or report (stored data).
 */
export function normalizeJurisdictions(codes: readonly string[], field: string): { codes: string[]; mapped: JurisdictionMapping[] } {
  const mapped: JurisdictionMapping[] = [];
  const out = codes.map((c) => {
    const check = checkJurisdiction(c);
    if (!check.ok) return c;
    if (check.alias && !mapped.some((m) => m.from === check.given)) mapped.push({ field, from: check.given, to: check.code });
    return check.code;
  });
  return { codes: out, mapped };
}

/** `normalizeJurisdictions` for counts of people per jurisdiction. */
export function normalizeAffectedCounts<T extends { jurisdiction: string }>(rows: readonly T[], field = 'affected'): { rows: T[]; mapped: JurisdictionMapping[] } {
  const { codes, mapped } = normalizeJurisdictions(rows.map((r) => r.jurisdiction), field);
  return { rows: rows.map((r, i) => ({ ...r, jurisdiction: codes[i] as string })), mapped };
}

/**
 * What an assessment says about the codes it read: an alias read as its code (`mapped`), or a
 * stored code that is no jurisdiction at all (`invalid`: nothing matches it, so a regime it would
 * decide stays undetermined). `stored` codes were written before codes were checked and are shown
 * until someone corrects them; nothing rewrites them.
 */
export interface JurisdictionNote {
  field: 'affected' | 'establishedIn';
  kind: 'mapped' | 'invalid';
  /** The code as given or stored. */
  given: string;
  /** The code it was read as (`mapped`), else null. */
  code: string | null;
  /** People recorded under it (`affected`), else null. */
  count: number | null;
  stored: boolean;
  suggestions: string[];
  message: string;
}

/** Notes for the codes in stored facts that are not assigned codes (aliases and invalid ones), in the order stored. */
export function reviewStoredJurisdictions(facts: { affected: readonly { jurisdiction: string; count: number }[]; establishedIn: readonly string[] }): JurisdictionNote[] {
  const notes: JurisdictionNote[] = [];
  const review = (field: JurisdictionNote['field'], given: string, count: number | null): void => {
    if (isJurisdictionCode(given)) return;
    const check = checkJurisdiction(given);
    const where = field === 'affected' ? `${count === null ? '' : `${count} ${count === 1 ? 'person' : 'people'} `}recorded under ${given}` : `Established in ${given}`;
    const fix = field === 'affected' ? "Correct it in the incident's affected people." : 'Correct it in the breach facts (Established in).';
    if (check.ok) {
      notes.push({
        field, kind: 'mapped', given, code: check.code, count, stored: true, suggestions: [check.code],
        message: `${capitalize(where)}: ${given} is not a jurisdiction code, so it is read as ${describeJurisdiction(check.code)} (${check.alias?.why ?? ''}). ${fix}`,
      });
    } else {
      const nearest = check.suggestions.length > 0 ? ` Nearest codes: ${check.suggestions.map(describeJurisdiction).join(', ')}.` : '';
      notes.push({
        field, kind: 'invalid', given, code: null, count, stored: true, suggestions: check.suggestions,
        message: `${capitalize(where)}: ${check.problem}. No regime can match it, so the regimes it could decide stay undetermined.${nearest} ${fix}`,
      });
    }
  };
  for (const a of facts.affected) review('affected', a.jurisdiction, a.count);
  for (const e of facts.establishedIn) review('establishedIn', e, null);
  return notes;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The notes for aliases mapped in this request (the input is already normalized and the mapping logged where it is stored). */
export function mappingNotes(mapped: readonly JurisdictionMapping[]): JurisdictionNote[] {
  return mapped.map((m) => ({
    field: m.field === 'establishedIn' ? 'establishedIn' : 'affected',
    kind: 'mapped',
    given: m.from,
    code: m.to,
    count: null,
    stored: false,
    suggestions: [m.to],
    message: `${describeMapping(m)}: ${JURISDICTION_ALIASES[m.from]?.why ?? `${m.from} is read as ${m.to}`}.`,
  }));
}
