/**
 * The plugin's published types as ESLint's own types take them: test/fixtures/eslint-types holds a
 * user's typed eslint.config.ts that registers the plugin (`plugins: { closewait }`) and uses its
 * configs inside `defineConfig([...])` from eslint/config, and as `Linter.Config`s. It imports
 * `eslint-plugin-closewait` by name, so TypeScript reads the built declarations (dist/src/index.d.ts)
 * a user gets; it must compile without a single error.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTsconfigProgram, getDiagnosticsText } from '../tsconfig-programs.js';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const projectDir = path.join(rootDir, 'test', 'fixtures', 'eslint-types');
const builtTypes = path.join(rootDir, 'dist', 'src', 'index.d.ts');

describe('the plugin in a typed ESLint config', () => {
  it('type-checks with defineConfig, plugins: { closewait } and closewait.configs', () => {
    if (!existsSync(builtTypes)) throw new Error(`${path.relative(rootDir, builtTypes)} is missing: run \`npm run build\` first`);
    const configPath = path.join(projectDir, 'tsconfig.json');
    const program = createTsconfigProgram(configPath);
    const resolved = program.getSourceFiles().map((file) => path.resolve(file.fileName));
    expect(resolved).toContain(builtTypes);
    expect(getDiagnosticsText(program, projectDir)).toBe('');
  });
});
