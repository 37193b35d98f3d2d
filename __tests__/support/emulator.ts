/**
 * The emulator tier's setup, shared by its test files: run every scenario side by side (each on
 * its own emulator) before the tests, keep each run or its failure, and remove the work directory
 * afterwards. Without moto_server or terraform every test fails saying what to install.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { requireEmulatorTools } from '../../scripts/lib/emulator/moto-server';
import { runScenario, type Scenario, type ScenarioRun } from '../../scripts/lib/emulator/scenario';

/** A scenario runs for a few minutes on a quiet machine; a loaded one takes several times longer. */
export const TIER_TIMEOUT_MS = 25 * 60_000;

/** Registers the runs of `scenarios` (jest's beforeAll/afterAll); the returned function gives one run by name, or throws its failure. */
export function runScenariosBeforeAll(scenarios: readonly Scenario[], workPrefix: string): (name: string) => ScenarioRun {
  const runs = new Map<string, ScenarioRun>();
  const failures = new Map<string, Error>();
  const workRoot = mkdtempSync(path.join(tmpdir(), workPrefix));

  beforeAll(async () => {
    requireEmulatorTools();
    const settled = await Promise.allSettled(scenarios.map((scenario, i) => runScenario(scenario, { workRoot: path.join(workRoot, String(i)) })));
    settled.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') runs.set(scenarios[i].name, outcome.value);
      else failures.set(scenarios[i].name, outcome.reason as Error);
    });
  }, TIER_TIMEOUT_MS);

  afterAll(() => rmSync(workRoot, { recursive: true, force: true }));

  return (name) => {
    const failure = failures.get(name);
    if (failure) throw failure;
    const run = runs.get(name);
    if (!run) throw new Error(`scenario ${name} did not run`);
    return run;
  };
}
