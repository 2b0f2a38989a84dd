/**
 * Rule factory: typescript-eslint's RuleCreator (for the docs URL) plus the bridge every closewait
 * rule shares — get the typed program from the parser, run one engine check, report its findings.
 */
import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
// The subpath, not the package's index: the index loads ESLint itself and typescript-eslint's scope
// manager (some 300 modules), which the CLI reads these rules' metadata without needing.
import { getParserServices, RuleCreator } from '@typescript-eslint/utils/eslint-utils';
import type ts from 'typescript';
import { getCheckFindings, getEngineNamespace, type CheckId, type EngineHost, type EngineOptions, type Finding, type Ts } from '../engine/index.js';

export interface ClosewaitDocs {
  description: string;
  /** In `configs.recommended` (and so in `configs.strict`). */
  recommended: boolean;
  /** In `configs.strict` only (implies `recommended: false`). */
  strict?: boolean;
  requiresTypeChecking: true;
}

export const docsUrl = (name: string): string =>
  `https://github.com/closewait/eslint-plugin-closewait/blob/main/docs/rules/${name}.md`;

export const createRule = RuleCreator<ClosewaitDocs>(docsUrl);

/**
 * The `typescript` the parser resolves (a peer dependency), loaded on first use: the CLI reads the
 * rules' metadata without paying for a second copy of TypeScript next to ts-morph's.
 */
let typescript: Ts | undefined;
const loadTypeScript = (): Ts => (typescript ??= createRequire(import.meta.url)('typescript') as Ts);

/** Engine host for the file being linted; one per Program so engine caches are shared across files. */
const hosts = new WeakMap<ts.Program, EngineHost>();
function getHost(program: ts.Program): EngineHost {
  const cached = hosts.get(program);
  if (cached) return cached;
  const host: EngineHost = { ts: getEngineNamespace(loadTypeScript()), program, checker: program.getTypeChecker() };
  hosts.set(program, host);
  return host;
}

/** The ESLint listener that runs `check` once per file and reports every finding. */
export function createEngineListener<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  check: CheckId,
  engineOptions: EngineOptions,
): TSESLint.RuleListener {
  const services = getParserServices(context);
  return {
    Program(node) {
      const sourceFile = services.esTreeNodeToTSNodeMap.get(node);
      const findings = getCheckFindings(check, sourceFile, getHost(services.program), engineOptions);
      for (const finding of findings) reportFinding(context, finding);
    },
  };
}

function reportFinding<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  finding: Finding,
): void {
  const { sourceCode } = context;
  const sourceFile = finding.node.getSourceFile();
  const loc = {
    start: sourceCode.getLocFromIndex(finding.node.getStart(sourceFile)),
    end: sourceCode.getLocFromIndex(finding.node.getEnd()),
  };
  context.report({
    loc,
    messageId: finding.messageId as MessageIds,
    data: finding.data,
    suggest: finding.suggestions.map((suggestion) => ({
      messageId: suggestion.messageId as MessageIds,
      data: suggestion.data,
      fix: (fixer) => suggestion.edits.map((edit) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text)),
    })),
  });
}
