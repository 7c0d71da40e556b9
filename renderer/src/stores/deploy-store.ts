import { create } from 'zustand';

import type { DeployEvent, DeployPlan, DeployRevision, StreamListener, Unsubscribe } from '../../../electron/contract';
import { clair } from '../api/clair';
import { useConfirmationStore } from './confirmation-store';
import { type DeployRun, isRunning, runEnded, runWithEvent, startRun } from './deploy-run';
import { failedState, type LoadState } from './load-state';

type OpenRun = (confirm: string | undefined, listener: StreamListener<DeployEvent>) => Unsubscribe;

interface DeployStore {
  /** The environment the plan and history below belong to. */
  environment: string | undefined;
  plan: LoadState<DeployPlan>;
  history: LoadState<DeployRevision[]>;
  /** The latest deploy or rollback, kept visible after it ends. */
  run: DeployRun | undefined;
  load: (environment: string) => Promise<void>;
  /** Deploys the plan on screen (its fingerprint), asking for the typed name where needed. */
  deploy: () => void;
  rollback: (revision: number) => void;
}

export const useDeployStore = create<DeployStore>()((set, get) => {
  const loadPlan = async (environment: string) => {
    set({ plan: { status: 'loading' } });
    try {
      const plan = await clair.deploy.plan({ environment });
      if (get().environment === environment) set({ plan: { status: 'ready', data: plan } });
    } catch (error) {
      if (get().environment === environment) set({ plan: failedState(error) });
    }
  };
  const loadHistory = async (environment: string) => {
    set({ history: { status: 'loading' } });
    try {
      const history = await clair.deploy.history({ environment });
      if (get().environment === environment) set({ history: { status: 'ready', data: history } });
    } catch (error) {
      if (get().environment === environment) set({ history: failedState(error) });
    }
  };

  /**
   * Opens the run's stream; when the engine wants the environment's name typed, asks for it and
   * opens the stream again with it (nothing changed before that refusal).
   */
  const follow = (environment: string, open: OpenRun, confirm?: string): void => {
    open(confirm, (message) => {
      if (message.type === 'event') {
        set((state) => ({ run: state.run && runWithEvent(state.run, message.event, Date.now()) }));
        return;
      }
      if (message.error?.code === 'confirmation-required') {
        void useConfirmationStore
          .getState()
          .ask(environment, message.error.message)
          .then((typed) => (typed === undefined ? set({ run: undefined }) : follow(environment, open, typed)));
        return;
      }
      set((state) => ({ run: state.run && runEnded(state.run, message.error, Date.now()) }));
      if (get().environment === environment) void Promise.all([loadPlan(environment), loadHistory(environment)]);
    });
  };

  const begin = (run: DeployRun, open: OpenRun): void => {
    if (isRunning(get().run)) return;
    set({ run });
    follow(run.environment, open);
  };

  return {
    environment: undefined,
    plan: { status: 'idle' },
    history: { status: 'idle' },
    run: undefined,
    load: async (environment) => {
      set({ environment });
      await Promise.all([loadPlan(environment), loadHistory(environment)]);
    },
    deploy: () => {
      const { environment, plan } = get();
      const fingerprint = plan.status === 'ready' ? plan.data.fingerprint : undefined;
      if (!environment || !fingerprint) return;
      begin(startRun('deploy', environment, Date.now()), (confirm, listener) =>
        clair.deploy.apply({ environment, fingerprint, ...(confirm ? { confirm } : {}) }, listener),
      );
    },
    rollback: (revision) => {
      const { environment } = get();
      if (!environment) return;
      begin(startRun('rollback', environment, Date.now(), revision), (confirm, listener) =>
        clair.deploy.rollback({ environment, revision, ...(confirm ? { confirm } : {}) }, listener),
      );
    },
  };
});
