import { defineConfig } from 'vitest/config';

// Three projects, one per layer. Unit tests need nothing running; integration tests use the
// real PostgreSQL, Redis, Mosquitto, Docker and sshd started by scripts/env/up.sh; end-to-end
// tests drive Debian's Chromium against the built renderer.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{electron,renderer,services,scripts,tests}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{electron,services,tests}/**/*.int.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // Docker and database work is slow on 2 cores; these are limits, not speed targets.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Tests share one Docker swarm; running them one file at a time keeps stacks from racing.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
