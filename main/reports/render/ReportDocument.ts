import type { TlpLevel } from '../../../contract';

/**
 * A report as a small, typed document that every renderer (Markdown, HTML, PDF, DOCX) draws the
 * same way. Any report — the incident report, a period report — is a `ReportMeta` and a stream of
 * `Block`s; see docs/reports.md ("The document model") for how to write one.
 *
 * The blocks are a stream, not a tree, so that a report of 10,000 events is never held whole: a
 * producer yields a `table` block with its first rows, then as many `rows` blocks as it has pages,
 * and the renderers write each as it comes (PDF, Markdown and HTML keep only their output; DOCX,
 * whose library builds the document at the end, keeps its paragraphs).
 *
 * All text is plain text: renderers escape it for their format. Only `markdown` blocks are read as
 * Markdown, and only its subset (parseMarkdown.ts): paragraphs, `-`/`*` bullet lists, **bold**,
 * *italic*, `code` and fenced code blocks; anything else shows as the characters typed.
 */
export interface ReportMeta {
  /** The document's title (first line of the first page, the HTML <title>, PDF/DOCX metadata). */
  title: string;
  /** A line under the title ("Incident report", "Quarterly report Q3 2026"). */
  subtitle: string;
  /** TLP 2.0 marking: top of the first page and the header of every page (PDF, DOCX), top and bottom (Markdown, HTML). */
  tlp: TlpLevel;
  /**
   * Printed across every page (PDF), in every page header (DOCX), and at the top of the document
   * and of every level-1 section (all formats): e.g. contract EXERCISE_MARKING. Null for none.
   */
  watermark: string | null;
  /** Key facts under the title (reference, status, generated at/by …). */
  header: KeyValue[];
  /** The running footer's left part (PDF, DOCX); page numbers go on the right. */
  footer: string;
  /** For the file's metadata (PDF CreationDate, DOCX created), ISO 8601. */
  generatedAt: string;
  /** Author in the file's metadata. */
  author: string;
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface TableColumn {
  header: string;
  /** Relative width (PDF, DOCX): columns share the page width in proportion. Default 1. */
  weight?: number;
  align?: 'left' | 'right';
  /** Monospace (hashes, identifiers). */
  mono?: boolean;
}

/** A bar or line chart: one value per label and series, in `unit`; null is a gap ("unknown", or `gap`). */
export interface Chart {
  type: 'bar' | 'line';
  title: string;
  unit: string;
  labels: string[];
  /** `texts`: how each value is written where its number in `unit` reads badly (a drill's 0.14 s on a minutes axis); default formatChartValue. */
  series: { name: string; values: (number | null)[]; texts?: (string | null)[] }[];
  /** What a gap means, written where it is (bar charts) and in the values table: default "unknown"; e.g. "no incidents", "none due". */
  gap?: string;
  /** A fixed top of the y axis (100 for a percentage), so a low rate is not drawn as a tall bar; default: fitted to the values. */
  max?: number;
}

export type Block =
  /** Level 1 starts a section (a new page in PDF when `newPage`), 2 and 3 are sub-headings. */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; newPage?: boolean }
  /** Markdown subset (see above): the only block whose text is read as markup. */
  | { kind: 'markdown'; text: string }
  /** A plain-text paragraph. */
  | { kind: 'paragraph'; text: string; tone?: 'normal' | 'muted' | 'warning' }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'keyValues'; items: KeyValue[] }
  /** A table; more rows may follow as `rows` blocks (a page at a time) until any other block. */
  | { kind: 'table'; caption?: string; columns: TableColumn[]; rows: string[][]; empty?: string }
  | { kind: 'rows'; rows: string[][] }
  | { kind: 'chart'; chart: Chart };

export type BlockKind = Block['kind'];

/** Where blocks come from: an array for a small report, an async generator that reads pages for a large one. */
export type BlockSource = Iterable<Block> | AsyncIterable<Block>;
