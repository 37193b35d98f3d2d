/**
 * A root module that calls the Terraform module, on the emulator, as the constructs' stacks run
 * there (scripts/lib/emulator/scenario.ts): moto with the collector stand-in in front of it,
 * seeded clusters, terraform apply, one execution of the state machine with the schedule's own
 * input, the metrics read back, destroy. Everything it starts is stopped, whatever happens.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type DeployedPipeline, deployedPipeline } from '../emulator/deployment';
import { type RegionSeed, seedRegion } from '../emulator/ecs-seeds';
import { type ExecutionOutcome, runOneExecution } from '../emulator/execution';
import { expectedPublish, type PublishExpectation } from '../emulator/expectations';
import { type InvocationRecord, startFront } from '../emulator/front';
import { CloudWatchReader, type ReadSeries } from '../emulator/metrics-readback';
import { assumeRole, configureEmulator } from '../emulator/moto-client';
import { freePort, requireEmulatorTools, startMotoServer } from '../emulator/moto-server';
import { EmulatedStack, type StateResource } from '../emulator/terraform-stack';
import { ROOT } from '../root';
import { terraformEnvironment } from '../terraform';

/** What happened to the root module on the emulator. */
export interface ModuleEmulatorRun {
  readonly appliedResources: readonly StateResource[];
  readonly pipeline: DeployedPipeline;
  readonly execution: ExecutionOutcome;
  readonly invocations: readonly InvocationRecord[];
  readonly expectation: PublishExpectation;
  readonly readSeries: readonly ReadSeries[];
  /** Resources in state after destroy. */
  readonly leftoverState: readonly string[];
}

/** What one execution of the applied module must publish; by default a pipeline's, of the clusters of `seed`. */
export type ModuleExpectation = (execution: ExecutionOutcome, pipeline: DeployedPipeline, appliedResources: readonly StateResource[]) => PublishExpectation;

/** Applies the root module at `rootDir` to a fresh emulator holding `seed` (or seeds), runs one execution, reads back, destroys. */
export async function runModuleOnEmulator(
  rootDir: string,
  seed: RegionSeed | readonly RegionSeed[],
  workRoot: string,
  expectation: ModuleExpectation = (execution, pipeline) =>
    expectedPublish(execution.input, (seed as RegionSeed).clusters, execution.firstTick, pipeline.tickOffsets),
): Promise<ModuleEmulatorRun> {
  requireEmulatorTools();
  mkdirSync(workRoot, { recursive: true });
  const env = await terraformEnvironment(path.join(workRoot, 'terraform'));
  env.TMPDIR = path.join(workRoot, 'tmp');
  mkdirSync(env.TMPDIR, { recursive: true });
  const frontPort = await freePort();
  const moto = await startMotoServer(frontPort);
  const front = await startFront(frontPort, {
    motoEndpoint: moto.endpoint,
    workDir: workRoot,
    runtimeModules: path.join(ROOT, 'node_modules'),
    credentialsFor: (fn) => assumeRole({ endpoint: moto.endpoint, region: fn.region }, fn.roleArn, 'collector'),
  });
  try {
    await configureEmulator(moto.endpoint, { stepfunctions: { execute_state_machine: true } });
    for (const one of Array.isArray(seed) ? seed : [seed]) await seedRegion(moto.endpoint, one);
    const stack = EmulatedStack.prepare(rootDir, path.join(workRoot, 'root'), front.endpoint, env);
    await stack.init();
    await stack.apply();
    const appliedResources = stack.state();
    const pipeline = deployedPipeline(appliedResources, stack.workDir);
    front.register(pipeline.collector);
    const execution = await runOneExecution(moto.endpoint, pipeline);
    const expected = expectation(execution, pipeline, appliedResources);
    const reader = new CloudWatchReader(moto.endpoint, pipeline.account, pipeline.region);
    const readSeries = await reader.series(
      expected.series.map((s) => s.key),
      new Date(execution.firstTick.getTime() - 60_000),
      new Date(execution.firstTick.getTime() + 120_000),
    );
    const invocations = front.invocations.filter((i) => i.functionArn === pipeline.collector.arn);
    await stack.destroy();
    return { appliedResources, pipeline, execution, invocations, expectation: expected, readSeries, leftoverState: stack.state().map((r) => r.address) };
  } finally {
    await front.stop();
    await moto.stop();
  }
}
