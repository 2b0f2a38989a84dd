/**
 * Every link between our Markdown pages resolves: a relative link names a file of the repository,
 * and an anchor names a heading of the page it points into, slugged as GitHub slugs headings
 * (github-slugger: lower case, punctuation dropped, spaces as hyphens, `-1`, `-2` for repeats).
 * Headings and links inside fenced code blocks and inline code are not Markdown's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function listPages(): string[] {
  const pages = ['README.md'];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(relative);
      else if (entry.name.endsWith('.md')) pages.push(relative);
    }
  };
  visit('docs');
  return pages;
}

/** The page's lines, blank inside fenced code blocks, with inline code blanked out (line numbers kept). */
function proseLines(text: string): string[] {
  let fence: string | undefined;
  return text.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      return '';
    }
    return fence === undefined ? line.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length)) : '';
  });
}

const anchorCache = new Map<string, Set<string>>();

function getAnchors(page: string): Set<string> {
  let anchors = anchorCache.get(page);
  if (!anchors) {
    const slugger = new GithubSlugger();
    anchors = new Set();
    // A heading keeps its inline code's text in its slug (`` `npm run bench` `` gives `npm-run-bench`),
    // so headings are read from the raw lines; prose lines only say which are outside a fence.
    const raw = readFileSync(path.join(root, page), 'utf8').split('\n');
    const prose = proseLines(raw.join('\n'));
    for (const [index, line] of raw.entries()) {
      const heading = prose[index] !== '' ? /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1] : undefined;
      if (heading !== undefined) anchors.add(slugger.slug(heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')));
    }
    anchorCache.set(page, anchors);
  }
  return anchors;
}

/** The broken links of a page, as `line N: target (why)`. */
function findBrokenLinks(page: string): string[] {
  const broken: string[] = [];
  const lines = proseLines(readFileSync(path.join(root, page), 'utf8'));
  for (const [index, line] of lines.entries()) {
    for (const match of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const [file, anchor] = target.split('#', 2) as [string, string | undefined];
      const targetPage = file === '' ? page : path.normalize(path.join(path.dirname(page), decodeURIComponent(file)));
      if (!existsSync(path.join(root, targetPage))) {
        broken.push(`line ${index + 1}: ${target} (no file ${targetPage})`);
        continue;
      }
      if (anchor === undefined || !targetPage.endsWith('.md')) continue;
      if (!getAnchors(targetPage).has(decodeURIComponent(anchor))) broken.push(`line ${index + 1}: ${target} (no heading #${anchor} in ${targetPage})`);
    }
  }
  return broken;
}

describe('links between the Markdown pages', () => {
  const pages = listPages();

  it('finds the pages and their headings', () => {
    expect(pages).toContain('docs/performance.md');
    expect(getAnchors('docs/performance.md')).toContain('how-to-reproduce');
  });

  it.each(pages)('%s links only to files and headings that exist', (page) => {
    expect(findBrokenLinks(page)).toEqual([]);
  });
});
