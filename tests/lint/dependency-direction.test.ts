import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of eslint.config.js are what keeps DESIGN.md's dependency direction true;
 * each case lints a one-line probe as if it were a file of that area.
 */
const eslint = new ESLint({
  cwd: new URL('../..', import.meta.url).pathname,
  // The probes exist only in memory, so no tsconfig knows them: lint them without type information.
  overrideConfig: [
    tseslint.configs.disableTypeChecked,
    { languageOptions: { parserOptions: { projectService: false } } },
  ],
});

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency direction (eslint no-restricted-imports)', () => {
  it.each([
    ['renderer/src/probe.ts', "import '../../electron/core/handlers';", /only through electron\/contract/],
    ['renderer/src/probe.ts', "import 'node:fs';", /without Node\.js built-ins/],
    ['renderer/src/probe.ts', "import 'electron';", /Only electron\/main and electron\/preload/],
    ['electron/core/probe.ts', "import 'electron';", /Only electron\/main/],
    ['electron/core/probe.ts', "import '../main/index';", /plain Node, below main/],
    ['electron/preload/probe.ts', "import '../core/handlers';", /only electron and the contract/],
    ['electron/contract/probe.ts', "import '../core/handlers';", /depends on nothing/],
    ['electron/host/probe.ts', "import 'electron';", /Only electron\/main/],
    ['electron/main/probe.ts', "import '../../services/managair/app';", /only through electron\/core/],
    ['services/domain/probe.ts', "import 'pg';", /pure: no I\/O/],
    ['services/domain/probe.ts', "import 'node:fs';", /without Node\.js built-ins/],
    ['services/domain/probe.ts', "import '../managair/app';", /imports nothing of the project/],
    [
      'services/managair/probe.ts',
      "import '../../electron/core/handlers';",
      /only services\/domain, runtime and database/,
    ],
    [
      'electron/core/probe.ts',
      "import '../../services/managair/app';",
      /only services\/domain and the fixture library/,
    ],
    [
      'electron/core/probe.ts',
      "import '../../services/database/migrate';",
      /only services\/domain and the fixture library/,
    ],
    ['services/fixtures/probe.ts', "import '../managair/app';", /services\/fixtures uses only services\/domain/],
    ['services/fixtures/probe.ts', "import '../runtime/env';", /services\/fixtures uses only services\/domain/],
  ])('%s may not %s', async (file, code, message) => {
    expect(await importErrors(file, code)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['renderer/src/probe.ts', "import '../../electron/contract';"],
    ['electron/preload/probe.ts', "import 'electron';"],
    ['electron/host/probe.ts', "import '../core/handlers';"],
    ['electron/core/probe.ts', "import '../../services/domain/nodes/node-id';"],
    ['electron/core/probe.ts', "import '../../services/fixtures/fixture-reader';"],
    ['services/fixtures/probe.ts', "import '../domain/nodes/node-id';"],
    ['services/fixtures/probe.ts', "import '../database/tables';"],
    ['services/managair/probe.ts', "import '../fixtures/fixture-loader';"],
    ['services/managair/probe.ts', "import '../domain/nodes/node-id';"],
  ])('%s may %s', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
