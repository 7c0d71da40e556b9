import { describe, expect, it } from 'vitest';

import { describeConnectionFailure, describeRefusal, refusalCode } from './connection-error';

const subject = { username: 'clairchen-dev@ttn', url: 'mqtts://eu1.cloud.thethings.network:8883' };

describe('connection errors in words', () => {
  it('explains a refused login by its CONNACK code, naming the application', () => {
    expect(describeRefusal(5, subject)).toBe(
      'not authorized as clairchen-dev@ttn: the API key lacks the right to read application traffic, belongs to another application, or the application id is wrong',
    );
    expect(describeRefusal(4, subject)).toContain('bad user name or password for clairchen-dev@ttn');
    expect(describeRefusal(3, subject)).toContain('rate limits');
    expect(describeRefusal(42, subject)).toBe('the server refused clairchen-dev@ttn (CONNACK code 42)');
  });

  it('tells refusals (numeric codes) from network failures (string codes)', () => {
    const refused = Object.assign(new Error('Connection refused: Not authorized'), { code: 5 });
    const network = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect([refusalCode(refused), refusalCode(network)]).toEqual([5, undefined]);
    expect(describeConnectionFailure(network, subject)).toBe(
      'cannot reach mqtts://eu1.cloud.thethings.network:8883: nothing accepts connections there (ECONNREFUSED)',
    );
    expect(describeConnectionFailure(new Error('socket hang up'), subject)).toBe(
      'cannot reach mqtts://eu1.cloud.thethings.network:8883: socket hang up',
    );
  });
});
