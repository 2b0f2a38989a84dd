import { describe, expect, it } from 'vitest';
import { formatNames, getReporter, reporters } from '../../src/reporters/index.js';
import { context, createSampleResult } from './sample.js';

describe('reporter registry', () => {
  it('names every format', () => {
    expect(formatNames).toEqual(['stylish', 'json', 'sarif', 'markdown', 'html']);
  });

  it('finds reporters by name, and nothing for an unknown or inherited name', () => {
    expect(getReporter('sarif')).toBe(reporters.sarif);
    expect(getReporter('xml')).toBeUndefined();
    expect(getReporter('toString')).toBeUndefined();
  });

  it.each(formatNames)('%s is a pure function ending in a newline', (name) => {
    const result = createSampleResult();
    const first = reporters[name](result, context);
    expect(reporters[name](result, context)).toBe(first);
    expect(first.endsWith('\n')).toBe(true);
  });
});
