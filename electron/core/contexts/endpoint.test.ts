import { userInfo } from 'node:os';

import { describe, expect, it } from 'vitest';

import { describeEndpoint, parseEndpoint } from './endpoint';

describe('parseEndpoint', () => {
  it('reads the hosts the docker CLI accepts', () => {
    expect(parseEndpoint('unix:///var/run/docker.sock')).toEqual({ kind: 'unix', socketPath: '/var/run/docker.sock' });
    expect(parseEndpoint('ssh://deploy@clair.example.org:2222')).toEqual({
      kind: 'ssh',
      user: 'deploy',
      host: 'clair.example.org',
      port: 2222,
    });
    expect(parseEndpoint('ssh://[::1]')).toEqual({ kind: 'ssh', user: userInfo().username, host: '::1', port: 22 });
    expect(parseEndpoint('tcp://10.0.0.5')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2375 });
    expect(parseEndpoint('tcp://10.0.0.5', { tls: true })).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2376 });
  });

  it('refuses what the docker CLI refuses, saying why', () => {
    expect(() => parseEndpoint('ssh://me:secret@host')).toThrow(/password in the URL is not supported/);
    expect(() => parseEndpoint('ssh://host/var/run/docker.sock')).toThrow(/takes no path/);
    expect(() => parseEndpoint('unix://relative.sock')).toThrow(/absolute path/);
    expect(() => parseEndpoint('http://host')).toThrow(/unsupported scheme http:/);
    expect(() => parseEndpoint('my-server')).toThrow(/not a Docker host/);
  });

  it('describes endpoints for messages', () => {
    expect(describeEndpoint(parseEndpoint('ssh://root@h:52222'))).toBe('root@h:52222');
  });
});
