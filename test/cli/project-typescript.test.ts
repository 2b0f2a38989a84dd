/** The project's TypeScript and its defaults, against the real TypeScript 5.4 (the `typescript-5` alias) and 6.0. */
import { createRequire } from 'node:module';
import path from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { findProjectTypeScript, getProjectDefaults, type ProjectTypeScript } from '../../src/cli/project-typescript.js';
import { repoRoot } from './helpers.js';

interface Computed {
  readonly computedOptions: Record<string, { computeValue(options: ts.CompilerOptions): unknown }>;
}
const typescript5 = createRequire(import.meta.url)('typescript-5') as typeof import('typescript') & Computed;
const project5: ProjectTypeScript = { version: typescript5.version, packageJson: path.join(repoRoot, 'node_modules', 'typescript-5', 'package.json') };
const bundled = ts as unknown as Computed;

describe('findProjectTypeScript', () => {
  it('finds the typescript package Node resolves from the directory', () => {
    expect(findProjectTypeScript(path.join(repoRoot, 'test'))).toEqual({ version: '6.0.3', packageJson: path.join(repoRoot, 'node_modules', 'typescript', 'package.json') });
  });

  it('finds nothing where no typescript is installed', () => {
    expect(findProjectTypeScript(path.parse(repoRoot).root)).toBeUndefined();
  });
});

describe('getProjectDefaults', () => {
  it('pins nothing without a project TypeScript, or for the same major.minor as the bundled one', () => {
    expect(getProjectDefaults(undefined, {})).toEqual({});
    expect(getProjectDefaults(findProjectTypeScript(repoRoot), {})).toEqual({});
  });

  it('pins nothing for TypeScript 7, which has no JavaScript module to load and shares 6.0\'s defaults', () => {
    // No package at that path: loading it would throw.
    const project7: ProjectTypeScript = { version: '7.0.2', packageJson: path.join(repoRoot, 'node_modules', 'typescript-7-absent', 'package.json') };
    expect(getProjectDefaults(project7, { configFilePath: path.join(repoRoot, 'tsconfig.json') })).toEqual({});
  });

  it("pins TypeScript 5's defaults where TypeScript 6's differ", () => {
    const pinned = getProjectDefaults(project5, { configFilePath: path.join(repoRoot, 'tsconfig.json') });
    expect(pinned).toMatchObject({
      target: ts.ScriptTarget.ES5,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: false,
      allowSyntheticDefaultImports: false,
      strictNullChecks: false,
      noImplicitAny: false,
      ignoreDeprecations: '6.0',
    });
    expect(pinned.types).toEqual(typescript5.getAutomaticTypeDirectiveNames({ configFilePath: path.join(repoRoot, 'tsconfig.json') }, typescript5.sys));
    expect(pinned.types).toContain('node');
  });

  it('makes TypeScript 6 compute every option as TypeScript 5 does', () => {
    for (const options of [{}, { target: ts.ScriptTarget.ES2022 }, { module: ts.ModuleKind.NodeNext }, { strict: true }, { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }]) {
      const pinned = { ...options, ...getProjectDefaults(project5, options) };
      for (const [name, option] of Object.entries(typescript5.computedOptions)) {
        expect(bundled.computedOptions[name]?.computeValue(pinned), `${name} of ${JSON.stringify(options)}`).toEqual(option.computeValue(options));
      }
    }
  });

  it('leaves the options the tsconfig sets alone', () => {
    const pinned = getProjectDefaults(project5, { target: ts.ScriptTarget.ES2022, strict: true, types: ['node'] });
    expect(pinned).not.toHaveProperty('target');
    expect(pinned).not.toHaveProperty('strictNullChecks');
    expect(pinned).not.toHaveProperty('types');
  });
});
