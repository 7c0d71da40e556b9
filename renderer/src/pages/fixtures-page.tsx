import { type ReactNode, useCallback } from 'react';

import { EnvironmentPicker } from '../components/environment-picker';
import { FilePicker } from '../components/fixtures/file-picker';
import { PreviewPanel } from '../components/fixtures/preview-panel';
import { useFixturesStore } from '../stores/fixtures-store';
import { useSelectedEnvironment } from '../stores/use-selected-environment';

/** Fixture import: a Django fixture or a TTN capture, previewed against the environment's database, then imported. */
export function FixturesPage(): ReactNode {
  const selectEnvironment = useFixturesStore((s) => s.selectEnvironment);
  const environment = useSelectedEnvironment(
    useCallback((name: string) => selectEnvironment(name), [selectEnvironment]),
  );
  const preview = useFixturesStore((s) => s.preview);
  const importing = useFixturesStore((s) => s.importing);

  return (
    <section className="fixtures-page" aria-labelledby="fixtures-title">
      <h1 id="fixtures-title">Fixture import</h1>
      <EnvironmentPicker />
      {!environment ? (
        <p className="state">Choose an environment to import into.</p>
      ) : (
        <>
          <FilePicker disabled={preview.status === 'running' || importing.status === 'running'} />
          <PreviewPanel preview={preview} />
        </>
      )}
    </section>
  );
}
