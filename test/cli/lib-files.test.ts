/** TypeScript's lib files for the CLI: from the installed typescript's lib folder when it is the bundled major.minor, else ts-morph's copies. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLibFiles, getLibFileText } from '../../src/cli/lib-files.js';
import { findProjectTypeScript, type ProjectTypeScript } from '../../src/cli/project-typescript.js';
import { repoRoot } from './helpers.js';

const installed = findProjectTypeScript(repoRoot)!;
const libFolder = path.join(repoRoot, 'node_modules', 'typescript', 'lib');
const typescript5: ProjectTypeScript = { version: '5.4.5', packageJson: path.join(repoRoot, 'node_modules', 'typescript-5', 'package.json') };
const bundledNames = (createRequire(import.meta.url)('@ts-morph/common') as { getLibFiles(): { fileName: string }[] }).getLibFiles().map((file) => file.fileName);

describe('createLibFiles', () => {
  it("reads the installed typescript's lib folder when its major.minor is the bundled one's (6.0.3 and 6.0.2 here)", () => {
    const libFiles = createLibFiles(installed);
    expect(libFiles.location).toBe(libFolder);
    expect(libFiles.getText('lib.es2023.d.ts') === readFileSync(path.join(libFolder, 'lib.es2023.d.ts'), 'utf8')).toBe(true);
    expect(libFiles.getText('lib.d.ts') === readFileSync(path.join(libFolder, 'lib.d.ts'), 'utf8')).toBe(true);
    expect(libFiles.getText('lib.es2023.d.ts')).toContain('/// <reference lib="es2022" />');
  });

  it('knows every lib file ts-morph bundles, and nothing else of the folder', () => {
    const libFiles = createLibFiles(installed);
    expect(bundledNames.filter((name) => libFiles.getText(name) === undefined)).toEqual([]);
    expect(libFiles.getText('lib.nothing.d.ts')).toBeUndefined();
    expect(libFiles.getText('typescript.js')).toBeUndefined();
    expect(libFiles.getText('tsserverlibrary.d.ts')).toBeUndefined();
  });

  it("uses ts-morph's copies for another major.minor, or without an installed typescript", () => {
    for (const libFiles of [createLibFiles(typescript5), createLibFiles(undefined)]) {
      expect(libFiles.location).toBe('bundled with ts-morph');
      expect(libFiles.getText('lib.es2023.d.ts')).toContain('/// <reference lib="es2022" />');
      expect(libFiles.getText('lib.d.ts')).toContain('/// <reference lib="es5" />');
      expect(libFiles.getText('lib.nothing.d.ts')).toBeUndefined();
    }
  });

  it("uses ts-morph's copies when the installed lib folder lacks a lib file the bundled TypeScript may read (a pre-release of 6.0)", () => {
    const packageDir = mkdtempSync(path.join(tmpdir(), 'closewait-typescript-'));
    mkdirSync(path.join(packageDir, 'lib'));
    for (const name of bundledNames.filter((name) => name !== 'lib.es2025.d.ts')) copyFileSync(path.join(libFolder, name), path.join(packageDir, 'lib', name));
    const prerelease: ProjectTypeScript = { version: '6.0.0-dev.20250801', packageJson: path.join(packageDir, 'package.json') };
    expect(createLibFiles(prerelease).location).toBe('bundled with ts-morph');
    // The same folder with that file is used.
    copyFileSync(path.join(libFolder, 'lib.es2025.d.ts'), path.join(packageDir, 'lib', 'lib.es2025.d.ts'));
    expect(createLibFiles(prerelease).location).toBe(path.join(packageDir, 'lib'));
  });

  it("uses ts-morph's copies when the installed package has no lib folder", () => {
    const broken: ProjectTypeScript = { version: installed.version, packageJson: path.join(repoRoot, 'test', 'package.json') };
    expect(createLibFiles(broken).location).toBe('bundled with ts-morph');
  });
});

describe('getLibFileText', () => {
  it("reads the lib folder of the typescript closewait resolves", () => {
    // Compared as a boolean: a failure would print both files whole.
    expect(getLibFileText('lib.es5.d.ts') === readFileSync(path.join(libFolder, 'lib.es5.d.ts'), 'utf8')).toBe(true);
  });
});
