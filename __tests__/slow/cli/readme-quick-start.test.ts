/**
 * The README's Quick start states the EBADENGINE warnings `npm ci` prints on Node.js 20: one per
 * locked package whose `engines.node` asks for a later major (npm warns for each of them).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../support/app';

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five'];

/** The locked packages that declare a minimum Node.js major above 20 (`>=22`, `>= 22.11.0`, `^22`). */
function packagesNotForNode20(): string[] {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')).packages as Record<string, any>;
  return Object.entries(lock)
    .filter(([key, entry]) => key !== '' && !entry.optional && typeof entry.engines?.node === 'string')
    .filter(([, entry]) => {
      const minimum = /^\s*(?:>=|\^|~)?\s*(\d+)/.exec(entry.engines.node);
      return minimum !== null && Number(minimum[1]) > 20;
    })
    .map(([key, entry]) => `${key.replace(/^.*node_modules\//, '')} ${entry.version}`)
    .sort();
}

test('the Quick start counts and names every package npm ci warns about on Node.js 20', () => {
  const quickStart = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n## ')[1].replace(/\s+/g, ' ');
  const warned = packagesNotForNode20();
  expect(warned).toEqual(['@cdktn/provider-aws 25.7.0', 'aws-local-stepfunctions 3.0.0']);
  expect(quickStart).toContain(`\`npm ci\` prints ${WORDS[warned.length]} \`EBADENGINE\` warnings`);
  for (const entry of warned) {
    const [name, version] = entry.split(' ');
    expect(quickStart).toContain(`\`${name}\` ${version}`);
  }
});
