import { createColumnHelper } from '@tanstack/react-table';
import type { IncidentRow } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatRelative } from '../../lib/formatRelative';
import { humanize } from '../../lib/humanize';
import { ExerciseBadge } from '../common/ExerciseBadge';
import { SeverityBadge } from '../common/SeverityBadge';
import { StatusBadge } from '../common/StatusBadge';

/** One rendered row of the virtual list: `incident` is undefined while its page is loading. */
export interface GridRow {
  index: number;
  incident: IncidentRow | undefined;
}


const col = createColumnHelper<GridRow>();
const skeleton = <span className="skeleton" aria-hidden="true" />;

/** Column ids equal the API's sortable field names, so the table's sort state maps 1:1 onto the query. */
export const incidentColumns = [
  col.accessor((r) => r.incident?.ref, {
    id: 'ref', header: 'Ref', enableHiding: false,
    cell: ({ row }) => (row.original.incident ? <span className="mono ref">{row.original.incident.ref}</span> : skeleton),
  }),
  col.accessor((r) => r.incident?.severity, {
    id: 'severity', header: 'Severity',
    cell: ({ row }) => (row.original.incident ? <SeverityBadge severity={row.original.incident.severity} /> : skeleton),
  }),
  col.accessor((r) => r.incident?.status, {
    id: 'status', header: 'Status',
    cell: ({ row }) => (row.original.incident ? <StatusBadge status={row.original.incident.status} /> : skeleton),
  }),
  col.accessor((r) => r.incident?.title, {
    id: 'title', header: 'Title', enableHiding: false,
    // An exercise's badge leads its title: the title column is never hidden and is read first.
    cell: ({ row }) => {
      const i = row.original.incident;
      if (!i) return skeleton;
      return i.exercise ? <><ExerciseBadge /> <span className="title-cell">{i.title}</span></> : <span className="title-cell">{i.title}</span>;
    },
  }),
  col.accessor((r) => r.incident?.category, {
    id: 'category', header: 'Category',
    cell: ({ row }) => (row.original.incident ? humanize(row.original.incident.category) : skeleton),
  }),
  col.accessor((r) => r.incident?.owner, {
    id: 'owner', header: 'Owner',
    cell: ({ row }) => {
      const i = row.original.incident;
      if (!i) return skeleton;
      return i.owner ? i.owner : <span className="muted">Unassigned</span>;
    },
  }),
  col.accessor((r) => r.incident?.tags, {
    id: 'tags', header: 'Tags', enableSorting: false,
    cell: ({ row }) => {
      const i = row.original.incident;
      if (!i) return skeleton;
      return (
        <span className="tag-list">
          {i.tags.slice(0, 3).map((t) => (
            <span key={t} className="tag">{t}</span>
          ))}
          {i.tags.length > 3 && <span className="muted">+{i.tags.length - 3}</span>}
        </span>
      );
    },
  }),
  col.accessor((r) => r.incident?.detectedAt, {
    id: 'detectedAt', header: 'Detected', sortDescFirst: true,
    cell: ({ row }) => (row.original.incident ? <time dateTime={row.original.incident.detectedAt}>{formatDateTime(row.original.incident.detectedAt)}</time> : skeleton),
  }),
  col.accessor((r) => r.incident?.updatedAt, {
    id: 'updatedAt', header: 'Updated', sortDescFirst: true,
    cell: ({ row }) => {
      const i = row.original.incident;
      if (!i) return skeleton;
      return (
        <time dateTime={i.updatedAt} title={formatDateTime(i.updatedAt, true)}>
          {formatRelative(i.updatedAt)}
        </time>
      );
    },
  }),
];

export const HIDEABLE_COLUMNS = ['severity', 'status', 'category', 'owner', 'tags', 'detectedAt', 'updatedAt'] as const;
export const COLUMN_LABELS: Record<string, string> = {
  ref: 'Ref', severity: 'Severity', status: 'Status', title: 'Title', category: 'Category', owner: 'Owner',
  tags: 'Tags', detectedAt: 'Detected', updatedAt: 'Updated',
};
export const DEFAULT_VISIBILITY: Record<string, boolean> = { tags: false };
