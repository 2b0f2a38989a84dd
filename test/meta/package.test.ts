/**
 * What `npm publish` would ship, read from `npm pack --dry-run --json` (without scripts: `npm test`
 * has just built dist/), and the package.json fields a user's tools read.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const packageJson = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as {
  license: string;
  repository?: { type: string; url: string };
  homepage?: string;
  bugs?: { url: string };
  bin: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
  scripts: Record<string, string>;
};
const REPOSITORY = 'https://github.com/closewait/eslint-plugin-closewait';

let files: string[];

beforeAll(() => {
  // `npm` is a script on Windows; a shell finds npm.cmd there.
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: rootDir, encoding: 'utf8', shell: process.platform === 'win32' });
  files = (JSON.parse(output) as [{ files: { path: string }[] }])[0].files.map((file) => file.path).sort();
});

describe('the packed package', () => {
  it('holds the built code, its types, the docs, README, LICENSE and package.json, and nothing else', () => {
    const unexpected = files.filter(
      (file) => !/^dist\/(src|rules)\/.+\.(js|d\.ts)$/.test(file) && !/^docs\/.+\.md$/.test(file) && !['README.md', 'LICENSE', 'package.json'].includes(file),
    );
    expect(unexpected).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'docs/cli.md', 'docs/rules/no-leaked-socket.md']));
  });

  it('ships no source maps (they would point at sources it does not ship) and nothing from test/', () => {
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('test/') || file.includes('/test/') || file.startsWith('src/') || file.startsWith('bench/'))).toEqual([]);
  });

  it('has every entry point and its types', () => {
    const targets = [...Object.values(packageJson.bin), ...Object.values(packageJson.exports).flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry.types, entry.default]))];
    for (const target of targets) expect(files).toContain(path.posix.normalize(target));
  });
});

describe('package.json', () => {
  it('has a LICENSE file that matches its license', () => {
    expect(packageJson.license).toBe('MIT');
    expect(readFileSync(path.join(rootDir, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
  });

  it('says where the code, the docs and the issue tracker are (the URLs the rule docs use)', () => {
    expect(packageJson.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git` });
    expect(packageJson.homepage).toBe(`${REPOSITORY}#readme`);
    expect(packageJson.bugs).toEqual({ url: `${REPOSITORY}/issues` });
    expect(readFileSync(path.join(rootDir, 'src', 'eslint', 'create-rule.ts'), 'utf8')).toContain(REPOSITORY);
  });

  it('builds when packed, not on every install (npm warns users about install scripts)', () => {
    expect(packageJson.scripts['prepare']).toBeUndefined();
    expect(packageJson.scripts['install']).toBeUndefined();
    expect(packageJson.scripts['postinstall']).toBeUndefined();
    expect(packageJson.scripts['prepack']).toMatch(/\bnpm run build\b/);
  });
});
