/**
 * The README's code examples and the example files they must equal: each example file, read as
 * the README shows it, and the README's ts block under a heading.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './app';

/** The example `file` as the README shows it: without its header comment, importing the package. */
export function exampleAsReadmeShowsIt(file: string): string {
  const text = readFileSync(file, 'utf8');
  return text
    .slice(text.indexOf('*/\n') + 3)
    .replace("from '../../modules'", "from 'cdktf-ecs-highres-metrics'")
    .trim();
}

/** The first ts code block of the README after the line `heading` (such as "## Quick start"). */
export function readmeTsBlockAfter(heading: string): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n${heading}\n`);
  const match = at < 0 ? null : /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!match) throw new Error(`README has no "${heading}" section with a ts block`);
  return match[1].trim();
}
