import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../contract';
import { App } from './App';
import { StartupError } from './components/shell/StartupError';
import { applyTheme, readThemePreference } from './lib/theme';
import { selectTransport } from './transport/selectTransport';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/screens.css';
import './styles/runbooks.css';
import './styles/backups.css';
import './styles/notify.css';
import './styles/users.css';
import './styles/phases.css';
import './styles/review.css';
import './styles/dashboard.css';

// Before the first paint, so a dark-mode user never sees a white flash (no inline script under the CSP).
applyTheme(readThemePreference());

const container = document.getElementById('root');
if (container === null) throw new Error('index.html lost its #root');
const root = createRoot(container);

selectTransport().then(
  (transport) =>
    root.render(
      <StrictMode>
        <App client={createClient(transport)} />
      </StrictMode>,
    ),
  (error: unknown) => root.render(<StartupError message={error instanceof Error ? error.message : String(error)} />),
);
