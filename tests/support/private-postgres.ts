import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL 15 server of one test's own (Debian's binaries, a throwaway cluster), for tests
 * that stop and restart the database: the shared test cluster must keep running for everyone.
 * Runs as the postgres user, which initdb requires; trust authentication on 127.0.0.1 only.
 */
export class PrivatePostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(port: number): Promise<PrivatePostgres> {
    const dir = await mkdtemp(join(tmpdir(), 'clair-private-pg-'));
    await chmod(dir, 0o755);
    const { stdout } = await run('id', ['-u', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(stdout.trim()));
    const server = new PrivatePostgres(dir, port);
    await server.asPostgres(`${bin}/initdb`, ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    await server.start();
    return server;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private asPostgres(command: string, args: string[]): Promise<unknown> {
    return run('runuser', ['-u', 'postgres', '--', command, ...args]);
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off`;
    await this.asPostgres(`${bin}/pg_ctl`, [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'log'),
      '-o',
      options,
      '-w',
      'start',
    ]);
  }

  /** A fast shutdown, as a restart of the database service does: sessions are cut. */
  async stop(): Promise<void> {
    await this.asPostgres(`${bin}/pg_ctl`, ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
