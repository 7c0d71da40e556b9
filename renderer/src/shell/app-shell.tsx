import type { ReactNode } from 'react';

import { ConfirmationDialog } from '../components/confirmation-dialog';
import { ActivityPage } from '../pages/activity-page';
import { DatabasePage } from '../pages/database-page';
import { DeployPage } from '../pages/deploy-page';
import { EnvironmentsPage } from '../pages/environments-page';
import { FixturesPage } from '../pages/fixtures-page';
import { LogsPage } from '../pages/logs-page';
import { OverviewPage } from '../pages/overview-page';
import { RecoveryPage } from '../pages/recovery-page';
import { ServicesPage } from '../pages/stack-services-page';
import { StoragePage } from '../pages/storage-page';
import { UplinksPage } from '../pages/uplinks-page';
import { type PageId, pages, useNavigationStore } from '../stores/navigation-store';

const pageViews: Record<PageId, () => ReactNode> = {
  overview: OverviewPage,
  environments: EnvironmentsPage,
  deploy: DeployPage,
  services: ServicesPage,
  logs: LogsPage,
  storage: StoragePage,
  database: DatabasePage,
  recovery: RecoveryPage,
  fixtures: FixturesPage,
  uplinks: UplinksPage,
  activity: ActivityPage,
};

export function AppShell(): ReactNode {
  const page = useNavigationStore((s) => s.page);
  const open = useNavigationStore((s) => s.open);
  const Page = pageViews[page];

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Clair</div>
        <ul>
          {pages.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={p.id === page ? 'nav-item active' : 'nav-item'}
                aria-current={p.id === page ? 'page' : undefined}
                onClick={() => open(p.id)}
              >
                {p.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <Page />
      </main>
      <ConfirmationDialog />
    </div>
  );
}
