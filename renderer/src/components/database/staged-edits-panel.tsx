import type { ReactNode } from 'react';

import type { StagedEdit } from '../../../../electron/contract';
import { useDatabaseStore } from '../../stores/database-store';

function describe(edit: StagedEdit): string {
  const key = (k: Record<string, string>) =>
    Object.entries(k)
      .map(([column, value]) => `${column}=${value}`)
      .join(', ');
  switch (edit.kind) {
    case 'update':
      return `Update ${edit.relation} (${key(edit.key)}): ${Object.keys(edit.changes).join(', ')}`;
    case 'insert':
      return `Insert into ${edit.relation}`;
    case 'delete':
      return `Delete from ${edit.relation} (${key(edit.key)})`;
  }
}

/** The edits waiting to be committed, the SQL they will run, and commit or discard. */
export function StagedEditsPanel(): ReactNode {
  const staged = useDatabaseStore((s) => s.staged);
  const preview = useDatabaseStore((s) => s.preview);
  const committing = useDatabaseStore((s) => s.committing);
  const notice = useDatabaseStore((s) => s.notice);
  const unstage = useDatabaseStore((s) => s.unstage);
  const discard = useDatabaseStore((s) => s.discard);
  const showPreview = useDatabaseStore((s) => s.showPreview);
  const commit = useDatabaseStore((s) => s.commit);

  if (staged.length === 0 && !notice) return null;
  return (
    <section className="db-staged" aria-label="Staged edits">
      {notice && (
        <div
          className={`banner ${notice.kind === 'done' ? 'banner-ok' : 'banner-error'}`}
          role={notice.kind === 'done' ? 'status' : 'alert'}
        >
          {notice.message}
        </div>
      )}
      {staged.length > 0 && (
        <>
          <h2>
            {staged.length} staged edit{staged.length === 1 ? '' : 's'}
          </h2>
          <ol>
            {staged.map((edit, index) => (
              <li key={index}>
                {describe(edit)}{' '}
                <button type="button" aria-label={`Unstage edit ${index + 1}`} onClick={() => unstage(index)}>
                  ×
                </button>
              </li>
            ))}
          </ol>
          {preview?.status === 'ready' && (
            <pre className="db-sql" data-testid="staged-sql">
              {['BEGIN;', ...preview.data, 'COMMIT;'].join('\n')}
            </pre>
          )}
          {preview?.status === 'failed' && (
            <p className="state state-error" role="alert">
              {preview.message}
            </p>
          )}
          <div className="db-staged-actions">
            <button type="button" onClick={() => void showPreview()}>
              Show SQL
            </button>
            <button
              type="button"
              className="primary"
              disabled={committing || preview?.status !== 'ready'}
              onClick={() => void commit()}
            >
              {committing ? 'Committing…' : 'Commit'}
            </button>
            <button type="button" onClick={discard}>
              Discard all
            </button>
          </div>
        </>
      )}
    </section>
  );
}
