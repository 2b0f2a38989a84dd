/**
 * Builds the control-flow graph (see graph.ts) of one function body from the TypeScript AST.
 *
 * The builder keeps a list of *pending* edges: the open ends of the path being built, connected to
 * the next node made. Branches save and restore that list. A stack of frames knows where a jump
 * goes: loops, switches and labeled blocks for `break`/`continue`, `try` statements for exceptions
 * and `finally` copies, and blocks with `let`/`const` bindings for scope ends.
 */
import type * as ts from 'typescript';
import type { Ts } from '../host.js';
import { UnsupportedCodeError, type Cfg, type CfgNode, type CfgNodeKind, type EdgeKind, type ExitKind } from './graph.js';

/** Past these the function is too large or too deep to analyse; the engine gives up on it. */
const MAX_NODES = 50_000;
const MAX_DEPTH = 1_500;

interface Pending {
  readonly from: CfgNode;
  readonly kind: EdgeKind;
  readonly test?: ts.Expression;
}

interface JumpTargetFrame {
  readonly type: 'loop' | 'switch' | 'labeled';
  readonly labels: readonly string[];
  readonly breakPending: Pending[];
  readonly continuePending: Pending[];
}

interface TryFrame {
  readonly type: 'try';
  readonly region: 'try' | 'catch';
  readonly hasCatch: boolean;
  readonly finallyBlock: ts.Block | undefined;
  /** Explicit throws and implicit exceptions bound for the `catch` clause (region `try` only). */
  readonly catchPending: Pending[];
  /** Exceptions bound for the exceptional copy of `finally` (when there is no catch, or from the catch). */
  readonly finallyPending: Pending[];
}

interface ScopeFrame {
  readonly type: 'scope';
  readonly block: ts.Node;
}

type Frame = JumpTargetFrame | TryFrame | ScopeFrame;

export function buildCfg(ts: Ts, fn: ts.SignatureDeclaration & { body?: ts.Node | undefined }): Cfg {
  return new CfgBuilder(ts, fn).build();
}

class CfgBuilder {
  private readonly nodes: CfgNode[] = [];
  private readonly nodesByAst = new Map<ts.Node, CfgNode[]>();
  private pending: Pending[] = [];
  private frames: Frame[] = [];
  /** Open ends of optional chains: the `nullish` edges that skip to the end of the outermost chain. */
  private readonly chainEnds: Pending[][] = [];
  private implicitThrowExit: CfgNode | undefined;
  private depth = 0;

  constructor(
    private readonly ts: Ts,
    private readonly fn: ts.SignatureDeclaration & { body?: ts.Node | undefined },
  ) {}

  build(): Cfg {
    const { ts, fn } = this;
    const entry = this.addNode('entry', fn);
    const body = fn.body;
    if (body) {
      if (ts.isBlock(body)) {
        this.visitStatements(body.statements);
      } else {
        // An expression body returns its value and ends there: reports stand on the function.
        this.visitExpression(body as ts.Expression);
        this.addNode('return-value', body);
      }
    }
    if (this.pending.length > 0) this.addNode('exit', fn, { exitKind: 'end' });
    this.pending = [];
    return { fn, entry, nodes: this.nodes, nodesByAst: this.nodesByAst };
  }

  // ---- nodes and edges -------------------------------------------------------------------

  private addNode(kind: CfgNodeKind, ast: ts.Node, extra: { exitKind?: ExitKind; via?: ts.Node } = {}): CfgNode {
    if (this.nodes.length >= MAX_NODES) throw new UnsupportedCodeError('function too large to analyse');
    const node: CfgNode = { id: this.nodes.length, kind, ast, next: [], ...extra };
    this.nodes.push(node);
    let list = this.nodesByAst.get(ast);
    if (!list) this.nodesByAst.set(ast, (list = []));
    list.push(node);
    this.connectPendingTo(node);
    this.pending = kind === 'exit' ? [] : [{ from: node, kind: 'normal' }];
    return node;
  }

  private connectPendingTo(node: CfgNode): void {
    for (const edge of this.pending) {
      edge.from.next.push(edge.test ? { to: node, kind: edge.kind, test: edge.test } : { to: node, kind: edge.kind });
    }
    this.pending = [];
  }

  /** An evaluated node; inside a `try` a call or `await` may also throw to the handler. */
  private addElement(ast: ts.Node, mayThrow: boolean): CfgNode {
    const node = this.addNode('element', ast);
    if (mayThrow) this.addExceptionEdge(node);
    return node;
  }

  private addExceptionEdge(node: CfgNode): void {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i]!;
      if (frame.type !== 'try') continue;
      if (frame.region === 'try' && frame.hasCatch) {
        frame.catchPending.push({ from: node, kind: 'exception' });
        return;
      }
      if (frame.finallyBlock) {
        frame.finallyPending.push({ from: node, kind: 'exception' });
        return;
      }
    }
    // Outside any try: an implicit exception is not an exit we model.
  }

  /** A point where several pending edges meet, so the next branch can label its own edges. */
  private joinIfNeeded(ast: ts.Node): void {
    if (this.pending.length > 1 || this.pending.some((edge) => edge.kind !== 'normal')) this.addNode('join', ast);
  }

  private relabel(edges: readonly Pending[], kind: EdgeKind, test: ts.Expression): Pending[] {
    return edges.map((edge) => ({ from: edge.from, kind, test }));
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new UnsupportedCodeError('code nested too deeply to analyse');
  }

  private leave(): void {
    this.depth--;
  }

  // ---- statements ------------------------------------------------------------------------

  private visitStatements(statements: readonly ts.Statement[]): void {
    for (const statement of statements) this.visitStatement(statement);
  }

  private visitStatement(node: ts.Statement, labels: readonly string[] = []): void {
    this.enter();
    try {
      this.visitStatementInner(node, labels);
    } finally {
      this.leave();
    }
  }

  private visitStatementInner(node: ts.Statement, labels: readonly string[]): void {
    const { ts } = this;
    switch (node.kind) {
      case ts.SyntaxKind.Block:
        return this.visitBlock(node as ts.Block);
      case ts.SyntaxKind.VariableStatement:
        return this.visitDeclarationList((node as ts.VariableStatement).declarationList);
      case ts.SyntaxKind.ExpressionStatement:
        return this.visitExpression((node as ts.ExpressionStatement).expression);
      case ts.SyntaxKind.IfStatement:
        return this.visitIf(node as ts.IfStatement);
      case ts.SyntaxKind.ReturnStatement:
        return this.visitReturn(node as ts.ReturnStatement);
      case ts.SyntaxKind.ThrowStatement:
        return this.visitThrow(node as ts.ThrowStatement);
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement:
        return this.visitBreakOrContinue(node as ts.BreakOrContinueStatement);
      case ts.SyntaxKind.WhileStatement:
        return this.visitWhile(node as ts.WhileStatement, labels);
      case ts.SyntaxKind.DoStatement:
        return this.visitDo(node as ts.DoStatement, labels);
      case ts.SyntaxKind.ForStatement:
        return this.visitFor(node as ts.ForStatement, labels);
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
        return this.visitForOfIn(node as ts.ForOfStatement | ts.ForInStatement, labels);
      case ts.SyntaxKind.SwitchStatement:
        return this.visitSwitch(node as ts.SwitchStatement, labels);
      case ts.SyntaxKind.LabeledStatement:
        return this.visitLabeled(node as ts.LabeledStatement, labels);
      case ts.SyntaxKind.TryStatement:
        return this.visitTry(node as ts.TryStatement);
      case ts.SyntaxKind.WithStatement:
        throw new UnsupportedCodeError('`with` statements are not analysed');
      default:
        // Declarations of functions, classes, types, imports; empty and debugger statements:
        // nothing is evaluated here (nested functions are analysed as their own bodies).
        return;
    }
  }

  private visitBlock(block: ts.Block): void {
    const scoped = this.declaresBlockScopedBindings(block.statements);
    if (scoped) this.frames.push({ type: 'scope', block });
    this.visitStatements(block.statements);
    if (scoped) {
      this.frames.pop();
      if (this.pending.length > 0) this.addNode('scope-end', block);
    }
  }

  private declaresBlockScopedBindings(statements: readonly ts.Statement[]): boolean {
    const { ts } = this;
    return statements.some(
      (statement) =>
        ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.BlockScoped) !== 0,
    );
  }

  private visitDeclarationList(list: ts.VariableDeclarationList): void {
    for (const declaration of list.declarations) {
      if (declaration.initializer) this.visitExpression(declaration.initializer);
      this.addElement(declaration, false);
    }
  }

  private visitIf(node: ts.IfStatement): void {
    const branch = this.visitCondition(node.expression);
    this.pending = branch.whenTrue;
    this.visitStatement(node.thenStatement);
    const afterThen = this.pending;
    this.pending = branch.whenFalse;
    if (node.elseStatement) this.visitStatement(node.elseStatement);
    this.pending = [...afterThen, ...this.pending];
  }

  private visitReturn(node: ts.ReturnStatement): void {
    if (node.expression) {
      this.visitExpression(node.expression);
      this.addNode('return-value', node.expression);
    }
    this.runFinallyBlocksOut(() => false);
    this.addNode('exit', node, { exitKind: 'return' });
  }

  private visitThrow(node: ts.ThrowStatement): void {
    this.visitExpression(node.expression);
    this.addElement(node, false);
    // Find the catch this throw lands in, running every `finally` it leaves on the way.
    const caught = this.runFinallyBlocksOut((frame) => frame.type === 'try' && frame.region === 'try' && frame.hasCatch);
    if (caught) {
      (caught as TryFrame).catchPending.push(...this.pending);
      this.pending = [];
      return;
    }
    this.addNode('exit', node, { exitKind: 'throw' });
  }

  private visitBreakOrContinue(node: ts.BreakOrContinueStatement): void {
    const { ts } = this;
    const isBreak = node.kind === ts.SyntaxKind.BreakStatement;
    const label = node.label?.text;
    const target = this.runFinallyBlocksOut(
      (frame) => {
        if (frame.type === 'try' || frame.type === 'scope') return false;
        if (label !== undefined) return frame.labels.includes(label) && (isBreak || frame.type === 'loop');
        return isBreak ? frame.type !== 'labeled' : frame.type === 'loop';
      },
      node,
    ) as JumpTargetFrame | undefined;
    if (!target) throw new UnsupportedCodeError('jump without a target');
    (isBreak ? target.breakPending : target.continuePending).push(...this.pending);
    this.pending = [];
  }

  /**
   * Walks the frames outward until `isTarget` holds, copying each `finally` block the jump leaves
   * and, for `break`/`continue` (`via`), ending each block scope it leaves. Returns the target frame.
   */
  private runFinallyBlocksOut(isTarget: (frame: Frame) => boolean, via?: ts.Node): Frame | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i]!;
      if (isTarget(frame)) return frame;
      if (frame.type === 'scope' && via && this.pending.length > 0) {
        this.addNode('scope-end', frame.block, { via });
      } else if (frame.type === 'try' && frame.finallyBlock && this.pending.length > 0) {
        this.visitFinallyCopy(frame.finallyBlock, i);
      }
    }
    return undefined;
  }

  /** Builds one more copy of a `finally` block, with the frames outside its `try` in force. */
  private visitFinallyCopy(block: ts.Block, tryFrameIndex: number): void {
    const saved = this.frames;
    this.frames = saved.slice(0, tryFrameIndex);
    try {
      this.visitBlock(block);
    } finally {
      this.frames = saved;
    }
  }

  private visitTry(node: ts.TryStatement): void {
    const frame: TryFrame = {
      type: 'try',
      region: 'try',
      hasCatch: node.catchClause !== undefined,
      finallyBlock: node.finallyBlock,
      catchPending: [],
      finallyPending: [],
    };
    this.frames.push(frame);
    this.visitBlock(node.tryBlock);
    this.frames.pop();
    const normalEnds = this.pending;

    let exceptional: Pending[] = frame.finallyPending;
    if (node.catchClause) {
      const catchFrame: TryFrame = { ...frame, region: 'catch', catchPending: [], finallyPending: [] };
      this.pending = frame.catchPending;
      if (this.pending.length > 0) this.joinIfNeeded(node.catchClause);
      if (node.catchClause.variableDeclaration) this.addElement(node.catchClause.variableDeclaration, false);
      this.frames.push(catchFrame);
      this.visitBlock(node.catchClause.block);
      this.frames.pop();
      normalEnds.push(...this.pending);
      exceptional = catchFrame.finallyPending;
    }

    this.pending = normalEnds;
    if (!node.finallyBlock) return;
    if (this.pending.length > 0) this.visitBlock(node.finallyBlock);
    if (exceptional.length > 0) {
      const afterNormal = this.pending;
      this.pending = exceptional;
      this.visitBlock(node.finallyBlock);
      this.rethrow();
      this.pending = afterNormal;
    }
  }

  /** The end of an exceptional `finally` copy: the exception goes on to the next handler out. */
  private rethrow(): void {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i]!;
      if (frame.type !== 'try') continue;
      if (frame.region === 'try' && frame.hasCatch) {
        frame.catchPending.push(...this.pending);
        this.pending = [];
        return;
      }
      if (frame.finallyBlock) {
        frame.finallyPending.push(...this.pending);
        this.pending = [];
        return;
      }
    }
    if (this.pending.length === 0) return;
    if (this.implicitThrowExit) {
      this.connectPendingTo(this.implicitThrowExit);
    } else {
      this.implicitThrowExit = this.addNode('exit', this.fn, { exitKind: 'implicit-throw' });
    }
    this.pending = [];
  }

  private loopFrame(labels: readonly string[]): JumpTargetFrame {
    return { type: 'loop', labels, breakPending: [], continuePending: [] };
  }

  private visitWhile(node: ts.WhileStatement, labels: readonly string[]): void {
    const head = this.addNode('join', node);
    const frame = this.loopFrame(labels);
    const branch = this.visitCondition(node.expression);
    this.pending = branch.whenTrue;
    this.frames.push(frame);
    this.visitStatement(node.statement);
    this.frames.pop();
    this.pending.push(...frame.continuePending);
    this.connectPendingTo(head);
    this.pending = [...branch.whenFalse, ...frame.breakPending];
  }

  private visitDo(node: ts.DoStatement, labels: readonly string[]): void {
    const head = this.addNode('join', node);
    const frame = this.loopFrame(labels);
    this.frames.push(frame);
    this.visitStatement(node.statement);
    this.frames.pop();
    this.pending.push(...frame.continuePending);
    const branch = this.visitCondition(node.expression);
    this.pending = branch.whenTrue;
    this.connectPendingTo(head);
    this.pending = [...branch.whenFalse, ...frame.breakPending];
  }

  private visitFor(node: ts.ForStatement, labels: readonly string[]): void {
    const { ts } = this;
    if (node.initializer) {
      if (ts.isVariableDeclarationList(node.initializer)) this.visitDeclarationList(node.initializer);
      else this.visitExpression(node.initializer);
    }
    const head = this.addNode('join', node);
    const frame = this.loopFrame(labels);
    let exits: Pending[] = [];
    if (node.condition) {
      const branch = this.visitCondition(node.condition);
      this.pending = branch.whenTrue;
      exits = branch.whenFalse;
    }
    this.frames.push(frame);
    this.visitStatement(node.statement);
    this.frames.pop();
    this.pending.push(...frame.continuePending);
    if (node.incrementor) this.visitExpression(node.incrementor);
    this.connectPendingTo(head);
    this.pending = [...exits, ...frame.breakPending];
  }

  private visitForOfIn(node: ts.ForOfStatement | ts.ForInStatement, labels: readonly string[]): void {
    this.visitExpression(node.expression);
    // The head takes the next value (an `await` for `for await`), so it may throw inside a try.
    const head = this.addElement(node, true);
    const frame = this.loopFrame(labels);
    const done: Pending[] = [{ from: head, kind: 'normal' }];
    this.frames.push(frame);
    this.visitStatement(node.statement);
    this.frames.pop();
    this.pending.push(...frame.continuePending);
    this.connectPendingTo(head);
    this.pending = [...done, ...frame.breakPending];
  }

  private visitSwitch(node: ts.SwitchStatement, labels: readonly string[]): void {
    const { ts } = this;
    this.visitExpression(node.expression);
    const frame: JumpTargetFrame = { type: 'switch', labels, breakPending: [], continuePending: [] };
    const clauses = node.caseBlock.clauses;
    // First the tests in order, each either entering its clause or going on to the next test.
    const entries: Pending[][] = clauses.map(() => []);
    let defaultIndex = -1;
    clauses.forEach((clause, index) => {
      if (ts.isDefaultClause(clause)) {
        defaultIndex = index;
        return;
      }
      this.joinIfNeeded(clause);
      this.visitExpression(clause.expression);
      entries[index]!.push(...this.relabel(this.pending, 'true', clause.expression));
      this.pending = this.relabel(this.pending, 'false', clause.expression);
    });
    const noMatch = this.pending;
    if (defaultIndex >= 0) entries[defaultIndex]!.push(...noMatch);
    // Then the bodies in order, each falling through into the next.
    const scoped = clauses.some((clause) => this.declaresBlockScopedBindings(clause.statements));
    if (scoped) this.frames.push({ type: 'scope', block: node.caseBlock });
    this.frames.push(frame);
    this.pending = [];
    clauses.forEach((clause, index) => {
      this.pending.push(...entries[index]!);
      this.visitStatements(clause.statements);
    });
    this.frames.pop();
    this.pending.push(...frame.breakPending);
    if (scoped) {
      this.frames.pop();
      if (this.pending.length > 0) this.addNode('scope-end', node.caseBlock);
    }
    if (defaultIndex < 0) this.pending.push(...noMatch);
  }

  private visitLabeled(node: ts.LabeledStatement, outerLabels: readonly string[]): void {
    const { ts } = this;
    const labels = [...outerLabels, node.label.text];
    const inner = node.statement;
    if (
      ts.isIterationStatement(inner, false) ||
      ts.isLabeledStatement(inner)
    ) {
      this.visitStatement(inner, labels);
      return;
    }
    const frame: JumpTargetFrame = { type: 'labeled', labels, breakPending: [], continuePending: [] };
    this.frames.push(frame);
    this.visitStatement(inner);
    this.frames.pop();
    this.pending.push(...frame.breakPending);
  }

  // ---- expressions -----------------------------------------------------------------------

  /** Evaluates a test and returns the open ends where it was truthy and where it was falsy. */
  private visitCondition(expression: ts.Expression): { whenTrue: Pending[]; whenFalse: Pending[] } {
    const { ts } = this;
    this.enter();
    try {
      const inner = skipParentheses(ts, expression);
      if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken) {
        const operand = this.visitCondition(inner.operand);
        return { whenTrue: operand.whenFalse, whenFalse: operand.whenTrue };
      }
      if (ts.isBinaryExpression(inner)) {
        const operator = inner.operatorToken.kind;
        if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
          const left = this.visitCondition(inner.left);
          this.pending = left.whenTrue;
          const right = this.visitCondition(inner.right);
          return { whenTrue: right.whenTrue, whenFalse: [...left.whenFalse, ...right.whenFalse] };
        }
        if (operator === ts.SyntaxKind.BarBarToken) {
          const left = this.visitCondition(inner.left);
          this.pending = left.whenFalse;
          const right = this.visitCondition(inner.right);
          return { whenTrue: [...left.whenTrue, ...right.whenTrue], whenFalse: right.whenFalse };
        }
      }
      this.visitExpression(inner);
      this.joinIfNeeded(inner);
      return {
        whenTrue: this.relabel(this.pending, 'true', inner),
        whenFalse: this.relabel(this.pending, 'false', inner),
      };
    } finally {
      this.leave();
    }
  }

  private visitExpression(node: ts.Expression): void {
    this.enter();
    try {
      this.visitExpressionInner(node);
    } finally {
      this.leave();
    }
  }

  private visitExpressionInner(node: ts.Expression): void {
    const { ts } = this;
    if (this.isOutermostOptionalChain(node)) {
      this.chainEnds.push([]);
      this.visitChainLink(node);
      this.pending.push(...this.chainEnds.pop()!);
      return;
    }
    if (ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isClassExpression(node)) {
      this.addElement(node, false);
      return;
    }
    if (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      this.visitChainLink(node);
      return;
    }
    if (ts.isBinaryExpression(node)) return this.visitBinary(node);
    if (ts.isConditionalExpression(node)) {
      const branch = this.visitCondition(node.condition);
      this.pending = branch.whenTrue;
      this.visitExpression(node.whenTrue);
      const afterTrue = this.pending;
      this.pending = branch.whenFalse;
      this.visitExpression(node.whenFalse);
      this.pending = [...afterTrue, ...this.pending];
      return;
    }
    if (ts.isNewExpression(node)) {
      this.visitExpression(node.expression);
      for (const argument of node.arguments ?? []) this.visitExpression(argument);
      this.addElement(node, true);
      return;
    }
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) {
      if (node.expression) this.visitExpression(node.expression);
      this.addElement(node, true);
      return;
    }
    if (ts.isTaggedTemplateExpression(node)) {
      this.visitExpression(node.tag);
      this.visitExpression(node.template);
      this.addElement(node, true);
      return;
    }
    if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (ts.isPropertyAssignment(property)) {
          if (ts.isComputedPropertyName(property.name)) this.visitExpression(property.name.expression);
          this.visitExpression(property.initializer);
        } else if (ts.isSpreadAssignment(property)) {
          this.visitExpression(property.expression);
        }
      }
      this.addElement(node, false);
      return;
    }
    if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) this.visitExpression(element);
      this.addElement(node, false);
      return;
    }
    if (ts.isTypeNode(node as ts.Node)) return;
    // Everything else (operators, templates, `as`, `!`, parentheses, `typeof`, `void`, JSX...):
    // evaluate the children in order.
    ts.forEachChild(node, (child) => {
      if (ts.isExpression(child)) this.visitExpression(child);
      else if (ts.isTemplateSpan(child) || ts.isJsxExpression(child) || ts.isJsxAttributes(child) || ts.isJsxAttribute(child)) {
        ts.forEachChild(child, (grandChild) => {
          if (ts.isExpression(grandChild)) this.visitExpression(grandChild);
        });
      }
    });
  }

  private visitBinary(node: ts.BinaryExpression): void {
    const { ts } = this;
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
      const left = this.visitCondition(node.left);
      const shortCircuit = operator === ts.SyntaxKind.AmpersandAmpersandToken ? left.whenFalse : left.whenTrue;
      this.pending = operator === ts.SyntaxKind.AmpersandAmpersandToken ? left.whenTrue : left.whenFalse;
      this.visitExpression(node.right);
      this.pending.push(...shortCircuit);
      return;
    }
    if (operator === ts.SyntaxKind.QuestionQuestionToken) {
      this.visitExpression(node.left);
      this.joinIfNeeded(node.left);
      const present = this.relabel(this.pending, 'present', node.left);
      this.pending = this.relabel(this.pending, 'nullish', node.left);
      this.visitExpression(node.right);
      this.pending.push(...present);
      return;
    }
    if (
      operator === ts.SyntaxKind.AmpersandAmpersandEqualsToken ||
      operator === ts.SyntaxKind.BarBarEqualsToken ||
      operator === ts.SyntaxKind.QuestionQuestionEqualsToken
    ) {
      // `a ||= b`: b is evaluated and assigned only on one outcome of a.
      this.visitExpression(node.left);
      this.joinIfNeeded(node.left);
      const [assignKind, skipKind]: [EdgeKind, EdgeKind] =
        operator === ts.SyntaxKind.AmpersandAmpersandEqualsToken
          ? ['true', 'false']
          : operator === ts.SyntaxKind.BarBarEqualsToken
            ? ['false', 'true']
            : ['nullish', 'present'];
      const skipped = this.relabel(this.pending, skipKind, node.left);
      this.pending = this.relabel(this.pending, assignKind, node.left);
      this.visitExpression(node.right);
      this.addElement(node, false);
      this.pending.push(...skipped);
      return;
    }
    if (operator === ts.SyntaxKind.EqualsToken) {
      if (!ts.isIdentifier(node.left)) this.visitAssignmentTarget(node.left);
      this.visitExpression(node.right);
      this.addElement(node, false);
      return;
    }
    this.visitExpression(node.left);
    this.visitExpression(node.right);
    if (operator >= ts.SyntaxKind.FirstCompoundAssignment && operator <= ts.SyntaxKind.LastCompoundAssignment) {
      this.addElement(node, false);
    }
  }

  /** The receiver and key of `a.b = …` / `a[k] = …` are evaluated first; patterns hold no calls we model. */
  private visitAssignmentTarget(target: ts.Expression): void {
    const { ts } = this;
    if (ts.isPropertyAccessExpression(target)) this.visitExpression(target.expression);
    else if (ts.isElementAccessExpression(target)) {
      this.visitExpression(target.expression);
      this.visitExpression(target.argumentExpression);
    }
  }

  /** One link of a property-access / element-access / call chain, honouring `?.`. */
  private visitChainLink(node: ts.Expression): void {
    const { ts } = this;
    if (ts.isPropertyAccessExpression(node)) {
      this.visitExpression(node.expression);
      if (node.questionDotToken) this.forkNullish(node.expression);
      return;
    }
    if (ts.isElementAccessExpression(node)) {
      this.visitExpression(node.expression);
      if (node.questionDotToken) this.forkNullish(node.expression);
      this.visitExpression(node.argumentExpression);
      return;
    }
    if (ts.isCallExpression(node)) {
      this.visitExpression(node.expression);
      if (node.questionDotToken) this.forkNullish(node.expression);
      for (const argument of node.arguments) this.visitExpression(argument);
      this.addElement(node, true);
      return;
    }
    this.visitExpression(node);
  }

  /** After the receiver of a `?.`: the nullish outcome skips to the end of the whole chain. */
  private forkNullish(receiver: ts.Expression): void {
    this.joinIfNeeded(receiver);
    const ends = this.chainEnds[this.chainEnds.length - 1];
    if (ends) ends.push(...this.relabel(this.pending, 'nullish', receiver));
    this.pending = this.relabel(this.pending, 'present', receiver);
  }

  private isOutermostOptionalChain(node: ts.Expression): boolean {
    const { ts } = this;
    if (!ts.isOptionalChain(node)) return false;
    const parent = node.parent;
    const continuesChain =
      parent !== undefined &&
      ts.isOptionalChain(parent) &&
      (parent as ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression).expression === node;
    return !continuesChain;
  }
}

function skipParentheses(ts: Ts, node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}
