import type { StackModel } from '../stack-model';

/** Service keys with each one after everything it depends on; a cycle or unknown name is an error. */
export function dependencyOrder(model: StackModel): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (key: string, path: string[]) => {
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') throw new Error(`depends_on forms a cycle: ${[...path, key].join(' → ')}`);
    const service = model.services[key];
    if (!service) throw new Error(`Service ${path.at(-1)} depends on ${key}, which the stack does not declare`);
    state.set(key, 'visiting');
    for (const dependency of service.depends_on) visit(dependency, [...path, key]);
    state.set(key, 'done');
    order.push(key);
  };
  for (const key of Object.keys(model.services).sort()) visit(key, []);
  return order;
}
