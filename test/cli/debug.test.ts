/** Internal errors: one line by default, the stack trace with --debug (runAudit() is replaced by one that crashes). */
import { describe, expect, it, vi } from 'vitest';
import { fixture, runCli } from './helpers.js';

const seen = vi.hoisted(() => ({ debugEnv: [] as (string | undefined)[] }));

vi.mock('../../src/cli/run.js', () => ({
  runAudit: () => {
    seen.debugEnv.push(process.env['CLOSEWAIT_DEBUG']);
    throw new Error('engine exploded\nsecond line');
  },
}));

describe('internal errors', () => {
  it('print one line and exit 2 without --debug', () => {
    const run = runCli([], { cwd: fixture('leaks') });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'closewait: internal error: engine exploded (run with --debug for the stack trace)\n' });
  });

  it('print the stack trace with --debug, and turn on the engine diagnostics for the run only', () => {
    const before = process.env['CLOSEWAIT_DEBUG'];
    const run = runCli(['--debug'], { cwd: fixture('leaks') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^closewait: internal error: engine exploded\nError: engine exploded\nsecond line\n {4}at /);
    expect(seen.debugEnv.at(-1)).toBe('1');
    expect(process.env['CLOSEWAIT_DEBUG']).toBe(before);
  });
});
