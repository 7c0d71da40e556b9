import { describe, expect, it } from 'vitest';

import { ClairError } from '../../contract';
import { engineError } from './engine-error';

describe('engineError', () => {
  it('puts the engine refusal in words with the next step', () => {
    const notFound = engineError({ statusCode: 404, json: { message: 'service x not found' }, message: '' }, 'scale x');
    expect(notFound).toBeInstanceOf(ClairError);
    expect(notFound).toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/service x not found.*Refresh/),
    });
    const manager = engineError({ statusCode: 503, json: { message: 'not a manager' }, message: '' }, 'scale x');
    expect(manager).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/swarm manager/) });
    const down = engineError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'scale x');
    expect(down).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/ECONNREFUSED.*reachable/) });
  });

  it('leaves bugs alone, so they are logged with their stack', () => {
    const bug = new TypeError('x is undefined');
    expect(engineError(bug, 'scale x')).toBe(bug);
  });
});
