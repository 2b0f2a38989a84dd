/**
 * Reading the CFG fixtures of test/fixtures/cfg: `<construct>--<case>-N.ts`, one function each and a
 * block comment `/* expected:` … `*\/` holding the exact `formatCfg` text of its graph. Parsing
 * needs no Program: `ts.createSourceFile` with parent pointers is all the builder uses.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { buildCfg } from '../../../src/engine/cfg/build.js';
import type { Cfg } from '../../../src/engine/cfg/graph.js';
import { toDot } from '../../../src/engine/cfg/format.js';
import { isFunctionWithBody, type FunctionWithBody } from '../../../src/engine/lifecycle/syntax.js';

export const cfgFixturesDir = fileURLToPath(new URL('../../fixtures/cfg/', import.meta.url));

/** `<construct>--<case>-N.ts`: lower-case words joined by `-`, a numbered case. */
export const fixtureNamePattern = /^[a-z]+(?:-[a-z]+)*--[a-z]+(?:-[a-z]+)*-\d+\.ts$/;

export interface CfgFixture {
  readonly name: string;
  readonly sourceFile: ts.SourceFile;
  readonly fn: FunctionWithBody;
  readonly expected: string;
}

export function listCfgFixtures(): string[] {
  return readdirSync(cfgFixturesDir)
    .filter((name) => name.endsWith('.ts'))
    .sort();
}

export function parseSource(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** The outermost functions with a body, in source order. */
export function getOutermostFunctions(sourceFile: ts.SourceFile): FunctionWithBody[] {
  const found: FunctionWithBody[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionWithBody(ts, node)) {
      found.push(node);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

export function readCfgFixture(name: string): CfgFixture {
  const text = readFileSync(path.join(cfgFixturesDir, name), 'utf8');
  const match = /\/\* expected:\n([\s\S]*?)\*\//.exec(text);
  if (!match) throw new Error(`${name}: no /* expected: ... */ comment`);
  const sourceFile = parseSource(name, text);
  const functions = getOutermostFunctions(sourceFile);
  if (functions.length !== 1) throw new Error(`${name}: expected exactly one outermost function, found ${functions.length}`);
  const expected = match[1]!
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
  return { name, sourceFile, fn: functions[0]!, expected };
}

export function buildFixtureCfg(fixture: CfgFixture): Cfg {
  return buildCfg(ts, fixture.fn);
}

/** The debug switch: with CLOSEWAIT_DEBUG_CFG=<dir>, writes `<fixture>.dot` there. */
export function dumpDotIfRequested(name: string, cfg: Cfg, sourceFile: ts.SourceFile): void {
  const dir = process.env['CLOSEWAIT_DEBUG_CFG'];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name.replace(/\.ts$/, '.dot')), toDot(ts, cfg, sourceFile));
}
