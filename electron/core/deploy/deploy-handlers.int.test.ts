import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testEnvironment } from '../../../tests/support/context';
import { ClairError, contract, type DeployEvent, type ErrorData } from '../../contract';
import type { Handlers } from '../ipc/dispatcher';
import { readLiveStack } from '../stack/swarm/live-stack';
import { Workspace } from '../workspace/workspace';
import { createDeployFixture, type DeployFixture } from './deploy-fixture';
import { createDeployHandlers } from './deploy-handlers';

interface Run {
  events: DeployEvent[];
  error: ErrorData | undefined;
}

/** The Deploy screen's calls, checked against the contract's schemas, on the test swarm. */
describe('the deploy handlers on the real swarm', () => {
  const env = testEnvironment();
  const docker = new Docker({ socketPath: env.DOCKER_HOST.replace(/^unix:\/\//, '') });
  let fixture: DeployFixture;
  let workspace: Workspace;
  let handlers: Handlers['deploy'];

  /** A stream as the dispatcher runs it: events checked against the schema, the end as data. */
  const stream = async (channel: 'apply' | 'rollback', request: Record<string, unknown>): Promise<Run> => {
    const events: DeployEvent[] = [];
    const emit = (event: unknown) => events.push(contract.deploy[channel].event.parse(event));
    const handler = handlers[channel] as (
      request: unknown,
      emit: (event: unknown) => void,
      signal: AbortSignal,
    ) => Promise<void>;
    try {
      await handler(request, emit, new AbortController().signal);
      return { events, error: undefined };
    } catch (error) {
      if (!(error instanceof ClairError)) throw error;
      return { events, error: error.toData() };
    }
  };
  const planOf = async (environment: string) =>
    contract.deploy.plan.response.parse(await handlers.plan({ environment }));
  const historyOf = async (environment: string) =>
    contract.deploy.history.response.parse(await handlers.history({ environment }));
  const greeting = async () => {
    const web = (await readLiveStack(docker, fixture.stack)).services.find((s) => s.name === `${fixture.stack}_web`);
    return web?.spec.TaskTemplate.ContainerSpec.Env?.find((entry) => entry.startsWith('GREETING='));
  };

  beforeAll(async () => {
    fixture = await createDeployFixture();
    workspace = new Workspace({
      root: fixture.root,
      environmentsDir: fixture.environmentsDir,
      env: { ...process.env, CLAIR_STATE_DIR: fixture.stateDir },
    });
    handlers = createDeployHandlers(workspace);
  });
  afterAll(async () => {
    await fixture.cleanUp(docker);
    await workspace.dispose();
  });

  it('shows the problems instead of a plan when the environment cannot deploy', async () => {
    const answer = await planOf('broken');
    expect(answer.plan).toBeUndefined();
    const missing = answer.problems.find((problem) => problem.message.includes('WEB_IMAGE'));
    expect(missing).toMatchObject({ severity: 'error', line: expect.any(Number) });
  });

  it('plans the creates, never showing the secret-like variable', async () => {
    const answer = await planOf('dply');
    expect(answer.plan?.services.map((s) => [s.key, s.action])).toEqual([
      ['web', 'create'],
      ['cache', 'create'],
    ]);
    expect(answer.plan?.secrets).toEqual([expect.objectContaining({ action: 'create' })]);
    expect(JSON.stringify(answer)).not.toContain(fixture.token);
    expect(JSON.stringify(answer)).toContain('API_TOKEN=<secret>');
  });

  it('deploys the plan it showed, streaming each service to converged', async () => {
    const { fingerprint } = await planOf('dply');
    const run = await stream('apply', { environment: 'dply', fingerprint });
    expect(run.error).toBeUndefined();
    expect(run.events[0]?.type).toBe('plan');
    expect(run.events).toContainEqual({
      type: 'applied',
      kind: 'service',
      name: `${fixture.stack}_web`,
      action: 'create',
    });
    expect(run.events).toContainEqual({ type: 'converged', service: `${fixture.stack}_cache` });
    expect(run.events.at(-1)).toEqual({ type: 'result', result: 'converged', revision: 1, failures: [] });
    expect(JSON.stringify(run.events)).not.toContain(fixture.token);
  });

  it('lists the deploy in the history and plans no changes after it', async () => {
    const history = await historyOf('dply');
    expect(history).toEqual([expect.objectContaining({ revision: 1, result: 'converged', created: ['web', 'cache'] })]);
    expect((await planOf('dply')).plan?.noChanges).toBe(true);
  });

  it('refuses a plan that is no longer what the stack would get', async () => {
    const { fingerprint } = await planOf('dply');
    await fixture.setVariable('GREETING', 'bonjour');
    const run = await stream('apply', { environment: 'dply', fingerprint });
    expect(run.error?.message).toMatch(/stack changed since the plan was made: review the new plan/);
    expect(run.events).toEqual([]);
    expect(await greeting()).toBe('GREETING=hello');
  });

  it('applies a change, then rolls back to the first revision', async () => {
    const changed = await planOf('dply');
    const web = changed.plan?.services.find((s) => s.key === 'web');
    expect(web).toMatchObject({ action: 'update', restarts: true });
    expect(web?.changes.map((change) => change.field)).toEqual(['env']);
    const update = await stream('apply', { environment: 'dply', fingerprint: changed.fingerprint });
    expect(update.events.at(-1)).toMatchObject({ type: 'result', result: 'converged', revision: 2 });
    expect(await greeting()).toBe('GREETING=bonjour');

    const rollback = await stream('rollback', { environment: 'dply', revision: 1 });
    expect(rollback.error).toBeUndefined();
    expect(rollback.events[0]).toMatchObject({ type: 'plan' });
    expect(rollback.events.at(-1)).toMatchObject({ type: 'result', result: 'converged', revision: 3 });
    expect(await greeting()).toBe('GREETING=hello');

    const history = await historyOf('dply');
    expect(history.map((entry) => entry.revision)).toEqual([3, 2, 1]);
  });

  it('ends a deploy whose service does not come up in error, with the reason, after rolling it back', async () => {
    await fixture.setVariable('WEB_IMAGE', 'clair/nginx:dply-missing');
    const { fingerprint } = await planOf('dply');
    const run = await stream('apply', { environment: 'dply', fingerprint });
    const web = `${fixture.stack}_web`;
    expect(run.events).toContainEqual(expect.objectContaining({ type: 'failed', service: web }));
    expect(run.events).toContainEqual({ type: 'rolled-back', service: web, ok: true });
    expect(run.events.at(-1)).toMatchObject({
      type: 'result',
      result: 'failed',
      failures: [expect.objectContaining({ service: web, rolledBack: true })],
    });
    expect(run.error).toMatchObject({ code: 'failed' });
    expect(run.error?.message).toMatch(/^The deploy failed\. .*_web: .*\(rolled back\)\. Fix the cause/);
    expect(await greeting()).toBe('GREETING=hello');
  });

  it('asks for the typed name on production before anything changes', async () => {
    const { fingerprint } = await planOf('production');
    const run = await stream('apply', { environment: 'production', fingerprint });
    expect(run.error).toMatchObject({ code: 'confirmation-required' });
    expect(run.error?.message).toContain('type "production" to confirm');
    expect(run.events).toEqual([]);
    expect((await readLiveStack(docker, fixture.productionStack)).services).toEqual([]);
    expect(await historyOf('production')).toEqual([]);
  });
});
