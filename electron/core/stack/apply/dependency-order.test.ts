import { describe, expect, it } from 'vitest';

import type { StackModel } from '../stack-model';
import { dependencyOrder } from './dependency-order';

const stackWith = (dependencies: Record<string, string[]>) =>
  ({
    services: Object.fromEntries(Object.entries(dependencies).map(([key, depends_on]) => [key, { depends_on }])),
  }) as unknown as StackModel;

describe('dependencyOrder', () => {
  it('puts every service after what it depends on', () => {
    const order = dependencyOrder(stackWith({ api: ['db', 'cache'], db: [], cache: ['db'], worker: ['api'] }));
    expect(order).toEqual(['db', 'cache', 'api', 'worker']);
  });

  it('names the cycle and the unknown dependency', () => {
    expect(() => dependencyOrder(stackWith({ a: ['b'], b: ['a'] }))).toThrow('depends_on forms a cycle: a → b → a');
    expect(() => dependencyOrder(stackWith({ a: ['ghost'] }))).toThrow(
      'Service a depends on ghost, which the stack does not declare',
    );
  });
});
