/** Fleet configs for config tests: a valid one to edit, files to load, and the problems a load reports. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../../modules/fleet/config-problems';

/** A valid config with one account-region, as plain data. */
export function validConfig(): any {
  return {
    name: 'ecs-highres',
    accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['prod-api', 'prod-workers'] } } }],
  };
}

/** The problems `load` reports in its ConfigError; fails the test when it accepts the config or throws anything else. */
export function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the config was accepted');
}

const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-fleet-config-'));
let files = 0;
/** Writes `text` to a new file named `name` (its extension picks the format) and returns its path. */
export function configFile(name: string, text: string): string {
  const p = path.join(dir, `${files++}-${name}`);
  writeFileSync(p, text);
  return p;
}
