/**
 * The README's "JavaScript files" set-up, run as written: test/fixtures/js-example-project holds
 * exactly the README's tsconfig.json and eslint.config.mjs (the test fails when they drift apart),
 * and the real `eslint` binary lints its .js, .mjs and .cjs files through them with the BUILT
 * plugin (`eslint-plugin-closewait` resolves to this package by self-reference, so `npm run build`
 * first). The CLI must report the same findings on the same project.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const projectDir = path.join(rootDir, 'test', 'fixtures', 'js-example-project');

/** The fenced blocks of the README section `### <title>`, by language. */
function getReadmeBlocks(title: string): Map<string, string> {
  const readme = readFileSync(path.join(rootDir, 'README.md'), 'utf8');
  const heading = `### ${title}\n`;
  const start = readme.indexOf(heading);
  if (start === -1) throw new Error(`README.md has no "### ${title}" section`);
  const body = readme.slice(start + heading.length);
  const end = body.search(/^#{2,3} /mu);
  const section = end === -1 ? body : body.slice(0, end);
  return new Map([...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gmu)].map((match) => [match[1]!, match[2]!] as const));
}

interface EslintJsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; message: string }[];
}

function runEslint(): Promise<{ code: number; results: EslintJsonResult[]; stderr: string }> {
  const eslintBin = path.join(rootDir, 'node_modules', 'eslint', 'bin', 'eslint.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [eslintBin, '--format', 'json', '.'], { cwd: projectDir, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? Number(error.code) : 0, results: JSON.parse(stdout || '[]') as EslintJsonResult[], stderr });
    });
  });
}

describe('README: JavaScript files', () => {
  const blocks = getReadmeBlocks('JavaScript files');

  beforeAll(() => {
    if (!existsSync(path.join(rootDir, 'dist', 'src', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  });

  it('is the set-up of the example project, word for word', () => {
    expect(readFileSync(path.join(projectDir, 'tsconfig.json'), 'utf8')).toBe(blocks.get('json'));
    expect(readFileSync(path.join(projectDir, 'eslint.config.mjs'), 'utf8')).toBe(blocks.get('js'));
  });

  it('lints .js, .mjs and .cjs files and finds their leaks', async () => {
    const eslint = await runEslint();
    const files = eslint.results.map((result) => path.relative(projectDir, result.filePath)).sort();
    expect(files, eslint.stderr).toEqual(['eslint.config.mjs', 'lib/status.cjs', 'src/send.js', 'src/server.mjs']);
    const findings = eslint.results.flatMap((result) =>
      result.messages.map((message) => `${path.relative(projectDir, result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? '(fatal)'}`),
    );
    expect(findings.sort()).toEqual(['lib/status.cjs:5:38 closewait/consume-response-body', 'src/send.js:6:5 closewait/no-leaked-socket']);
    expect(eslint.code).toBe(1);

    const cli = run({ cwd: projectDir });
    expect(cli.errors).toEqual([]);
    expect(cli.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} closewait/${finding.ruleId}`)).toEqual(findings.sort());
  });
});
