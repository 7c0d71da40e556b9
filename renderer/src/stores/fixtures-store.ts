import { create } from 'zustand';

import {
  type CaptureProtocol,
  ClairError,
  type FixturePreview,
  type ImportFolder,
  type ImportSummary,
  type ModelProgress,
} from '../../../electron/contract';
import { clair } from '../api/clair';
import { withConfirmation } from './confirmation-store';
import { failedState, type LoadState } from './load-state';

export type PreviewState =
  | { status: 'idle' }
  | { status: 'running'; bytesRead: number; size: number; records: number }
  | { status: 'ready'; preview: FixturePreview }
  | { status: 'failed'; message: string };

export type ImportState =
  | { status: 'idle' }
  | { status: 'running'; done: number; total: number; models: ModelProgress[] }
  | { status: 'done'; summary: ImportSummary }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

interface FixturesStore {
  environment: string | undefined;
  /** The file to preview, as typed or picked. */
  path: string;
  /** For captures: the devices' protocol; undefined takes each application's from the environment. */
  protocol: CaptureProtocol | undefined;
  folder: LoadState<ImportFolder>;
  preview: PreviewState;
  importing: ImportState;
  /** A new environment: what was previewed against the old one no longer holds. */
  selectEnvironment: (environment: string) => void;
  setPath: (path: string) => void;
  setProtocol: (protocol: CaptureProtocol | undefined) => void;
  listFolder: (folder?: string) => Promise<void>;
  startPreview: () => void;
  cancelPreview: () => void;
  startImport: () => Promise<void>;
  /** Unsubscribes: the core rolls the transaction back, so nothing of the file is written. */
  cancelImport: () => void;
}

export const useFixturesStore = create<FixturesStore>()((set, get) => {
  let stopPreview: (() => void) | undefined;
  let stopImport: (() => void) | undefined;

  const reset = () => {
    stopPreview?.();
    stopPreview = undefined;
    set({ preview: { status: 'idle' }, importing: { status: 'idle' } });
  };

  /** One import stream: resolves with the result, or undefined when cancelled; rejects with the engine's error. */
  const streamImport = (environment: string, previewId: string, confirm: string | undefined) =>
    new Promise<ImportSummary | undefined>((resolve, reject) => {
      let summary: ImportSummary | undefined;
      const unsubscribe = clair.fixtures.import(
        { environment, previewId, ...(confirm === undefined ? {} : { confirm }) },
        (message) => {
          if (message.type === 'event') {
            if (message.event.type === 'result') summary = message.event.summary;
            else {
              const { done, total, models } = message.event;
              set({ importing: { status: 'running', done, total, models } });
            }
            return;
          }
          stopImport = undefined;
          if (message.error) reject(new ClairError(message.error));
          else resolve(summary);
        },
      );
      stopImport = () => {
        unsubscribe();
        resolve(undefined);
      };
    });

  return {
    environment: undefined,
    path: '',
    protocol: undefined,
    folder: { status: 'idle' },
    preview: { status: 'idle' },
    importing: { status: 'idle' },

    selectEnvironment: (environment) => {
      if (get().environment === environment) return;
      set({ environment });
      reset();
    },
    setPath: (path) => {
      set({ path });
      reset();
    },
    setProtocol: (protocol) => {
      set({ protocol });
      reset();
    },

    listFolder: async (folder) => {
      set({ folder: { status: 'loading' } });
      try {
        set({ folder: { status: 'ready', data: await clair.fixtures.listFiles(folder ? { folder } : {}) } });
      } catch (error) {
        set({ folder: failedState(error) });
      }
    },

    startPreview: () => {
      const { environment, path, protocol } = get();
      if (!environment || !path.trim()) return;
      reset();
      set({ preview: { status: 'running', bytesRead: 0, size: 0, records: 0 } });
      stopPreview = clair.fixtures.preview(
        { environment, path: path.trim(), ...(protocol ? { protocol } : {}) },
        (message) => {
          if (message.type === 'event') {
            const { event } = message;
            set({
              preview:
                event.type === 'preview'
                  ? { status: 'ready', preview: event.preview }
                  : { status: 'running', ...event },
            });
            return;
          }
          stopPreview = undefined;
          if (message.error) set({ preview: { status: 'failed', message: message.error.message } });
        },
      );
    },

    cancelPreview: () => {
      stopPreview?.();
      stopPreview = undefined;
      set({ preview: { status: 'idle' } });
    },

    startImport: async () => {
      const { environment, preview } = get();
      if (!environment || preview.status !== 'ready') return;
      const { previewId } = preview.preview;
      set({ importing: { status: 'running', done: 0, total: preview.preview.summary.records, models: [] } });
      try {
        const summary = await withConfirmation(environment, (confirm) => streamImport(environment, previewId, confirm));
        // Undefined: the user cancelled the import, or the typed confirmation.
        set({
          importing: summary
            ? { status: 'done', summary }
            : { status: get().importing.status === 'cancelled' ? 'cancelled' : 'idle' },
        });
      } catch (error) {
        set({ importing: failedState(error) });
      }
    },

    cancelImport: () => {
      set({ importing: { status: 'cancelled' } });
      stopImport?.();
      stopImport = undefined;
    },
  };
});
