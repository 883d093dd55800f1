import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The code without its comments (block, line and JSX comments), so only what can reach a page is left. */
const withoutComments = (code: string) =>
  code
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

// A rule id standing alone as a string ('R-20' as a key or a comparison) is code, not text.
const RULE_IN_TEXT = /(?<!['"`])\b[RF]-\d+\b(?!['"`])|§\s?\d/;

describe('plain language on pages', () => {
  it('R-45 F-65 no rule code (R-n, F-n, §n) appears in text the pages show; codes stay in comments and the error’s rule field', () => {
    const found = sources(SRC).flatMap((file) =>
      withoutComments(readFileSync(file, 'utf8'))
        .split('\n')
        .filter((line) => RULE_IN_TEXT.test(line))
        .map((line) => `${relative(SRC, file)}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
