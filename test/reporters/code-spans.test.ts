import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitCodeSpans, toCodeSpan } from '../../src/reporters/code-spans.js';

describe('splitCodeSpans', () => {
  it('reads single-backtick spans', () => {
    expect(splitCodeSpans('The socket `s` leaks: call `s.end()`.')).toEqual([
      { kind: 'text', text: 'The socket ' },
      { kind: 'code', text: 's' },
      { kind: 'text', text: ' leaks: call ' },
      { kind: 'code', text: 's.end()' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('reads a longer fence around code that holds backticks, without its padding', () => {
    expect(splitCodeSpans('`` `${a}` === b `` is true')).toEqual([
      { kind: 'code', text: '`${a}` === b' },
      { kind: 'text', text: ' is true' },
    ]);
  });

  it('closes a span only with a run of the same length', () => {
    expect(splitCodeSpans('``a`b`` c')).toEqual([{ kind: 'code', text: 'a`b' }, { kind: 'text', text: ' c' }]);
  });

  it('keeps a backtick with no partner as text', () => {
    expect(splitCodeSpans('a ` b `` c')).toEqual([{ kind: 'text', text: 'a ` b `` c' }]);
    expect(splitCodeSpans('`a` and ` alone')).toEqual([{ kind: 'code', text: 'a' }, { kind: 'text', text: ' and ` alone' }]);
  });

  it('reads back every code span toCodeSpan writes', () => {
    const code = fc.string({ unit: fc.constantFrom('`', 'a', ' ', '$', '{', '}'), minLength: 1 }).filter((text) => text.trim() === text && text !== '');
    fc.assert(
      fc.property(code, (text) => {
        expect(splitCodeSpans(`x ${toCodeSpan(text)} y`)).toEqual([
          { kind: 'text', text: 'x ' },
          { kind: 'code', text },
          { kind: 'text', text: ' y' },
        ]);
      }),
    );
  });
});
