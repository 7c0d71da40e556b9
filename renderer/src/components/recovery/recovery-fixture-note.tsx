import type { ReactNode } from 'react';

import { useRecoveryStore } from '../../stores/recovery-store';
import { plural } from './recovery-format';

/** Where "Write as fixture" put the file, or why it could not. */
export function RecoveryFixtureNote(): ReactNode {
  const fixture = useRecoveryStore((s) => s.fixture);
  if (fixture.status === 'ready') {
    return (
      <p className="recovery-fixture" data-testid="recovery-fixture">
        Wrote {plural(fixture.data.records, 'core.sample record')} to <code>{fixture.data.path}</code>
      </p>
    );
  }
  if (fixture.status === 'failed') return <p className="state-error">Could not write the fixture: {fixture.message}</p>;
  return null;
}
