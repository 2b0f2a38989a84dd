import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'test/fixtures/**'],
    // Typed linting builds a TypeScript program per fixture project: slow, but not stuck.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Child processes rather than threads: typescript-eslint's project service and the ESLint CLI
    // tests are memory-heavy, and forks keep one crash from taking the run down. Two workers fit a
    // 2-core machine; more only thrash.
    pool: 'forks',
    maxWorkers: 2,
  },
});
