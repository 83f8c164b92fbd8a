import type { VisibilityState } from '@tanstack/react-table';
import { MenuButton } from '../common/MenuButton';
import { COLUMN_LABELS, HIDEABLE_COLUMNS } from './incidentColumns';

export function ColumnChooser({ visibility, onChange }: { visibility: VisibilityState; onChange: (v: VisibilityState) => void }) {
  return (
    <MenuButton label="Columns" icon="columns" align="right" panelLabel="Visible columns">
      <div className="checkbox-list">
        {HIDEABLE_COLUMNS.map((id, i) => (
          <label key={id} className="check-row">
            <input
              type="checkbox"
              checked={visibility[id] !== false}
              onChange={(e) => onChange({ ...visibility, [id]: e.target.checked })}
              autoFocus={i === 0}
            />
            {COLUMN_LABELS[id]}
          </label>
        ))}
      </div>
    </MenuButton>
  );
}
