import { describe, expect, it } from 'vitest';

import { loadEnv } from '../runtime/env';
import { ServeEnv, smtpFromEnv } from './env';

const base = { DATABASE_URL: 'postgres://u:p@db/clair' };

describe('the account settings of the serve environment', () => {
  it('are optional: no SMTP, no public origin', () => {
    const env = loadEnv(ServeEnv, base);
    expect(env.PUBLIC_ORIGIN).toBeUndefined();
    expect(smtpFromEnv(env)).toBeUndefined();
  });

  it('make SMTP options, with a login only when a user is given', () => {
    const env = loadEnv(ServeEnv, {
      ...base,
      PUBLIC_ORIGIN: 'https://clair.example',
      SMTP_HOST: 'smtp.example',
      SMTP_FROM: 'Clair <noreply@clair.example>',
      SMTP_USER: 'clair',
      SMTP_PASSWORD: 'pw',
    });
    expect(env.PUBLIC_ORIGIN).toBe('https://clair.example');
    expect(smtpFromEnv(env)).toEqual({
      host: 'smtp.example',
      port: 587,
      secure: false,
      from: 'Clair <noreply@clair.example>',
      user: 'clair',
      password: 'pw',
    });
    expect(
      smtpFromEnv(
        loadEnv(ServeEnv, { ...base, SMTP_HOST: 'h', SMTP_FROM: 'a@b.c', SMTP_SECURE: 'true', SMTP_PORT: '465' }),
      ),
    ).toEqual({
      host: 'h',
      port: 465,
      secure: true,
      from: 'a@b.c',
    });
  });

  it('name what is wrong without echoing values', () => {
    expect(() => smtpFromEnv(loadEnv(ServeEnv, { ...base, SMTP_HOST: 'h' }))).toThrow(
      /SMTP_FROM: is required with SMTP_HOST/,
    );
    expect(() => loadEnv(ServeEnv, { ...base, PUBLIC_ORIGIN: 'ftp://x' })).toThrow(/PUBLIC_ORIGIN/);
  });
});

describe('the proxy and media settings of the serve environment', () => {
  it('reads TRUST_PROXY as a list of addresses and ranges, MEDIA_ROOT as a path', () => {
    const env = loadEnv(ServeEnv, { ...base, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1', MEDIA_ROOT: '/media' });
    expect(env.TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(env.MEDIA_ROOT).toBe('/media');
  });
});
