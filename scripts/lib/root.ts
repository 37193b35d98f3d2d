/** The repository root, for every script and test that reads or runs something in it. */
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
