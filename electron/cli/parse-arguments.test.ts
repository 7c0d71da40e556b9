import { describe, expect, it } from 'vitest';

import { parseArguments } from './parse-arguments';

const cwd = '/project';
const parse = (line: string) => parseArguments(line.split(' ').filter(Boolean), cwd);
const base = { command: 'environment', envFile: 'environments/dev.env', root: cwd, yes: false };

describe('parseArguments', () => {
  it.each([
    ['environments/dev.env plan', { ...base, action: 'plan' }],
    ['environments/dev.env deploy -y', { ...base, action: 'deploy', yes: true }],
    ['environments/dev.env -y --root /elsewhere rm', { ...base, action: 'rm', yes: true, root: '/elsewhere' }],
    ['environments/dev.env rollback 3', { ...base, action: 'rollback', revision: 3 }],
    ['environments/dev.env history', { ...base, action: 'history' }],
    ['environments/dev.env volumes create', { ...base, action: 'volumes-create' }],
    [
      'environments/dev.env fixtures load a.json b.json',
      { ...base, action: 'fixtures-load', files: ['a.json', 'b.json'] },
    ],
    [
      'environments/dev.env logs worker managair_server',
      { ...base, action: 'logs', services: ['worker', 'managair_server'] },
    ],
  ])('%s', (line, command) => {
    expect(parse(line)).toEqual({ ok: true, command });
  });

  it('hands everything after "manage [-y]" to managair, options included', () => {
    expect(parse('environments/dev.env manage -y loaddata --format=json - -y')).toEqual({
      ok: true,
      command: { ...base, action: 'manage', yes: true, args: ['loaddata', '--format=json', '-', '-y'] },
    });
    expect(parse('environments/dev.env manage createsuperuser --email a@b.c')).toEqual({
      ok: true,
      command: { ...base, action: 'manage', args: ['createsuperuser', '--email', 'a@b.c'] },
    });
  });

  it('reads the commands that take no environment', () => {
    expect(parse('')).toEqual({ ok: true, command: { command: 'help' } });
    expect(parse('contexts ls')).toEqual({ ok: true, command: { command: 'contexts-ls' } });
    expect(parse('contexts use staging')).toEqual({ ok: true, command: { command: 'contexts-use', name: 'staging' } });
    expect(parse('environments --root /x')).toEqual({ ok: true, command: { command: 'environments', root: '/x' } });
  });

  it.each([
    ['environments/dev.env', /no command after the environment file/],
    ['environments/dev.env deploy-everything', /unknown command "deploy-everything"/],
    ['environments/dev.env rollback', /rollback needs one revision number/],
    ['environments/dev.env rollback two', /rollback needs one revision number/],
    ['environments/dev.env volumes', /expected "volumes create"/],
    ['environments/dev.env fixtures load', /expected "fixtures load <file>..."/],
    ['environments/dev.env manage', /manage needs a managair command/],
    ['environments/dev.env logs', /logs needs one or more service names/],
    ['environments/dev.env plan extra', /plan takes no arguments/],
    ['environments/dev.env deploy --force', /Unknown option '--force'/],
    ['-y environments/dev.env deploy', /the environment file comes first/],
    ['contexts rm x', /expected "contexts ls" or "contexts use <name>"/],
  ])('refuses %s', (line, message) => {
    const parsed = parse(line);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toMatch(message);
  });
});
