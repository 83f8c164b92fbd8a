import type { IncidentFields, SortableField } from '../../contract';

/**
 * Field → column; `json` columns hold arrays. One table so create, update and read agree.
 * `sealed` columns hold personal data as an envelope (JSON text, main/pii) or null since migration 300.
 */
export const FIELD_COLUMNS: Record<keyof IncidentFields, { column: string; json?: true; bool?: true; sealed?: true }> = {
  title: { column: 'title' },
  summary: { column: 'summary' },
  category: { column: 'category' },
  severity: { column: 'severity' },
  owner: { column: 'owner' },
  tags: { column: 'tags', json: true },
  startedAt: { column: 'started_at' },
  detectedAt: { column: 'detected_at' },
  triagedAt: { column: 'triaged_at' },
  containedAt: { column: 'contained_at' },
  eradicatedAt: { column: 'eradicated_at' },
  recoveredAt: { column: 'recovered_at' },
  closedAt: { column: 'closed_at' },
  dataCategories: { column: 'data_categories', json: true },
  affected: { column: 'affected', json: true },
  reporterName: { column: 'reporter_name', sealed: true },
  reporterEmail: { column: 'reporter_email', sealed: true },
  reporterPhone: { column: 'reporter_phone', sealed: true },
  affectedPeople: { column: 'affected_people', json: true, sealed: true },
  exercise: { column: 'exercise', bool: true },
};

/** The sort by title reads the title as a role without pii:read is shown it (migration 0241): the order of masked titles must not follow the names they hide. */
export const SORT_COLUMNS: Record<SortableField, string> = {
  ref: 'id',
  title: 'search_title COLLATE NOCASE',
  category: 'category',
  severity: 'severity',
  status: 'status_rank',
  owner: 'owner',
  detectedAt: 'detected_at',
  updatedAt: 'updated_at',
};
