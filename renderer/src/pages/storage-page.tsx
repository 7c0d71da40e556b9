import { type ReactNode, useCallback, useState } from 'react';

import type { StoredSecret } from '../../../electron/contract';
import { EnvironmentPicker } from '../components/environment-picker';
import { RotateSecretWizard } from '../components/storage/rotate-secret-wizard';
import { StorageTable } from '../components/storage/storage-table';
import { LoadView } from '../shell/load-view';
import { useSelectedEnvironment } from '../stores/use-selected-environment';
import { useStorageStore } from '../stores/storage-store';

/** Which volumes, secrets and configs the stack declares and the swarm holds, who uses each. */
export function StoragePage(): ReactNode {
  const list = useStorageStore((s) => s.list);
  const load = useStorageStore((s) => s.load);
  const environment = useSelectedEnvironment(useCallback((name: string) => void load(name), [load]));
  const creating = useStorageStore((s) => s.creating);
  const notice = useStorageStore((s) => s.notice);
  const createVolumes = useStorageStore((s) => s.createVolumes);
  const [rotating, setRotating] = useState<string | undefined>(undefined);

  return (
    <section className="storage-page" aria-labelledby="storage-title">
      <h1 id="storage-title">Volumes &amp; secrets</h1>
      <EnvironmentPicker />
      {!environment ? (
        <p className="state">Choose an environment to see its volumes and secrets.</p>
      ) : (
        <LoadView state={list} what="the volumes and secrets" onRetry={() => void load(environment)}>
          {(data) => {
            const missingVolumes = data.volumes.filter((volume) => volume.status === 'missing').length;
            const rotatable = data.secrets.filter((secret): secret is StoredSecret & { key: string } =>
              Boolean(secret.rotatable && secret.key),
            );
            return (
              <>
                {notice && (
                  <div className={`banner ${notice.kind === 'done' ? 'banner-ok' : 'banner-error'}`} role="status">
                    {notice.message}
                  </div>
                )}
                <div className="storage-toolbar">
                  <button
                    type="button"
                    disabled={missingVolumes === 0 || creating}
                    onClick={() => void createVolumes()}
                  >
                    {creating
                      ? 'Creating…'
                      : missingVolumes === 0
                        ? 'No volume missing'
                        : `Create ${missingVolumes} missing volume${missingVolumes === 1 ? '' : 's'}`}
                  </button>
                </div>
                <StorageTable
                  title="Volumes"
                  testId="volumes"
                  objects={data.volumes}
                  empty="The stack declares no volume."
                />
                <StorageTable
                  title="Secrets"
                  testId="secrets"
                  objects={data.secrets}
                  empty="The stack declares no secret."
                  action={(secret) =>
                    secret.rotatable && secret.key ? (
                      <button type="button" onClick={() => setRotating(secret.key)}>
                        Rotate…
                      </button>
                    ) : null
                  }
                />
                <StorageTable
                  title="Configs"
                  testId="configs"
                  objects={data.configs}
                  empty="The stack declares no config."
                />
                {rotating && (
                  <RotateSecretWizard secrets={rotatable} initial={rotating} onClose={() => setRotating(undefined)} />
                )}
              </>
            );
          }}
        </LoadView>
      )}
    </section>
  );
}
