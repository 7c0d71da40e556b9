import './styles/base.css';
import './styles/environments.css';
import './styles/deploy.css';
import './styles/secrets-settings.css';
import './styles/logs.css';
import './styles/stack-services.css';
import './styles/uplinks.css';
import './styles/recovery.css';
import './styles/fixtures.css';
import './styles/database.css';
import './styles/sql.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { AppShell } from './shell/app-shell';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks the #root element');
createRoot(root).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
