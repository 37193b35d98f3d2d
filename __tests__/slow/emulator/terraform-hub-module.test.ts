/**
 * The hub module on the emulator, called from HCL: the hub in the credentials' account (moto's
 * runner account, read at plan) collecting two account-regions of that account, one by cluster
 * names and one "*", through a spoke role the root declares with the construct's documents. It
 * applies, one execution publishes every seeded cluster's series at each of the minute's 12 ticks
 * with AccountId and Region (AssumeRole decided as AWS would, by the front), and destroy leaves
 * nothing in state.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { RegionSeed } from '../../../scripts/lib/emulator/ecs-seeds';
import { seriesLabel } from '../../../scripts/lib/emulator/metrics-readback';
import { type ModuleEmulatorRun, runModuleOnEmulator } from '../../../scripts/lib/terraform-module/emulator-run';
import { hubEmulatorMain, hubModuleExpectation } from '../../../scripts/lib/terraform-module/hub-emulator';
import { HUB_EXAMPLE_SOURCE } from '../../../scripts/lib/terraform-module/hub-files';
import { MODULE_NAME } from '../../../scripts/lib/terraform-module/module-files';
import { TIER_TIMEOUT_MS } from '../../support/emulator';
import { archiveEntries, MODULE_ARCHIVE } from '../../support/terraform-module';

/** moto's account for credentials it does not know: the runner's. */
const RUNNER_ACCOUNT = '123456789012';

const SEEDS: RegionSeed[] = [
  {
    account: RUNNER_ACCOUNT,
    region: 'us-east-1',
    clusters: [
      { name: 'prod-api', containerInstances: 2, runningTasks: 3 },
      { name: 'prod-workers', containerInstances: 1, runningTasks: 1 },
    ],
  },
  { account: RUNNER_ACCOUNT, region: 'eu-west-1', clusters: [{ name: 'eu-batch', containerInstances: 1, runningTasks: 2 }] },
];

const workRoot = mkdtempSync(path.join(tmpdir(), 'terraform-hub-module-emulator-'));
let run: ModuleEmulatorRun;

beforeAll(async () => {
  const rootDir = path.join(workRoot, 'consumer');
  mkdirSync(path.join(rootDir, MODULE_NAME), { recursive: true });
  archiveEntries();
  execFileSync('tar', ['-xzf', MODULE_ARCHIVE, '-C', path.join(rootDir, MODULE_NAME)]);
  const main = hubEmulatorMain({
    source: HUB_EXAMPLE_SOURCE,
    account: RUNNER_ACCOUNT,
    region: 'us-east-1',
    targets: [
      { account: RUNNER_ACCOUNT, region: 'us-east-1', clusters: ['prod-api', 'prod-workers'] },
      { account: RUNNER_ACCOUNT, region: 'eu-west-1', clusters: '*' },
    ],
  });
  writeFileSync(path.join(rootDir, 'main.tf'), main);
  run = await runModuleOnEmulator(rootDir, SEEDS, path.join(workRoot, 'run'), hubModuleExpectation(SEEDS));
}, TIER_TIMEOUT_MS);

afterAll(() => rmSync(workRoot, { recursive: true, force: true }));

test('applies the hub in the account of the credentials, with its target list object and the hub handler', () => {
  const types = run.appliedResources.map((r) => r.type);
  expect(types).toEqual(expect.arrayContaining(['aws_lambda_function', 'aws_sfn_state_machine', 'aws_scheduler_schedule', 'aws_s3_object']));
  expect({ account: run.pipeline.account, region: run.pipeline.region }).toEqual({ account: RUNNER_ACCOUNT, region: 'us-east-1' });
  expect(run.pipeline.tickOffsets).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
  const collector = run.appliedResources.find((r) => r.type === 'aws_lambda_function');
  expect(collector?.values.handler).toBe('index.hubHandler');
  // The execution input names the list's version and the spoke role, never the list.
  expect(run.execution.input).toMatchObject({
    targetList: { key: 'targets.json', versionId: expect.any(String) },
    spokeRole: { name: 'ecs-highres-spoke', path: '/', sessionName: 'ecs-highres-hub' },
    namespace: 'ECS',
  });
  expect(run.execution.input).not.toHaveProperty('metrics');
});

test("one execution publishes 12 points per metric and member cluster, listed and found by '*', each with the seeded value", () => {
  expect({ status: run.execution.status, error: run.execution.error }).toEqual({ status: 'SUCCEEDED', error: undefined });
  expect(run.invocations.map((i) => i.result.ok)).toEqual(Array.from({ length: 12 }, () => true));
  // The default four metrics of three clusters.
  const clusterSeries = run.expectation.series.filter((s) => SEEDS.some((seed) => seed.clusters.some((c) => seriesLabel(s.key).includes(c.name))));
  expect(clusterSeries).toHaveLength(12);
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
