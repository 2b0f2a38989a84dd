/** The built executable, as `npx closewait` runs it (`npm test` builds first). */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageMeta } from '../../src/package-meta.js';
import { fixture, repoRoot } from './helpers.js';

const bin = path.join(repoRoot, 'dist', 'src', 'cli', 'bin.js');

function runBin(argv: string[], cwd: string, timeout = 0, nodeArgs: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...nodeArgs, bin, ...argv], { cwd, timeout, env: { ...process.env, FORCE_COLOR: '', NO_COLOR: '' } }, (error, stdout, stderr) => {
      if (error?.killed) reject(new Error(`closewait ${argv.join(' ')} did not finish in ${timeout} ms`));
      else if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('dist/src/cli/bin.js', () => {
  beforeAll(() => {
    if (!existsSync(bin)) throw new Error(`${path.relative(repoRoot, bin)} is missing: run \`npm run build\` first`);
  });

  it('is a node script', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('reports findings with exit status 1, without colours or progress when piped', async () => {
    const run = await runBin([], fixture('leaks'));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).toContain('src/early-return.ts\n  5:10  ');
    expect(run.stdout).toContain('src/net/fall-off.ts\n  4:18  ');
  });

  it('writes clean SARIF to a pipe', async () => {
    const run = await runBin(['--format', 'sarif'], fixture('leaks'));
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).runs[0].results).toHaveLength(2);
  });

  it('exits 0 on a clean project', async () => {
    expect((await runBin(['-q'], fixture('clean'))).code).toBe(0);
  });

  it('exits 2 on a broken tsconfig with one line and no stack trace', async () => {
    expect(await runBin([], fixture('broken-tsconfig'))).toEqual({ code: 2, stdout: '', stderr: "closewait: tsconfig.json:6:3: ',' expected. (TS1005)\n" });
  });

  // Node's recursive mkdir spins for ever under /proc; the report's folder is made one level at a time.
  it.runIf(process.platform === 'linux' && existsSync('/proc/self'))('exits 2 at once for an --output it cannot create (/proc)', async () => {
    expect(await runBin(['-o', '/proc/nope/report.txt'], fixture('leaks'), 20_000)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'closewait: cannot write /proc/nope/report.txt: cannot create the folder /proc/nope (the file system does not allow it)\n',
    });
  });

  it("loads ts-morph's TypeScript alone: not @ts-morph/common's main module, which holds every lib file as a string", async () => {
    // A preload that lists, at exit, the modules of @ts-morph/common that were loaded.
    const preload = path.join(mkdtempSync(path.join(tmpdir(), 'closewait-bin-')), 'modules.cjs');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('@ts-morph')).map((f) => f.slice(f.indexOf('@ts-morph'))))));");
    const run = await runBin([], fixture('leaks'), 0, ['--require', preload]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr)).toEqual(['@ts-morph/common/dist/typescript.js']);
  });

  it("turns on Node's compile cache before it loads TypeScript, as tsc does", async () => {
    // Node 20 has no module.enableCompileCache (the CLI then goes on without it): a preload stands
    // in for it and notes whether TypeScript was loaded already when it was called.
    const preload = path.join(mkdtempSync(path.join(tmpdir(), 'closewait-bin-')), 'compile-cache.cjs');
    writeFileSync(
      preload,
      [
        "const nodeModule = require('node:module');",
        'const calls = [];',
        "nodeModule.enableCompileCache = () => { calls.push(Object.keys(require.cache).some((f) => f.endsWith('typescript.js')) ? 'after TypeScript' : 'before TypeScript'); return { status: 0 }; };",
        "process.on('exit', () => process.stderr.write(JSON.stringify(calls)));",
      ].join('\n'),
    );
    const run = await runBin([], fixture('leaks'), 0, ['--require', preload]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr)).toEqual(['before TypeScript']);
  });

  it('prints its version', async () => {
    expect(await runBin(['--version'], fixture('clean'))).toEqual({ code: 0, stdout: `${packageMeta.version}\n`, stderr: '' });
  });
});
