import { type ReactNode, useCallback } from 'react';

import type { DeployPlan } from '../../../electron/contract';
import { FileProblems } from '../components/deploy/file-problems';
import { DeployHistory } from '../components/deploy/deploy-history';
import { PlanDiff } from '../components/deploy/plan-diff';
import { RunProgress } from '../components/deploy/run-progress';
import { EnvironmentPicker } from '../components/environment-picker';
import { LoadView } from '../shell/load-view';
import { useDeployStore } from '../stores/deploy-store';
import { isRunning } from '../stores/deploy-run';
import { useSelectedEnvironment } from '../stores/use-selected-environment';

/** Plan, deploy, follow, and roll back the selected environment's stack. */
export function DeployPage(): ReactNode {
  const { plan, history, run, load, deploy, rollback } = useDeployStore();
  const environment = useSelectedEnvironment(useCallback((name: string) => void load(name), [load]));
  const running = isRunning(run);

  return (
    <section className="deploy-page" aria-labelledby="deploy-title">
      <header className="page-head">
        <h1 id="deploy-title">Deploy</h1>
        <EnvironmentPicker />
      </header>
      {!environment ? (
        <p className="state">Choose an environment to see what a deploy would change.</p>
      ) : (
        <>
          {run && run.environment === environment && <RunProgress run={run} />}
          <section aria-labelledby="plan-title" className="panel">
            <div className="panel-head">
              <h2 id="plan-title">Plan</h2>
              {/* The files may have changed since: the plan is made again from them and the live stack. */}
              <button type="button" disabled={running} onClick={() => void load(environment)}>
                Plan again
              </button>
            </div>
            <LoadView state={plan} what="the plan" onRetry={() => void load(environment)}>
              {(answer) => <PlanView answer={answer} running={running} onDeploy={deploy} />}
            </LoadView>
          </section>
          <section aria-labelledby="history-title" className="panel">
            <h2 id="history-title">History</h2>
            <LoadView state={history} what="the history" onRetry={() => void load(environment)}>
              {(revisions) => <DeployHistory revisions={revisions} canRollBack={!running} onRollBack={rollback} />}
            </LoadView>
          </section>
        </>
      )}
    </section>
  );
}

interface PlanViewProps {
  answer: DeployPlan;
  running: boolean;
  onDeploy: () => void;
}

function PlanView({ answer, running, onDeploy }: PlanViewProps): ReactNode {
  if (!answer.plan) {
    return (
      <div role="alert">
        <p className="state-error">
          {answer.environment} cannot be deployed until these problems are fixed in its files:
        </p>
        <FileProblems problems={answer.problems} />
      </div>
    );
  }
  return (
    <>
      <FileProblems problems={answer.problems} />
      <PlanDiff plan={answer.plan} />
      {!answer.plan.noChanges && (
        <div className="actions plan-actions">
          <button type="button" className="primary" disabled={running} onClick={onDeploy}>
            {running ? 'Deploying…' : `Deploy to ${answer.environment}`}
          </button>
        </div>
      )}
    </>
  );
}
