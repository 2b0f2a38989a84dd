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

  it('renders code spans in rule descriptions and branch conditions as code, escaping everything', () => {
    const sample = createSampleResult();
    // The early return's finding has a branch step: its condition now holds a template literal.
    const findings = sample.findings.map((finding) =>
      finding.file === 'src/early-return.ts'
        ? { ...finding, path: finding.path.map((step) => (step.role === 'branch' ? { ...step, message: "`` `${a}</code><script>x</script>` === '<b>' `` is true" } : step)) }
        : finding,
    );
    const result = {
      ...sample,
      rules: [{ ...sample.rules[0]!, description: 'Require every `allowHalfOpen` socket to answer `<end>` with `end()`, not <script>alert(1)</script>' }],
      findings,
    };
    const html = formatHtml(result, context);
    expect(html).toContain(
      '— Require every <code>allowHalfOpen</code> socket to answer <code>&lt;end&gt;</code> with <code>end()</code>, not &lt;script&gt;alert(1)&lt;/script&gt; <span class="count">',
    );
    expect(html).toContain('<code>`${a}&lt;/code&gt;&lt;script&gt;x&lt;/script&gt;` === &#39;&lt;b&gt;&#39;</code> is true</li>');
    expect(html).not.toMatch(/<script|<b>|`</);
  });

  it('keeps backticks with no closing partner as text', () => {
    const sample = createSampleResult();
    const result = { ...sample, findings: [{ ...sample.findings[0]!, message: 'a `` b `c` d' }] };
    expect(formatHtml(result, context)).toContain('<p class="message">a `` b <code>c</code> d</p>');
  });

  it('names the project and when the report was made', () => {
    const html = formatHtml(createSampleResult(), context);
    expect(html).toContain('<title>closewait report: sample-project</title>');
    expect(html).toContain('<h1>closewait report: sample-project</h1>');
    expect(html).toContain('<p class="made">Made <time datetime="2026-01-02T03:04:05.000Z">2026-01-02 03:04 UTC</time> by closewait 9.9.9</p>');
    const hostile = formatHtml(createSampleResult(), { ...context, projectName: '<img src=x onerror=alert(1)>' });
    expect(hostile).toContain('<h1>closewait report: &lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(hostile).not.toContain('<img');
  });

  it('escapes quotes for attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
