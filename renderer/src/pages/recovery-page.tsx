import { type ReactNode, useCallback } from 'react';

import { EnvironmentPicker } from '../components/environment-picker';
import { RecoveryWizard } from '../components/recovery/recovery-wizard';
import { useRecoveryStore } from '../stores/recovery-store';
import { useSelectedEnvironment } from '../stores/use-selected-environment';

/** The recovery wizard: samples a forwarder lost, fetched back from TTN's Storage Integration. */
export function RecoveryPage(): ReactNode {
  const load = useRecoveryStore((s) => s.load);
  const environment = useSelectedEnvironment(useCallback((name: string) => void load(name), [load]));
  return (
    <section className="recovery-page" aria-labelledby="recovery-title">
      <h1 id="recovery-title">Recovery</h1>
      <EnvironmentPicker />
      {environment ? (
        <RecoveryWizard environment={environment} />
      ) : (
        <p className="state">Choose an environment to recover its lost samples.</p>
      )}
    </section>
  );
}
