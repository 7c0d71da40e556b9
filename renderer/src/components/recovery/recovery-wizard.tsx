import type { ReactNode } from 'react';

import { LoadView } from '../../shell/load-view';
import { recoverySteps, useRecoveryStore } from '../../stores/recovery-store';
import { RecoveryFetch } from './recovery-fetch';
import { RecoveryGaps } from './recovery-gaps';
import { RecoveryImport } from './recovery-import';
import { RecoveryPreview } from './recovery-preview';
import { RecoveryReport } from './recovery-report';
import { RecoverySourceStep } from './recovery-source-step';

/** The six steps, one at a time, with where the user is. */
export function RecoveryWizard({ environment }: { environment: string }): ReactNode {
  const step = useRecoveryStore((s) => s.step);
  const source = useRecoveryStore((s) => s.source);
  const load = useRecoveryStore((s) => s.load);
  const plan = useRecoveryStore((s) => s.plan);
  const findGaps = useRecoveryStore((s) => s.findGaps);
  const fetch = useRecoveryStore((s) => s.fetch);
  const preview = useRecoveryStore((s) => s.preview);
  const importing = useRecoveryStore((s) => s.importing);
  const report = useRecoveryStore((s) => s.report);
  // The preview replaces the fetch's progress once the comparison with the database is done.
  const shown = step === 'Fetch' && preview ? 'Preview' : step;
  const current = recoverySteps.indexOf(shown);

  return (
    <>
      <ol className="recovery-steps" aria-label="Steps">
        {recoverySteps.map((name, index) => (
          <li
            key={name}
            className={index === current ? 'current' : index < current ? 'done' : undefined}
            aria-current={index === current ? 'step' : undefined}
          >
            {index + 1}. {name}
          </li>
        ))}
      </ol>
      {shown === 'Application' && (
        <LoadView state={source} what="the environment's TTN applications" onRetry={() => void load(environment)}>
          {(data) => <RecoverySourceStep source={data} />}
        </LoadView>
      )}
      {shown === 'Gaps' && (
        <LoadView state={plan} what="the gaps" onRetry={() => void findGaps()}>
          {(data) => <RecoveryGaps plan={data} />}
        </LoadView>
      )}
      {shown === 'Fetch' && fetch && <RecoveryFetch fetch={fetch} />}
      {shown === 'Preview' && preview && <RecoveryPreview preview={preview} />}
      {shown === 'Import' && importing && <RecoveryImport importing={importing} />}
      {shown === 'Report' && report && <RecoveryReport report={report} />}
    </>
  );
}
