import { describe, expect, it } from 'vitest';
import { shouldUseColor } from '../../src/cli/color.js';
import { createProgressDisplay, isCi, isProgressEnabled } from '../../src/cli/progress.js';
import type { CliIo } from '../../src/cli/io.js';

function fakeIo(stderrIsTTY: boolean, env: Record<string, string> = {}, columns = 40) {
  const written: string[] = [];
  const io: CliIo = {
    cwd: '/',
    env,
    stdout: { write: () => true },
    stderr: { isTTY: stderrIsTTY, columns, write: (text: string) => written.push(text) },
  };
  return { io, written };
}

describe('progress', () => {
  it('is enabled only on a terminal, outside CI, without --quiet', () => {
    expect(isProgressEnabled(fakeIo(true).io, false)).toBe(true);
    expect(isProgressEnabled(fakeIo(false).io, false)).toBe(false);
    expect(isProgressEnabled(fakeIo(true).io, true)).toBe(false);
    expect(isProgressEnabled(fakeIo(true, { CI: 'true' }).io, false)).toBe(false);
    expect(isProgressEnabled(fakeIo(true, { CI: 'false' }).io, false)).toBe(true);
  });

  it('recognises CI the way CI services set it', () => {
    expect(['true', '1', 'woodpecker'].every((value) => isCi({ CI: value }))).toBe(true);
    expect(['', '0', 'false', undefined].some((value) => isCi({ CI: value }))).toBe(false);
  });

  it('shows files done / total at most every 100 ms, fits the terminal, and erases itself', () => {
    let time = 0;
    const { io, written } = fakeIo(true);
    const display = createProgressDisplay(io, true, () => time);
    display.update({ done: 1, total: 3, file: 'src/a.ts' });
    expect(written).toEqual([]); // a short run prints nothing
    time = 150;
    display.update({ done: 2, total: 3, file: 'src/a-file-with-a-very-long-name.ts' });
    time = 200;
    display.update({ done: 3, total: 3, file: 'src/c.ts' });
    display.finish();
    expect(written).toEqual(['\r\u001b[Kclosewait: 2/3 files  src/a-file-with-…', '\r\u001b[K']);
  });

  it('says at once that the project is loading, then replaces that line with the files done', () => {
    let time = 0;
    const { io, written } = fakeIo(true);
    const display = createProgressDisplay(io, true, () => time);
    display.loading();
    expect(written).toEqual(['\r\u001b[Kclosewait: loading the project…']);
    time = 3000;
    display.update({ done: 1, total: 2, file: 'src/a.ts' });
    display.finish();
    expect(written.slice(1)).toEqual(['\r\u001b[Kclosewait: 1/2 files  src/a.ts', '\r\u001b[K']);
  });

  it('erases the loading line even when no file was drawn', () => {
    const { io, written } = fakeIo(true);
    const display = createProgressDisplay(io, true, () => 0);
    display.loading();
    display.finish();
    expect(written).toEqual(['\r\u001b[Kclosewait: loading the project…', '\r\u001b[K']);
  });

  it('does nothing when disabled', () => {
    let time = 0;
    const { io, written } = fakeIo(true);
    const display = createProgressDisplay(io, false, () => (time += 1000));
    display.loading();
    display.update({ done: 1, total: 1, file: 'a.ts' });
    display.finish();
    expect(written).toEqual([]);
  });
});

describe('colours', () => {
  const tty = { isTTY: true, write: () => true };
  const pipe = { isTTY: false, write: () => true };

  it('follow the flag first, then NO_COLOR / FORCE_COLOR, then the stream', () => {
    expect(shouldUseColor(false, tty, {})).toBe(false);
    expect(shouldUseColor(true, pipe, {})).toBe(true);
    expect(shouldUseColor(undefined, tty, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor(undefined, tty, { NO_COLOR: '' })).toBe(true);
    expect(shouldUseColor(undefined, pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColor(undefined, tty, { FORCE_COLOR: 'false' })).toBe(false);
    expect(shouldUseColor(undefined, tty, {})).toBe(true);
    expect(shouldUseColor(undefined, pipe, {})).toBe(false);
  });

  it('are off for a report written to a file', () => {
    expect(shouldUseColor(undefined, undefined, { FORCE_COLOR: '1' })).toBe(false);
  });
});
