/**
 * End to end through the real `eslint` binary: a small project (example/)
 * whose eslint.config.mjs loads the BUILT plugin (dist/, so `npm run build` first) the way a user
 * would, with typescript-eslint's project service. It holds exactly two known leaks.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTsconfigProgram, getDiagnosticsText } from '../tsconfig-programs.js';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const projectDir = path.join(rootDir, 'example');
const eslintBin = path.join(rootDir, 'node_modules', '.bin', 'eslint');
const builtPlugin = path.join(rootDir, 'dist', 'src', 'index.js');

interface EslintJsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; message: string; fatal?: boolean }[];
}

interface EslintRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `eslint --format json src` in the fixture project; resolves whatever the exit status. */
function runEslint(): Promise<EslintRun> {
  return new Promise((resolve, reject) => {
    execFile(
      eslintBin,
      ['--format', 'json', 'src'],
      { cwd: projectDir, env: { ...process.env, CLOSEWAIT_DEBUG: '1' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

describe('example project through the eslint binary', () => {
  let run: EslintRun;

  beforeAll(async () => {
    const built = existsSync(builtPlugin)
      ? ((await import(/* @vite-ignore */ pathToFileURL(builtPlugin).href)) as { default?: { configs?: object } })
      : undefined;
    if (!built?.default?.configs) {
      throw new Error(`${path.relative(rootDir, builtPlugin)} is missing or stale: run \`npm run build\` first`);
    }
    run = await runEslint();
  });

  it('lints every source file without crashing', () => {
    expect(run.exitCode, run.stderr).not.toBe(2);
    const results = JSON.parse(run.stdout) as EslintJsonResult[];
    const files = results.map((result) => path.relative(projectDir, result.filePath).split(path.sep).join('/')).sort();
    expect(files).toEqual(['src/client.ts', 'src/connect.ts', 'src/main.ts', 'src/server.ts']);
  });

  it('reports exactly the two known leaks, on the leaking returns', () => {
    const results = JSON.parse(run.stdout) as EslintJsonResult[];
    const findings = results
      .flatMap((result) =>
        result.messages.map((message) => ({
          file: path.relative(projectDir, result.filePath).split(path.sep).join('/'),
          ruleId: message.ruleId,
          line: message.line,
          column: message.column,
        })),
      )
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);

    const details = results
      .flatMap((result) => result.messages.map((m) => `${result.filePath}:${m.line}:${m.column} ${m.ruleId ?? '(fatal)'} ${m.message}`))
      .join('\n');
    expect(findings, `eslint reported:\n${details || '(nothing)'}\n${run.stderr}`).toEqual([
      // sendLine: `return;` on a blank line, after net.connect and before socket.end.
      { file: 'src/connect.ts', ruleId: 'closewait/no-leaked-socket', line: 7, column: 5 },
      // createEchoServer's connection handler: `return;` for an over-limit client.
      { file: 'src/server.ts', ruleId: 'closewait/no-leaked-socket', line: 8, column: 7 },
    ]);
    expect(run.exitCode).toBe(1);
  });
});

describe('example project', () => {
  it('is a type-correct project', () => {
    const configPath = path.join(projectDir, 'tsconfig.json');
    expect(getDiagnosticsText(createTsconfigProgram(configPath), projectDir)).toBe('');
  });
});
