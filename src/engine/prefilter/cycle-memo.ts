/**
 * Memoised yes/no questions that ask each other, with cycles: "can a call named `write` create a
 * resource?" asks about every declaration named `write`, one of which is `this.write =
 * this.write.bind(this)`, which asks about `write` again. A question met again while it is being
 * answered counts as "no" for now; an answer that leaned on such a "no" is not kept until the
 * question it leaned on is settled (as in Tarjan's strongly connected components: when the
 * earliest question of a cycle ends with "no", every "no" found inside it is final). A "yes" is
 * always final: one way to a resource is enough.
 */
export class CycleMemo {
  private readonly settled = new Map<unknown, boolean>();
  /** Questions being answered, by the depth they were asked at. */
  private readonly active = new Map<unknown, number>();
  /** "No" answers that leaned on a question still being answered. */
  private readonly provisional: unknown[] = [];
  private depth = 0;
  /** The smallest depth of an active question the current answer leaned on. */
  private lowest = Number.POSITIVE_INFINITY;

  /** The final answer for `key`, if it is settled (not while it leans on a question still open). */
  getSettled(key: unknown): boolean | undefined {
    return this.settled.get(key);
  }

  /** The answer for `key`, computing it with `compute` (which may ask other questions) unless settled. */
  get(key: unknown, compute: () => boolean): boolean {
    const known = this.settled.get(key);
    if (known !== undefined) return known;
    const activeAt = this.active.get(key);
    if (activeAt !== undefined) {
      this.lowest = Math.min(this.lowest, activeAt);
      return false;
    }
    const depth = ++this.depth;
    this.active.set(key, depth);
    const outerLowest = this.lowest;
    this.lowest = Number.POSITIVE_INFINITY;
    const start = this.provisional.length;
    let answer: boolean;
    try {
      answer = compute();
    } finally {
      this.active.delete(key);
      this.depth--;
    }
    const lowest = this.lowest;
    this.lowest = Math.min(outerLowest, lowest);
    if (answer) {
      this.settled.set(key, true);
      // A "no" inside may have leaned on this question being "no": ask those again when needed.
      this.provisional.length = start;
    } else if (lowest < depth) {
      this.provisional.push(key);
    } else {
      for (let index = start; index < this.provisional.length; index++) this.settled.set(this.provisional[index], false);
      this.provisional.length = start;
      this.settled.set(key, false);
    }
    return answer;
  }
}
