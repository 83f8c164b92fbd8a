/**
 * The reports vocabulary as plain constants, without zod (see contract/incidentTerms.ts for why):
 * the CLI's command table and help import these, so `firebreak --help` loads no schema library.
 */

/** The file formats every report renders to (main/reports/render). */
export const REPORT_FORMATS = ['pdf', 'docx', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Traffic Light Protocol 2.0 (FIRST, https://www.first.org/tlp/): who the recipient may share the
 * report with. Chosen at export and printed on every page. AMBER is the default for an incident
 * report: limited to the recipient's organisation and its clients on a need-to-know basis.
 */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'red'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];
export const DEFAULT_TLP: TlpLevel = 'amber';

/** What each marking means, in FIRST's words (shortened): printed under the marking in the header. */
export const TLP_MEANING: Record<TlpLevel, string> = {
  clear: 'Disclosure is not limited.',
  green: 'Limited disclosure: the recipient may share it within their community, not publicly.',
  amber: 'Limited disclosure: the recipient may share it only within their organisation and its clients, on a need-to-know basis.',
  red: 'For the eyes and ears of individual recipients only: no further disclosure.',
};
