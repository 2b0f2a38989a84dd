import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClosewaitError } from '../../src/cli/errors.js';
import { planAudit } from '../../src/cli/plan.js';
import { loadProgram, type LoadedProgram } from '../../src/cli/project.js';
import { fixture } from './helpers.js';

interface LoadedProject extends LoadedProgram {
  /** Absolute path of the tsconfig.json used; undefined for a default program. */
  readonly tsconfig: string | undefined;
}

/** Plan the audit of one project and load its program, as run() does for each project. */
function loadProject(options: { cwd: string; paths: readonly string[]; project: string | undefined }): LoadedProject {
  const plan = planAudit({ cwd: options.cwd, paths: options.paths, projects: options.project === undefined ? [] : [options.project] });
  expect(plan.projects).toHaveLength(1);
  const [project] = plan.projects;
  const { source } = project!.inputs;
  return { ...loadProgram(project!.inputs, project!.extraRoots, project!.assigned, options.cwd), tsconfig: source.kind === 'tsconfig' ? source.tsconfig : undefined };
}

const files = (project: LoadedProject, root: string) => project.sourceFiles.map((file) => path.relative(root, file.fileName));

function getError(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ClosewaitError);
    return (error as Error).message;
  }
  throw new Error('expected a ClosewaitError');
}

describe('loading a tsconfig project', () => {
  it('finds tsconfig.json in the working directory and analyses its files', () => {
    const cwd = fixture('leaks');
    const project = loadProject({ cwd, paths: [], project: undefined });
    expect(project.tsconfig).toBe(fixture('leaks', 'tsconfig.json'));
    expect(files(project, cwd)).toEqual(['src/clean.ts', 'src/early-return.ts', 'src/net/fall-off.ts']);
    expect(project.errors).toEqual([]);
  });

  it('finds tsconfig.json upward from a subdirectory', () => {
    const project = loadProject({ cwd: fixture('leaks', 'src', 'net'), paths: [], project: undefined });
    expect(project.tsconfig).toBe(fixture('leaks', 'tsconfig.json'));
    expect(project.sourceFiles).toHaveLength(3);
  });

  it('takes --project as a file or a directory', () => {
    const cwd = fixture('leaks');
    expect(loadProject({ cwd, paths: [], project: 'tsconfig.json' }).tsconfig).toBe(fixture('leaks', 'tsconfig.json'));
    expect(loadProject({ cwd: fixture(), paths: [], project: 'leaks' }).tsconfig).toBe(fixture('leaks', 'tsconfig.json'));
  });

  it('narrows the selection to the given paths, keeping the whole program for types', () => {
    const cwd = fixture('leaks');
    const project = loadProject({ cwd, paths: ['src/net', 'src/clean.ts'], project: undefined });
    expect(files(project, cwd)).toEqual(['src/clean.ts', 'src/net/fall-off.ts']);
    expect(project.host.program.getSourceFile(fixture('leaks', 'src', 'early-return.ts'))).toBeDefined();
  });

  it('adds a named file that the tsconfig does not include', () => {
    const cwd = fixture('leaks');
    const project = loadProject({ cwd, paths: ['scripts/tool.ts'], project: undefined });
    expect(files(project, cwd)).toEqual(['scripts/tool.ts']);
  });

  it('adds the files of a named directory that the tsconfig lists no file of', () => {
    const cwd = fixture('leaks');
    expect(files(loadProject({ cwd, paths: ['scripts'], project: undefined }), cwd)).toEqual(['scripts/tool.ts']);
    // A directory with listed files keeps the tsconfig's choice: scripts/ and tools/ stay out.
    expect(files(loadProject({ cwd, paths: ['.'], project: undefined }), cwd)).toEqual(['src/clean.ts', 'src/early-return.ts', 'src/net/fall-off.ts']);
  });

  it('analyses a named JavaScript file in a project without allowJs', () => {
    const cwd = fixture('leaks');
    const project = loadProject({ cwd, paths: ['tools/send.js'], project: undefined });
    expect(files(project, cwd)).toEqual(['tools/send.js']);
    expect(project.errors).toEqual([]);
    expect(project.host.program.getCompilerOptions().allowJs).toBe(true);
  });

  it('gives one error per file with syntax errors: the first, and how many follow', () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'closewait-syntax-'));
    try {
      writeFileSync(path.join(cwd, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ['*.ts'] }));
      writeFileSync(path.join(cwd, 'broken.ts'), 'export function oops(port: number {\n  return port;\n}\n');
      writeFileSync(path.join(cwd, 'fine.ts'), 'export const one = 1;\n');
      const project = loadProject({ cwd, paths: [], project: undefined });
      expect(project.errors).toHaveLength(1);
      expect(project.errors[0]).toMatchObject({ file: 'broken.ts', line: 1, column: 35 });
      expect(project.errors[0]!.message).toMatch(/^',' expected\. \(TS1005\), and \d+ more syntax errors? in this file$/);
      expect(files(project, cwd)).toEqual(['fine.ts']);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('follows a solution-style tsconfig to its referenced projects', () => {
    const cwd = fixture('solution');
    expect(planAudit({ cwd, paths: [], projects: [] }).projects.map((project) => [project.label, project.assigned.map((file) => path.relative(cwd, file))])).toEqual([
      ['packages/api/tsconfig.json', ['packages/api/src/client.ts']],
      ['tsconfig.json', []],
    ]);
    expect(files(loadProject({ cwd, paths: [], project: 'packages/api' }), cwd)).toEqual(['packages/api/src/client.ts']);
  });

  it('resolves @types/node from the repository, so Node types are real', () => {
    const project = loadProject({ cwd: fixture('leaks'), paths: ['src/clean.ts'], project: undefined });
    const { program } = project.host;
    const file = program.getSourceFile(fixture('leaks', 'src', 'clean.ts'))!;
    // Without @types/node this would say "Cannot find module 'node:net'".
    expect(program.getSemanticDiagnostics(file).map((d) => d.messageText)).toEqual([]);
    // TypeScript's lib files come from ts-morph's copy, as default library files (what `from: 'lib'` specifiers match).
    expect(program.getSourceFiles().filter((sourceFile) => program.isSourceFileDefaultLibrary(sourceFile)).map((sourceFile) => path.basename(sourceFile.fileName))).toContain('lib.es2023.d.ts');
  });

  it('loads a JavaScript project through allowJs', () => {
    const cwd = fixture('js-project');
    expect(files(loadProject({ cwd, paths: [], project: undefined }), cwd)).toEqual(['lib/client.js']);
  });
});

describe('the default program (no tsconfig)', () => {
  const cwd = fixture('no-tsconfig');
  const modules = path.join(cwd, 'node_modules');

  beforeAll(() => {
    // Created here because the repository ignores node_modules: dependencies are never analysed.
    mkdirSync(path.join(modules, 'dep'), { recursive: true });
    writeFileSync(path.join(modules, 'dep', 'index.js'), "import net from 'node:net';\nexport const leak = () => { net.connect(80).write('x'); };\n");
  });
  afterAll(() => rmSync(modules, { recursive: true, force: true }));

  it('takes every JS and TS file under the working directory, not node_modules or dot-directories', () => {
    const project = loadProject({ cwd, paths: [], project: undefined });
    expect(project.tsconfig).toBeUndefined();
    expect(files(project, cwd)).toEqual(['lib/client.js', 'src/server.ts']);
  });

  it('uses allowJs, NodeNext and @types/node', () => {
    const options = loadProject({ cwd, paths: ['lib'], project: undefined }).host.program.getCompilerOptions();
    expect(options).toMatchObject({ allowJs: true, checkJs: false, types: ['node'], noEmit: true });
    expect(options.typeRoots?.[0]).toMatch(/node_modules[/\\]@types$/);
  });
});

describe('project errors', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-project-'));
    writeFileSync(path.join(scratch, 'package.json'), '{}');
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('fails on a --project that does not exist', () => {
    expect(getError(() => loadProject({ cwd: fixture('leaks'), paths: [], project: 'missing/tsconfig.json' }))).toBe('tsconfig not found: missing/tsconfig.json');
    expect(getError(() => loadProject({ cwd: fixture(), paths: [], project: 'leaks/src' }))).toBe('no tsconfig.json in leaks/src');
  });

  it('fails on broken tsconfig JSON with file:line:col', () => {
    expect(getError(() => loadProject({ cwd: fixture('broken-tsconfig'), paths: [], project: undefined }))).toBe("tsconfig.json:6:3: ',' expected. (TS1005)");
  });

  it('fails on a tsconfig whose extends cannot be read', () => {
    expect(getError(() => loadProject({ cwd: fixture('missing-extends'), paths: [], project: undefined }))).toBe(
      `tsconfig.json: Cannot read file '${fixture('missing-extends', 'tsconfig.base.json')}'. (TS5083)`,
    );
  });

  it('fails on a tsconfig whose include matches nothing', () => {
    expect(getError(() => loadProject({ cwd: fixture('empty-project'), paths: [], project: undefined }))).toBe('no JavaScript or TypeScript files to analyse in tsconfig.json');
  });

  it('fails on an empty directory without a tsconfig', () => {
    expect(getError(() => loadProject({ cwd: scratch, paths: [], project: undefined }))).toBe(`no JavaScript or TypeScript files to analyse in ${scratch}`);
  });

  it('fails on a path that does not exist, or is not a source file', () => {
    expect(getError(() => loadProject({ cwd: fixture('leaks'), paths: ['src/nope.ts'], project: undefined }))).toBe('no such file or directory: src/nope.ts');
    expect(getError(() => loadProject({ cwd: fixture('leaks'), paths: ['tsconfig.json'], project: undefined }))).toBe('not a JavaScript or TypeScript source file: tsconfig.json');
  });

  it('reports syntax errors with file:line:col and analyses the other files', () => {
    const cwd = fixture('syntax-error');
    const project = loadProject({ cwd, paths: [], project: undefined });
    expect(project.errors).toEqual([{ file: 'src/broken.ts', line: 4, column: 27, message: "')' expected. (TS1005)" }]);
    expect(files(project, cwd)).toEqual(['src/leak.ts']);
  });

  it('reports a listed file that is a directory', () => {
    const cwd = fixture('unreadable');
    const project = loadProject({ cwd, paths: [], project: undefined });
    expect(project.errors).toEqual([{ file: 'src/folder.ts', message: 'cannot read file: is a directory, not a file' }]);
    expect(files(project, cwd)).toEqual(['src/ok.ts']);
  });

  describe('a dangling symlink matched by include', () => {
    const link = fixture('dangling', 'src', 'dangling.ts');
    beforeAll(() => symlinkSync('missing-target.ts', link));
    afterAll(() => rmSync(link, { force: true }));

    it('is reported, where tsc would skip it silently', () => {
      const cwd = fixture('dangling');
      const project = loadProject({ cwd, paths: [], project: undefined });
      expect(project.errors).toEqual([{ file: 'src/dangling.ts', message: 'cannot read file: no such file (or a dangling symbolic link)' }]);
      expect(files(project, cwd)).toEqual(['src/ok.ts']);
    });

    it('is reported when named on the command line', () => {
      const project = loadProject({ cwd: fixture('dangling'), paths: ['src/dangling.ts'], project: undefined });
      expect(project.errors).toEqual([{ file: 'src/dangling.ts', message: 'cannot read file: no such file (or a dangling symbolic link)' }]);
    });
  });
});
