import { useTheme } from '../../hooks/useTheme';
import type { ThemePreference } from '../../lib/theme';
import { Icon, type IconName } from '../common/Icon';

const OPTIONS: [ThemePreference, string, IconName][] = [['system', 'System', 'monitor'], ['light', 'Light', 'sun'], ['dark', 'Dark', 'moon']];

export function AppearanceSettings({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  const [theme, setTheme] = useTheme();
  return (
    <section className="card" aria-labelledby="appearance-title">
      <div className="card-header"><h2 id="appearance-title">Appearance and keyboard</h2></div>
      <div className="card-body form">
        <div className="field">
          <span className="label" id="theme-label">Theme</span>
          <div className="segmented segmented-inline" role="radiogroup" aria-labelledby="theme-label">
            {OPTIONS.map(([value, label, icon]) => (
              <label key={value} className={`segment${theme === value ? ' is-checked' : ''}`}>
                <input type="radio" name="theme" value={value} checked={theme === value} onChange={() => setTheme(value)} />
                <Icon name={icon} size={14} />
                <span>{label}</span>
              </label>
            ))}
          </div>
        </div>
        <div>
          <button type="button" className="btn btn-secondary" onClick={onShowShortcuts}>
            <Icon name="keyboard" size={14} />
            Keyboard shortcuts
          </button>
        </div>
      </div>
    </section>
  );
}
