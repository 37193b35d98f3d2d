/**
 * `npm run sandbox`: see 5-second metrics without an AWS account. Deploys the example fleet to a
 * local AWS emulator (moto), seeds a few clusters, runs one minute of every pipeline (starting a
 * few more tasks halfway, so the series move), prints each cluster's series, and destroys it all.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';
import { accountClient } from './lib/emulator/account-clients';
import { requireEmulatorTools } from './lib/emulator/moto-server';
import { runScenario, StackRun } from './lib/emulator/scenario';
import { EXAMPLE_FLEET } from './lib/emulator/scenarios';
import { seriesLabel } from './lib/emulator/metrics-readback';

const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of the values, scaled from 0 to the largest. */
export function sparkline(values: readonly number[]): string {
  const top = Math.max(...values, 0);
  return values.map((v) => (top === 0 ? BARS[0] : BARS[Math.round((v / top) * (BARS.length - 1))])).join('');
}

/** Tasks started halfway through the minute, per cluster the sandbox changes. */
const MID_MINUTE_TASKS = 3;
const MID_MINUTE_DELAY_MS = 30_000;

function printStack(stack: StackRun): void {
  if (!stack.pipeline || !stack.execution) return;
  const { account, region, intervalSeconds } = stack.pipeline;
  console.log(`\n${stack.stack}  (account ${account}, ${region}, every ${intervalSeconds} s, execution ${stack.execution.status})`);
  const width = Math.max(...stack.readSeries.map((s) => seriesLabel(s.key).length), 10);
  for (const series of stack.readSeries) {
    const values = series.points.map((p) => p.value);
    const times = series.points.map((p) => p.timestamp.slice(17, 19));
    console.log(`  ${seriesLabel(series.key).padEnd(width)}  ${sparkline(values)}  ${values.join(' ')}  (:${times[0] ?? '--'} … :${times.at(-1) ?? '--'})`);
  }
  for (const cluster of stack.expectation?.missingClusters ?? []) {
    console.log(`  ${cluster}: does not exist here; every tick reported it as skipped and published the others`);
  }
}

async function main(): Promise<void> {
  requireEmulatorTools();
  const workRoot = mkdtempSync(path.join(tmpdir(), 'ecs-highres-sandbox-'));
  const started = Date.now();
  const stamp = () => `[${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s]`;
  console.log(`Deploying ${EXAMPLE_FLEET.config} to a local AWS emulator (moto); nothing leaves this machine.`);
  try {
    const run = await runScenario(EXAMPLE_FLEET, {
      workRoot,
      log: (line) => console.log(`${stamp()} ${line}`),
      onExecutionStart: (stack, pipeline, endpoint) => {
        console.log(`${stamp()} ${stack}: one minute of ticks every ${pipeline.intervalSeconds} s starts now`);
        const seed = EXAMPLE_FLEET.seeds.find((s) => s.account === pipeline.account && s.region === pipeline.region);
        const cluster = seed?.clusters[0];
        if (!cluster) return;
        setTimeout(() => {
          const ecs = accountClient(ECSClient, endpoint, pipeline.account, pipeline.region);
          ecs
            .send(new RunTaskCommand({ cluster: cluster.name, taskDefinition: 'emulator-seed', count: MID_MINUTE_TASKS, launchType: 'EC2' }))
            .then(() => console.log(`${stamp()} ${cluster.name}: started ${MID_MINUTE_TASKS} more tasks`))
            .catch((error: Error) => console.log(`${stamp()} ${cluster.name}: could not start more tasks: ${error.message}`));
        }, MID_MINUTE_DELAY_MS).unref();
      },
      onInvocation: ({ functionArn, event, result }) => {
        const offset = (event as { tick?: { offsetSeconds?: number } }).tick?.offsetSeconds;
        const [, , , region, account] = functionArn.split(':');
        const outcome = result.ok ? `${(result.payload as { datums?: number }).datums ?? '?'} datums` : `failed: ${result.errorMessage}`;
        console.log(`${stamp()}   tick +${String(offset ?? '?').padStart(2, '0')} s  ${account}/${region}: ${outcome}`);
      },
    });
    console.log(`\nWhat CloudWatch (emulated) holds, one point per tick (value at each):`);
    run.stacks.forEach(printStack);
    const leftovers = run.stacks.flatMap((s) => [...s.leftoverState, ...s.leftoverInEmulator]);
    console.log(`\nDestroyed: ${leftovers.length === 0 ? 'nothing left behind' : leftovers.join(', ')}. ${run.seconds} s in all.`);
  } finally {
    rmSync(workRoot, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
