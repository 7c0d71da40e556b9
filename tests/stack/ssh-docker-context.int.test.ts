import { readFileSync } from 'node:fs';

import { Client, utils } from 'ssh2';
import { describe, expect, it } from 'vitest';

import { testEnvironment } from '../support/context';

/** Runs one command over SSH, accepting only the host key listed in known_hosts. */
function sshExec(env: ReturnType<typeof testEnvironment>, command: string, knownKey: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client
      .on('ready', () => {
        client.exec(command, (error, stream) => {
          if (error) return reject(error);
          let out = '';
          stream.on('data', (chunk: Buffer) => (out += chunk.toString()));
          stream.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
          stream.on('close', () => {
            client.end();
            resolve(out.trim());
          });
        });
      })
      .on('error', reject)
      .connect({
        host: env.CLAIR_SSH_HOST,
        port: Number(env.CLAIR_SSH_PORT),
        username: env.CLAIR_SSH_USER,
        privateKey: readFileSync(env.CLAIR_SSH_KEY),
        hostVerifier: (key: Buffer) => key.equals(knownKey),
      });
  });
}

function knownHostKey(env: ReturnType<typeof testEnvironment>): Buffer {
  const line = readFileSync(env.CLAIR_SSH_KNOWN_HOSTS, 'utf8')
    .split('\n')
    .find((l) => l.trim());
  const parsed = utils.parseKey(`${line?.split(' ')[1]} ${line?.split(' ')[2]}`);
  if (parsed instanceof Error) throw parsed;
  return parsed.getPublicSSH();
}

describe('the test sshd for SSH docker contexts', () => {
  const env = testEnvironment();

  it('reaches the test Docker daemon over SSH with a verified host key', async () => {
    const version = await sshExec(env, "docker version --format '{{.Server.Version}}'", knownHostKey(env));
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses a host whose key is not the known one', async () => {
    const otherKey = utils.generateKeyPairSync('ed25519').public;
    const parsed = utils.parseKey(otherKey);
    if (parsed instanceof Error) throw parsed;
    await expect(sshExec(env, 'true', parsed.getPublicSSH())).rejects.toThrow(/verification failed/i);
  });
});
