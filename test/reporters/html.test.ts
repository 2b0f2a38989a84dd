import { describe, expect, it } from 'vitest';
import { escapeHtml, formatHtml } from '../../src/reporters/html.js';
import { context, createCleanResult, createErrorResult, createSampleResult } from './sample.js';

describe('html reporter', () => {
  it('matches the snapshot', () => {
    expect(formatHtml(createErrorResult(), context)).toMatchSnapshot();
  });

  it('is one self-contained file: no scripts, no external resources, a CSP that forbids loading any', () => {
    const html = formatHtml(createSampleResult(), context);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
  });

  it('escapes every piece of source text and message', () => {
    const html = formatHtml(createSampleResult(), context);
    expect(html).toContain('&lt;script&gt;alert(&quot;|x|&quot;)&lt;/script&gt;');
    expect(html).toContain('The net.Socket <code>conn|&lt;b&gt;</code> &lt;i&gt; leaks');
    expect(html).toContain('return &lt;with&gt; it still &quot;open&quot; | &amp;');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
  });

  it('groups findings by directory and by rule, each with a code excerpt', () => {
    const html = formatHtml(createSampleResult(), context);
    const directories = [...html.matchAll(/<tr><td><code>([^<]+)<\/code><\/td><td class="count">(\d+)/g)].map((match) => `${match[1]}=${match[2]}`);
    expect(directories).toEqual(['lib=1', 'src=1', 'src/markup=1']);
    expect(html).toContain('<section class="rule" id="rule-no-leaked-socket">');
    expect(html.match(/<article class="finding"/g)).toHaveLength(3);
    expect(html.match(/<pre class="excerpt">/g)).toHaveLength(3);
    expect(html).toContain('<span class="line hit step role-exit"><span class="ln">5</span>   if (x) return;</span>');
  });

  it('says so when clean', () => {
    expect(formatHtml(createCleanResult(), context)).toContain('<p class="clean">No socket lifecycle problems found.</p>');
  });

  it('escapes quotes for attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
