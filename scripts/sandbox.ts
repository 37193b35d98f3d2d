/**
 * `npm run sandbox`: see 5-second metrics without an AWS account. Deploys a fleet config (the
 * example by default; `--config` or FLEET_CONFIG, either topology) to a local AWS emulator (moto),
 * seeds the clusters it collects, runs one minute of every pipeline (starting a few more tasks
 * halfway, so the series move), prints each tick's values as it is collected, in order per
 * pipeline, then each series and what the emulator cannot show. Ctrl-C (or SIGTERM) stops the
 * emulator and terraform and removes the temporary directory.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';
import { CLUSTER_DIMENSION } from '../modules/metrics/catalog';
import { accountClient } from './lib/emulator/account-clients';
import { stopOwnedChildren } from './lib/emulator/child-processes';
import type { RegionSeed } from './lib/emulator/ecs-seeds';
import { CleanupRegistry, exitOnSignals } from './lib/emulator/interrupt';
import { CloudWatchReader, seriesLabel } from './lib/emulator/metrics-readback';
import { requireEmulatorTools } from './lib/emulator/moto-server';
import { runScenario, type Scenario, type StackRun } from './lib/emulator/scenario';
import { CLOUD_FLEET, EXAMPLE_FLEET, HUB_FLEET, OPERATIONS_FLEET, S3_BACKEND_FLEET } from './lib/emulator/scenarios';
import { TickOrder, tickLines, type TickOutcome } from './lib/emulator/tick-feed';
import { parseCommandLine } from './lib/command-line';
import { ROOT } from './lib/root';

export const USAGE = `Usage: npm run sandbox [-- --config <fleet config>]

Deploys a fleet config to a local AWS emulator (moto) with the real terraform CLI, creates the
ECS clusters it collects, runs one minute of every pipeline, prints each tick's values as it is
collected, then each series and what the emulator cannot show. Nothing leaves this machine; the
emulator and the temporary directory are removed at the end, or on Ctrl-C.
Needs moto_server (pip install "moto[server]==5.2.1") and terraform on PATH.

Options:
  --config <file>  fleet config to deploy (JSON or YAML, per account-region or hub), relative to
                   the directory you run npm in. Default: FLEET_CONFIG (as npm run synth reads
                   it), else examples/fleet.json.
                   The example configs get hand-made clusters (examples/fleet.json leaves
                   prod-workers out, to show a missing cluster reported); any other config gets
                   every cluster and service it names, and two clusters where it says "*".
  --help           this text`;

/** Where the sandbox's config comes from: the option, the variable, or the example. */
export interface SandboxConfig {
  readonly file: string;
  readonly from: '--config' | 'FLEET_CONFIG' | 'the default';
}

/**
 * The config to deploy, as an absolute path: `--config`, else FLEET_CONFIG, else the example.
 * `--config` is read from where the command was typed (`dirs.typed`, npm's INIT_CWD), FLEET_CONFIG
 * from where the app runs (`dirs.app`), as `npm run synth` reads it.
 */
export function sandboxConfig(option: string | undefined, env: NodeJS.ProcessEnv, dirs: { readonly typed: string; readonly app: string }): SandboxConfig {
  if (option !== undefined) return { file: path.resolve(dirs.typed, option), from: '--config' };
  if (env.FLEET_CONFIG) return { file: path.resolve(dirs.app, env.FLEET_CONFIG), from: 'FLEET_CONFIG' };
  return { file: path.join(ROOT, EXAMPLE_FLEET.config), from: 'the default' };
}

/** Why the config cannot be used (missing, a directory), or undefined. */
export function configProblem(config: SandboxConfig): string | undefined {
  const given = config.from === 'the default' ? '' : `${config.from} ${config.file}: `;
  if (!existsSync(config.file)) return `${given}no such file; give the path of a fleet config (JSON or YAML), such as examples/hub.yaml`;
  if (statSync(config.file).isDirectory()) return `${given}is a directory; give the path of a fleet config file in it`;
  return undefined;
}

/** The example configs' own scenarios (hand-made seeds); any other config's clusters come from its stacks. */
const KNOWN = [EXAMPLE_FLEET, OPERATIONS_FLEET, S3_BACKEND_FLEET, CLOUD_FLEET, HUB_FLEET];

export function sandboxScenario(file: string): Scenario {
  return KNOWN.find((scenario) => path.resolve(ROOT, scenario.config) === file) ?? { name: path.basename(file), config: file };
}

/**
 * What the emulator cannot show, in short (README "See it work without AWS" says more); printed
 * at the end of every run.
 */
export const EMULATOR_LIMITS: readonly string[] = [
  "ActiveServices is 0, and so is each service's RunningCount: moto never starts a service's tasks nor counts the service as active (its services stay PENDING), so their desired tasks show as PendingTask instead; on AWS a running service counts.",
  'Alarms are created but never change state: moto does not evaluate them.',
  'Capacity-split metrics (per capacity provider or launch type) are skipped: moto answers DescribeClusters without statistics.',
  "The collector runs in a local Node.js process with this repository's AWS SDK, not in the Lambda runtime.",
  'IAM policies are stored, not enforced (the IAM test tier evaluates them).',
  'One execution per pipeline (moto cannot run a state machine twice): one minute of ticks, not a schedule firing every minute.',
];

const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of the values, scaled from 0 to the largest. */
export function sparkline(values: readonly number[]): string {
  const top = Math.max(...values, 0);
  return values.map((v) => (top === 0 ? BARS[0] : BARS[Math.round((v / top) * (BARS.length - 1))])).join('');
}

const count = (n: number, thing: string) => `${n} ${thing}${n === 1 ? '' : 's'}`;

/** One line per seeded cluster: what the emulator holds before the first tick. */
export function seedLines(seeds: readonly RegionSeed[]): string[] {
  return seeds.flatMap(({ account, region, clusters }) =>
    clusters.map((c) => {
      const services = Object.entries(c.services ?? {}).map(([name, desired]) => `${name} (${desired} desired)`);
      return `  ${account}/${region} ${c.name}: ${count(c.containerInstances, 'container instance')}, ${count(c.runningTasks, 'running task')}${services.length > 0 ? `, services ${services.join(', ')}` : ''}`;
    }),
  );
}

/** The slowest stack's time of each phase (stacks run side by side), in the order the phases ran. */
export function phaseTimes(stacks: ReadonlyArray<Pick<StackRun, 'seconds'>>): string {
  const slowest = new Map<string, number>();
  for (const { seconds } of stacks) for (const [phase, s] of Object.entries(seconds)) slowest.set(phase, Math.max(slowest.get(phase) ?? 0, s));
  return [...slowest.entries()].map(([phase, s]) => `${phase} ${s} s`).join(', ');
}

/** Tasks started halfway through the minute, in the first cluster of each account-region. */
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

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, { config: { type: 'string' } }, USAGE);
  if ('exitCode' in parsed) return parsed.exitCode;
  const config = sandboxConfig(parsed.values.config, process.env, { typed: process.env.INIT_CWD ?? process.cwd(), app: process.cwd() });
  const problem = configProblem(config);
  if (problem) {
    console.error(problem);
    return 1;
  }
  requireEmulatorTools();

  const cleanup = new CleanupRegistry();
  const signals = exitOnSignals(cleanup);
  const workRoot = mkdtempSync(path.join(tmpdir(), 'ecs-highres-sandbox-'));
  cleanup.add(`the temporary directory ${workRoot}`, () => rmSync(workRoot, { recursive: true, force: true }));
  cleanup.add('the emulator and terraform', async () => {
    const left = await stopOwnedChildren();
    if (left.length > 0) throw new Error(`processes ${left.join(', ')} are still running`);
  });

  const started = Date.now();
  const stamp = () => `[${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s]`;
  const say = (line: string) => console.log(`${stamp()} ${line}`);
  const shown = path.relative(process.cwd(), config.file).startsWith('..') ? config.file : path.relative(process.cwd(), config.file);
  console.log(
    `Deploying ${shown} (${config.from === 'the default' ? 'the example; --config <file> deploys yours' : `from ${config.from}`}) to a local AWS emulator (moto); nothing leaves this machine.`,
  );
  console.log(`Work directory ${workRoot}: removed at the end, or on Ctrl-C.`);

  const order = new TickOrder<string[]>();
  const readers = new Map<string, CloudWatchReader>();
  const reading = new Set<Promise<void>>();
  const places = new Map<string, string>();
  let seeds: readonly RegionSeed[] = [];
  let midMinuteScheduled = false;
  let startupSeconds = 0;
  let endpoint = '';
  // The collector publishes in its own account-region (the hub's, in hub mode): its ticks are read there.
  const readerFor = (account: string, region: string) => {
    const key = `${account}/${region}`;
    if (!readers.has(key)) readers.set(key, new CloudWatchReader(endpoint, account, region));
    return readers.get(key)!;
  };
  try {
    const run = await runScenario(sandboxScenario(config.file), {
      workRoot,
      verify: false,
      log: say,
      onSeeded: (seeded) => {
        seeds = seeded;
        startupSeconds = Math.round((Date.now() - started) / 100) / 10;
        console.log(
          `The emulator holds these clusters (${MID_MINUTE_TASKS} more tasks start in the first cluster of each account-region halfway through the minute):`,
        );
        for (const line of seedLines(seeded)) console.log(line);
      },
      onExecutionStart: (stack, pipeline, motoEndpoint) => {
        endpoint = motoEndpoint;
        say(`${stack}: one minute of ticks every ${pipeline.intervalSeconds} s starts now`);
        places.set(pipeline.collector.arn, `${pipeline.account}/${pipeline.region}`);
        order.expect(pipeline.collector.arn, pipeline.tickOffsets);
        if (midMinuteScheduled) return;
        midMinuteScheduled = true;
        setTimeout(() => {
          for (const seed of seeds) {
            const cluster = seed.clusters[0];
            if (!cluster) continue;
            accountClient(ECSClient, endpoint, seed.account, seed.region)
              .send(new RunTaskCommand({ cluster: cluster.name, taskDefinition: 'emulator-seed', count: MID_MINUTE_TASKS, launchType: 'EC2' }))
              .then(() => say(`${seed.account}/${seed.region} ${cluster.name}: started ${MID_MINUTE_TASKS} more tasks`))
              .catch((error: Error) => say(`${seed.account}/${seed.region} ${cluster.name}: could not start more tasks: ${error.message}`));
          }
        }, MID_MINUTE_DELAY_MS).unref();
      },
      onInvocation: ({ functionArn, event, result }) => {
        const { tick, input } = event as { tick?: { offsetSeconds?: number }; input?: { namespace?: string } };
        const offset = tick?.offsetSeconds ?? -1;
        const [, , , region, account] = functionArn.split(':');
        const place = places.get(functionArn) ?? `${account}/${region}`;
        const outcome: TickOutcome = result.ok ? { ok: true, payload: result.payload } : { ok: false, errorMessage: result.errorMessage };
        const timestamp = result.ok ? (result.payload as { timestamp?: string } | null)?.timestamp : undefined;
        const read = (timestamp ? readerFor(account, region).valuesAt(input?.namespace ?? 'ECS', new Date(timestamp), CLUSTER_DIMENSION) : Promise.resolve([]))
          .catch(() => [])
          .then((values) => {
            for (const lines of order.arrive(functionArn, offset, tickLines(place, offset, timestamp, outcome, values))) printTick(lines);
          });
        reading.add(read);
        void read.finally(() => reading.delete(read));
      },
    });
    await Promise.all(reading);
    for (const [arn, place] of places) {
      const { held, missing } = order.finish(arn);
      held.forEach(printTick);
      if (missing.length > 0) say(`${place}: no tick at ${missing.map((o) => `+${o} s`).join(', ')} (the execution ended first)`);
    }
    console.log(`\nWhat CloudWatch (emulated) holds, one point per tick (value at each):`);
    run.stacks.forEach(printStack);
    console.log(`\nWhat the emulator cannot show:`);
    for (const limit of EMULATOR_LIMITS) console.log(`  - ${limit}`);
    console.log(
      `\nPhases: synth, emulator and clusters ${startupSeconds} s; then the slowest stack's ${phaseTimes(run.stacks)}; ${Math.round((Date.now() - started) / 1000)} s in all.`,
    );
    return run.stacks.some((s) => s.execution && s.execution.status !== 'SUCCEEDED') ? 1 : 0;
  } catch (error) {
    // Interrupted: the stopped terraform's error is not the outcome; the signal handler exits.
    if (signals.received()) return new Promise<number>(() => {});
    throw error;
  } finally {
    const failures = await cleanup.run();
    if (!signals.received()) for (const failure of failures) console.error(`could not clean up ${failure}`);
  }

  function printTick(lines: readonly string[]): void {
    const [head, ...values] = lines;
    say(head);
    for (const line of values) console.log(`${' '.repeat(stamp().length)} ${line}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
