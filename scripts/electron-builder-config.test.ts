import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

async function builderConfig(): Promise<Record<string, unknown>> {
  return parse(await readFile(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
}

describe('electron-builder.yml', () => {
  // Compiling the large schema takes seconds on a busy machine; the limit is not a speed target.
  it("is valid for the installed electron-builder (app-builder-lib's JSON schema)", { timeout: 60_000 }, async () => {
    const schema = require('app-builder-lib/scheme.json') as object;
    // The schema uses a few annotations Ajv does not know; they do not constrain anything.
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    validate(await builderConfig());
    expect(validate.errors ?? []).toEqual([]);
  });

  it('builds AppImage and deb for Linux, a dmg for macOS and an NSIS installer for Windows', async () => {
    const config = await builderConfig();
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(config.mac).toMatchObject({ target: 'dmg' });
    expect(config.win).toMatchObject({ target: 'nsis' });
  });

  it('flips the fuses that close running as Node, NODE_OPTIONS and the inspector', async () => {
    expect((await builderConfig()).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages the bundles, the renderer and the templates, never the secret files', async () => {
    const files = (await builderConfig()).files as string[];
    expect(files).toEqual(
      expect.arrayContaining(['build/electron/**', 'build/renderer/**', 'stack-templates/**', 'package.json']),
    );
    expect(files.indexOf('!stack-templates/secrets/**')).toBeGreaterThan(files.indexOf('stack-templates/**'));
  });

  it('is what `npm run package` builds from, after the build', async () => {
    const { scripts } = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.package).toBe('npm run build && electron-builder --config electron-builder.yml');
  });
});
