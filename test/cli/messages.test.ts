/**
 * Messages exactly as users read them, placeholders filled (rule tests assert messageId and data;
 * these hold the sentences themselves).
 */
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './helpers.js';

interface JsonFinding {
  readonly ruleId: string;
  readonly file: string;
  readonly message: string;
  readonly path: readonly { readonly role: string; readonly message: string }[];
  readonly suggestions: readonly { readonly message: string }[];
}

describe('messages', () => {
  const run = () => JSON.parse(runCli(['-f', 'json'], { cwd: fixture('messages') }).stdout) as { findings: JsonFinding[] };

  it('are whole sentences, and recommend destroy() only for the parent’s copy of a forked socket', () => {
    const messages = run()
      .findings.filter((finding) => !['src/template.ts', 'src/truthiness.ts', 'src/holder.ts'].includes(finding.file))
      .map((finding) => ({ ruleId: finding.ruleId, message: finding.message, suggestions: finding.suggestions.map((s) => s.message) }));
    expect(messages).toEqual([
      {
        ruleId: 'close-in-parent-after-fork',
        message:
          "The socket `socket` was handed to a child process by child_process.spawn on line 5, but the function can end with the parent's copy open: the connection cannot close when the child is done; release the parent's copy with destroy().",
        suggestions: ["Release the parent's copy with `socket.destroy()` after the hand-off."],
      },
      {
        ruleId: 'consume-response-body',
        message:
          'The response `response` received on line 2 is dropped unread: this throw leaves its body unconsumed, so its connection never goes back to the pool. Release it first by reading its body or cancelling it.',
        suggestions: ['Call `await response.body?.cancel()` before this throw.'],
      },
    ]);
  });

  it('say a response is received, in the message and in its path alike', () => {
    const finding = run().findings.find((candidate) => candidate.ruleId === 'consume-response-body');
    expect(finding?.message).toContain('received on line 2');
    expect(finding?.path[0]).toEqual(expect.objectContaining({ role: 'acquire', message: 'received here' }));
  });

  it('write a condition that holds backticks as one code span, which the HTML report shows as code', () => {
    const finding = run().findings.find((candidate) => candidate.file === 'src/template.ts');
    const branch = "`` `${name}` === '' `` is true";
    expect(finding?.path.map((step) => `${step.role}: ${step.message}`)).toEqual(['acquire: created here', `branch: ${branch}`, 'exit: return with it still open']);
    const html = runCli(['-f', 'html', 'src/template.ts'], { cwd: fixture('messages') }).stdout;
    expect(html).toContain('<code>`${name}` === &#39;&#39;</code> is true</li>');
  });

  it('name a field never released with the release as a phrase, for a response as for a socket', () => {
    const messages = run()
      .findings.filter((finding) => finding.file === 'src/holder.ts')
      .map((finding) => finding.message);
    expect(messages).toEqual(['`Holder` stores a Response in `current`, but no method of `Holder` ever releases it (reading its body or cancelling it).']);
  });

  it('say a test that is no boolean is truthy or falsy (`if (!line)` takes the false branch of `line`)', () => {
    const branches = run()
      .findings.filter((finding) => finding.file === 'src/truthiness.ts')
      .map((finding) => finding.path.find((step) => step.role === 'branch')?.message);
    expect(branches).toEqual(['`line` is falsy', '`quiet` is true']);
  });
});
