import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';

import { HttpProblem } from '../serve/problems';
import { readCookie } from './cookies';
import { checkCsrf, isUnsafe, originMatches } from './csrf';
import { constantTimeEqual } from './secret-keys';

const request = (headers: Record<string, string>, host = 'clair.example') =>
  ({ headers, host, method: 'POST' }) as unknown as FastifyRequest;

const token = 'a'.repeat(64);

describe('the CSRF check', () => {
  it('treats only GET, HEAD, OPTIONS and TRACE as safe', () => {
    expect(['GET', 'HEAD', 'OPTIONS', 'TRACE'].map(isUnsafe)).toEqual([false, false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(isUnsafe)).toEqual([true, true, true, true]);
  });

  it('accepts an absent Origin, the request host (default ports aside) and the public origin', () => {
    expect(originMatches(request({}))).toBe(true);
    expect(originMatches(request({ origin: 'https://clair.example' }))).toBe(true);
    expect(originMatches(request({ origin: 'http://localhost' }, 'localhost:80'))).toBe(true);
    expect(originMatches(request({ origin: 'https://clair.example' }, 'managair:8888'), 'https://clair.example')).toBe(
      true,
    );
    expect(originMatches(request({ origin: 'https://evil.example' }))).toBe(false);
    expect(originMatches(request({ origin: 'https://clair.example.evil.example' }))).toBe(false);
    expect(originMatches(request({ origin: 'null' }))).toBe(false);
  });

  it('needs the cookie and an equal submitted token', () => {
    const refused = (headers: Record<string, string>, submitted?: string) => {
      try {
        checkCsrf(request(headers), submitted);
        return undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(HttpProblem);
        expect((error as HttpProblem).statusCode).toBe(403);
        expect((error as HttpProblem).code).toBe('csrf_failed');
        return (error as HttpProblem).message;
      }
    };
    expect(refused({}, token)).toMatch(/cookie not set/);
    expect(refused({ cookie: `csrftoken=${token}` })).toMatch(/missing/);
    expect(refused({ cookie: `csrftoken=${token}` }, 'b'.repeat(64))).toMatch(/incorrect/);
    expect(refused({ cookie: `other=1; csrftoken=${token}` }, token)).toBeUndefined();
  });
});

describe('cookies and comparisons', () => {
  it('reads a cookie by exact name', () => {
    const r = request({ cookie: 'xsessionid=no; sessionid=yes; csrftoken=' });
    expect(readCookie(r, 'sessionid')).toBe('yes');
    expect(readCookie(r, 'csrftoken')).toBeUndefined();
    expect(readCookie(request({}), 'sessionid')).toBeUndefined();
  });

  it('compares secrets of any length without throwing', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', 'x')).toBe(false);
  });
});
