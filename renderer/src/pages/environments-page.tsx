import { type ReactNode, useEffect } from 'react';

import { LoadView } from '../shell/load-view';
import { useEnvironmentsStore } from '../stores/environments-store';

export function EnvironmentsPage(): ReactNode {
  const environments = useEnvironmentsStore((s) => s.environments);
  const load = useEnvironmentsStore((s) => s.load);
  useEffect(() => void load(), [load]);

  return (
    <section aria-labelledby="environments-title">
      <h1 id="environments-title">Environments</h1>
      <LoadView state={environments} what="the environments" onRetry={() => void load()}>
        {(list) =>
          list.length === 0 ? (
            <p className="state">
              No environments yet. Add an <code>.env</code> file to the <code>environments/</code> folder.
            </p>
          ) : (
            <table className="table" data-testid="environments">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">File</th>
                  <th scope="col">Kind</th>
                </tr>
              </thead>
              <tbody>
                {list.map((env) => (
                  <tr key={env.file}>
                    <td>{env.name}</td>
                    <td>
                      <code>{env.file}</code>
                    </td>
                    <td>{env.isExample ? 'Example, fill in to deploy' : 'Ready'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadView>
    </section>
  );
}
