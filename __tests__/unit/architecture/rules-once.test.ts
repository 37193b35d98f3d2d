/**
 * An identifier's rule (its pattern and the words of its message) is written in modules/common
 * and imported everywhere else: the constructs, the fleet config and the collector. A pattern or
 * wording found outside modules/common is a second copy that can drift from the first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../support/app';

/** Every .ts source file under `dir` (relative to ROOT). */
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** A rule's text as it is written in source (in a regular expression literal, or in a message), and its one home. */
const RULES = [
  { rule: 'an IAM role ARN', written: /iam::.*:role\\\//, home: path.join('modules', 'common', 'iam-rules.ts') },
  { rule: 'an S3 bucket name', written: /\[a-z0-9\]\[a-z0-9\.-\]\{1,61\}/, home: path.join('modules', 'common', 's3-rules.ts') },
  { rule: 'the words for an account ID', written: /12 digits/, home: path.join('modules', 'common', 'environment-rules.ts') },
];

/** Source lines that are code, not comments (a rule may be explained anywhere). */
const codeLines = (file: string) =>
  readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
    .filter(({ line }) => !/^\s*(\*|\/\/|\/\*)/.test(line));

const files = [...sourceFiles('modules'), ...sourceFiles('functions')];

describe('each identifier rule is written once', () => {
  test('the scanner finds each rule in its home (else the check below would pass on nothing)', () => {
    for (const { written, home } of RULES) expect(codeLines(home).some(({ line }) => written.test(line))).toBe(true);
  });

  test.each(RULES)('$rule is written only in modules/common', ({ written }) => {
    const copies = files
      .filter((file) => !file.startsWith(path.join('modules', 'common')))
      .flatMap((file) => codeLines(file).filter(({ line }) => written.test(line)))
      .map(({ at }) => at);
    expect(copies).toEqual([]);
  });
});
