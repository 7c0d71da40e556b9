import { type ReactNode, useEffect } from 'react';

import { useEnvironmentsStore } from '../stores/environments-store';
import { useSelectionStore } from '../stores/selection-store';
import { ClassBadge } from './environments/class-badge';

/**
 * The environment the screen acts on, chosen among the deployable ones (real env files, not
 * examples) and shared by every screen through the selection store.
 */
export function EnvironmentPicker(): ReactNode {
  const environments = useEnvironmentsStore((s) => s.environments);
  const load = useEnvironmentsStore((s) => s.load);
  const selected = useSelectionStore((s) => s.environment);
  const select = useSelectionStore((s) => s.select);
  useEffect(() => {
    if (environments.status === 'idle') void load();
  }, [environments.status, load]);

  if (environments.status === 'failed') {
    return (
      <div className="environment-picker" role="alert">
        Could not load the environments: {environments.message}{' '}
        <button type="button" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  }
  const deployable = environments.status === 'ready' ? environments.data.filter((env) => !env.isExample) : [];
  const current = deployable.find((env) => env.name === selected);
  return (
    <div className="environment-picker">
      <label>
        Environment{' '}
        <select
          value={current?.name ?? ''}
          disabled={environments.status !== 'ready' || deployable.length === 0}
          onChange={(event) => select(event.target.value)}
        >
          <option value="" disabled>
            {environments.status !== 'ready'
              ? 'Loading…'
              : deployable.length === 0
                ? 'No environment yet: add one on the Environments screen'
                : 'Choose an environment'}
          </option>
          {deployable.map((env) => (
            <option key={env.name} value={env.name}>
              {env.name} ({env.class})
            </option>
          ))}
        </select>
      </label>
      {current && <ClassBadge environmentClass={current.class} />}
    </div>
  );
}
