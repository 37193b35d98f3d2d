/**
 * The Terraform module on the emulator, called from HCL as a platform team would: the README's
 * example beside the extracted archive (its account read from the credentials, the emulator's
 * runner account) applies, one execution publishes every series at each of the minute's 12 ticks
 * with the seeded value (read back), and destroy leaves nothing in state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { RegionSeed } from '../../../scripts/lib/emulator/ecs-seeds';
import { seriesLabel } from '../../../scripts/lib/emulator/metrics-readback';
import { type ModuleEmulatorRun, runModuleOnEmulator } from '../../../scripts/lib/terraform-module/emulator-run';
import { TIER_TIMEOUT_MS } from '../../support/emulator';
import { writeConsumerRoot } from '../../support/terraform-module';

/** moto's account for credentials it does not know: the runner's. */
const RUNNER_ACCOUNT = '123456789012';

const SEED: RegionSeed = {
  account: RUNNER_ACCOUNT,
  region: 'us-east-1',
  clusters: [
    { name: 'prod-api', containerInstances: 2, runningTasks: 3 },
    { name: 'prod-workers', containerInstances: 1, runningTasks: 1 },
  ],
};

const workRoot = mkdtempSync(path.join(tmpdir(), 'terraform-module-emulator-'));
let run: ModuleEmulatorRun;

beforeAll(async () => {
  const rootDir = path.join(workRoot, 'consumer');
  writeConsumerRoot(rootDir, (example) => {
    const withoutAccount = example.replace(/^ *account_id *=.*\n/m, '');
    if (withoutAccount === example) throw new Error("the README's example no longer sets account_id: update this test");
    return withoutAccount;
  });
  run = await runModuleOnEmulator(rootDir, SEED, path.join(workRoot, 'run'));
}, TIER_TIMEOUT_MS);

afterAll(() => rmSync(workRoot, { recursive: true, force: true }));

test('applies in the account of the credentials and the region of the provider', () => {
  expect(run.appliedResources.map((r) => r.type)).toEqual(expect.arrayContaining(['aws_lambda_function', 'aws_sfn_state_machine', 'aws_scheduler_schedule']));
  expect({ account: run.pipeline.account, region: run.pipeline.region }).toEqual({ account: RUNNER_ACCOUNT, region: 'us-east-1' });
  expect(run.pipeline.intervalSeconds).toBe(5);
  expect(run.pipeline.tickOffsets).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
});

test('one execution publishes 12 points per metric and cluster, each with the seeded value', () => {
  expect({ status: run.execution.status, error: run.execution.error }).toEqual({ status: 'SUCCEEDED', error: undefined });
  expect(run.invocations.map((i) => i.result.ok)).toEqual(Array.from({ length: 12 }, () => true));
  // The default four metrics of two clusters.
  expect(run.expectation.series).toHaveLength(8);
  for (const expected of run.expectation.series) {
    expect(expected.timestamps).toHaveLength(12);
    const read = run.readSeries.find((r) => seriesLabel(r.key) === seriesLabel(expected.key));
    expect({ series: seriesLabel(expected.key), points: read?.points }).toEqual({
      series: seriesLabel(expected.key),
      points: expected.timestamps.map((timestamp) => ({ timestamp, value: expected.value, samples: 1 })),
    });
  }
});

test('destroy leaves nothing in state', () => {
  expect(run.leftoverState).toEqual([]);
});
