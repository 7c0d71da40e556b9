import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { loadEnv } from './env';

const Schema = z.object({
  DATABASE_URL: z.url(),
  PORT: z.coerce.number().int().default(8888),
});

describe('loadEnv', () => {
  it('validates and converts variables, applying defaults', () => {
    expect(loadEnv(Schema, { DATABASE_URL: 'postgres://db/clair' })).toEqual({
      DATABASE_URL: 'postgres://db/clair',
      PORT: 8888,
    });
  });

  it('reads X from the docker secret file named by X_FILE', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clair-secret-')), 'db_url');
    writeFileSync(file, 'postgres://user:s3cret@db/clair\n');
    expect(loadEnv(Schema, { DATABASE_URL_FILE: file }).DATABASE_URL).toBe('postgres://user:s3cret@db/clair');
  });

  it('names the variable of an unreadable secret file', () => {
    expect(() => loadEnv(Schema, { DATABASE_URL_FILE: '/nonexistent/secret' })).toThrow(
      /DATABASE_URL_FILE: cannot read the secret file \/nonexistent\/secret \(ENOENT\)/,
    );
  });

  it('leaves *_FILE variables that are not in the schema alone', () => {
    expect(loadEnv(Schema, { DATABASE_URL: 'postgres://db/clair', SSL_CERT_FILE: '/nonexistent/cert.pem' }).PORT).toBe(
      8888,
    );
  });

  it('lists every bad variable without echoing its value', () => {
    const attempt = () => loadEnv(Schema, { DATABASE_URL: 'not a url with password hunter2', PORT: 'abc' });
    expect(attempt).toThrow(/DATABASE_URL:/);
    expect(attempt).toThrow(/PORT:/);
    expect(attempt).not.toThrow(/hunter2/);
  });
});
