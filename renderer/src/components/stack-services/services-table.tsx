import type { ReactNode } from 'react';

import type { StackService } from '../../../../electron/contract';
import { ServiceRow } from './service-row';

export function ServicesTable({ services, stack }: { services: StackService[]; stack: string }): ReactNode {
  return (
    <table className="table services-table" data-testid="services">
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Image</th>
          <th scope="col">Replicas</th>
          <th scope="col">Health</th>
          <th scope="col">Restarts</th>
          <th scope="col">Updated</th>
          <th scope="col">Scale</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {services.map((service) => (
          <ServiceRow key={service.id} service={service} stack={stack} />
        ))}
      </tbody>
    </table>
  );
}
