/**
 * Which problems the directives silence, and which directives silence nothing: ESLint's
 * lib/linter/apply-disable-directives.js, step for step. Block directives (`disable`/`enable`) and
 * line directives (`disable-line` is a disable at the start of its line and an enable at the start
 * of the next; `disable-next-line` the same one line further) are applied in two passes; a problem
 * is silenced by the disables before it (by line, then column) that no enable for its rule has
 * cancelled. A bare directive's use cannot be judged when other plugins' rules run too, so, as
 * ESLint does when rules are filtered out, a bare directive is never reported as unused.
 */
import type { Directive, DirectiveComment } from './directives.js';

export interface Problem {
  /** The full rule id: `closewait/no-leaked-socket`. */
  readonly ruleId: string;
  readonly line: number;
  readonly column: number;
}

/** A problem a directive silenced, with the justifications (`-- reason`) of the directives that did. */
export interface Suppressed<P extends Problem> {
  readonly problem: P;
  readonly justifications: readonly string[];
}

/** ESLint's report of a directive that silences nothing, at the comment's start. */
export interface UnusedDirective {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The rule ids the message names (`closewait/…`). */
  readonly ruleIds: readonly string[];
}

export interface DirectivesResult<P extends Problem> {
  readonly problems: readonly P[];
  readonly suppressed: readonly Suppressed<P>[];
  readonly unused: readonly UnusedDirective[];
}

interface PassDirective {
  readonly type: 'disable' | 'enable';
  readonly line: number;
  readonly column: number;
  readonly ruleId: string | null;
  readonly origin: Directive;
}

const compareLocations = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line - b.line || a.column - b.column;

/** Split `problems` (any order) into those reported and those silenced, and list the unused directives. */
export function applyDirectives<P extends Problem>(problems: readonly P[], directives: readonly Directive[]): DirectivesResult<P> {
  const sorted = [...problems].sort(compareLocations);
  if (directives.length === 0) return { problems: sorted, suppressed: [], unused: [] };

  const blockDirectives: PassDirective[] = directives
    .filter((directive) => directive.type === 'disable' || directive.type === 'enable')
    .map((directive) => ({ type: directive.type as 'disable' | 'enable', line: directive.line, column: directive.column, ruleId: directive.ruleId, origin: directive }))
    .sort(compareLocations);
  const lineDirectives: PassDirective[] = directives
    .flatMap((directive): PassDirective[] => {
      if (directive.type !== 'disable-line' && directive.type !== 'disable-next-line') return [];
      const line = directive.type === 'disable-line' ? directive.line : directive.line + 1;
      return [
        { type: 'disable', line, column: 1, ruleId: directive.ruleId, origin: directive },
        { type: 'enable', line: line + 1, column: 0, ruleId: directive.ruleId, origin: directive },
      ];
    })
    .sort(compareLocations);

  const suppressions = new Map<P, string[]>();
  const blockUnused = applyPass(sorted, blockDirectives, suppressions);
  const lineUnused = applyPass(sorted, lineDirectives, suppressions);
  return {
    problems: sorted.filter((problem) => !suppressions.has(problem)),
    suppressed: sorted.filter((problem) => suppressions.has(problem)).map((problem) => ({ problem, justifications: suppressions.get(problem)! })),
    unused: [...blockUnused, ...lineUnused].sort(compareLocations),
  };
}

/** One pass of ESLint's applyDirectives: records suppressions, returns the unused directives' reports. */
function applyPass<P extends Problem>(problems: readonly P[], directives: readonly PassDirective[], suppressions: Map<P, string[]>): UnusedDirective[] {
  if (directives.length === 0) return [];
  const used = new Set<PassDirective>();
  for (const problem of problems) {
    let disables: PassDirective[] = [];
    for (const directive of directives) {
      if (compareLocations(directive, problem) > 0) break;
      if (directive.ruleId !== null && directive.ruleId !== problem.ruleId) continue;
      if (directive.type === 'disable') disables.push(directive);
      else disables = [];
    }
    if (disables.length === 0) continue;
    const justifications = disables.map((directive) => directive.origin.parent.justification);
    const previous = suppressions.get(problem);
    if (previous) {
      previous.push(...justifications);
    } else {
      suppressions.set(problem, justifications);
      used.add(disables.at(-1)!);
    }
  }
  // A bare directive (ruleId null) is never reported: the CLI cannot see other plugins' problems.
  const unusedDisables = directives.filter((directive) => directive.type === 'disable' && !used.has(directive) && directive.ruleId !== null);
  const enables = new Set(directives.filter((directive) => directive.origin.type === 'enable' && directive.ruleId !== null));
  for (const directive of getUsedEnableDirectives(directives)) enables.delete(directive);
  return [...toReports(unusedDisables), ...toReports([...enables])];
}

/** ESLint's collectUsedEnableDirectives: the `eslint-enable` comments that end some `eslint-disable`. */
function getUsedEnableDirectives(directives: readonly PassDirective[]): Set<PassDirective> {
  const enabled = new Map<string | null, PassDirective>();
  const used = new Set<PassDirective>();
  for (let index = directives.length - 1; index >= 0; index--) {
    const directive = directives[index]!;
    if (directive.type === 'disable') {
      if (enabled.size === 0) continue;
      if (directive.ruleId === null) {
        for (const enable of enabled.values()) used.add(enable);
        enabled.clear();
      } else {
        const enable = enabled.get(directive.ruleId) ?? enabled.get(null);
        if (enable) used.add(enable);
      }
    } else if (directive.ruleId === null) {
      enabled.clear();
      enabled.set(null, directive);
    } else {
      enabled.set(directive.ruleId, directive);
    }
  }
  return used;
}

/** One report per comment when every rule it lists is unused, else one per unused rule (ESLint's processUnusedDirectives). */
function toReports(directives: readonly PassDirective[]): UnusedDirective[] {
  const byComment = new Map<DirectiveComment, PassDirective[]>();
  for (const directive of directives) byComment.set(directive.origin.parent, [...(byComment.get(directive.origin.parent) ?? []), directive]);
  const reports: UnusedDirective[] = [];
  for (const [parent, group] of byComment) {
    const remaining = new Set(parent.ruleIds);
    for (const directive of group) remaining.delete(directive.ruleId!);
    const ruleIdGroups = remaining.size > 0 ? group.map((directive) => [directive.ruleId!]) : [group.map((directive) => directive.ruleId!)];
    for (const ruleIds of ruleIdGroups) {
      reports.push({ line: parent.comment.line, column: parent.comment.column, message: getMessage(parent.type, ruleIds), ruleIds });
    }
  }
  return reports;
}

function getMessage(type: DirectiveComment['type'], ruleIds: readonly string[]): string {
  const quoted = ruleIds.map((ruleId) => `'${ruleId}'`);
  const description = quoted.length <= 2 ? quoted.join(' or ') : `${quoted.slice(0, -1).join(', ')}, or ${quoted.at(-1)}`;
  return type === 'enable'
    ? `Unused eslint-enable directive (no matching eslint-disable directives were found for ${description}).`
    : `Unused eslint-disable directive (no problems were reported from ${description}).`;
}
