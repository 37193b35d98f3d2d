/**
 * One emulator scenario, as data (a fleet config, the ECS seeds, whether to run executions) and
 * its run: start its own emulator, create what the config names but the emulator chooses (an
 * organization), synthesize through the public app, create each account's deploy role, seed,
 * apply every stack (some first, in order), run one execution per pipeline, read back, plan again,
 * destroy, and look for leftovers. The run returns what happened; tests and the sandbox judge it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CloudWatchClient, ListDashboardsCommand } from '@aws-sdk/client-cloudwatch';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { terraformEnvironment } from '../terraform';
import { accountClient } from './account-clients';
import { type DeployedPipeline, deployedFunctions, deployedPipeline } from './deployment';
import { plannedChanges, type PlannedChange, unexplainedDrift } from './drift';
import { type RegionSeed, seedRegion } from './ecs-seeds';
import { type ExecutionOutcome, runOneExecution } from './execution';
import { discoveredHubTargets, expectedHubPublish, expectedPublish, hubTargetList, isHub, type PublishExpectation, spokeAccountOf } from './expectations';
import { startFront, type InvocationRecord } from './front';
import type { DeployedFunction } from './lambda-runner';
import { CloudWatchReader, dashboardReferences, type DashboardReferences, type ReadSeries, type SeriesKey } from './metrics-readback';
import { spawnOwned } from './child-processes';
import { derivedSeeds } from './derived-seeds';
import { assumeRole, configureEmulator, createRole, EmulatorCallError, queryCall, sfnCall } from './moto-client';
import { freePort, requireEmulatorTools, startMotoServer } from './moto-server';
import { EmulatedStack, type StateResource } from './terraform-stack';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A scenario: a fleet config to deploy and the clusters the emulator holds. */
export interface Scenario {
  readonly name: string;
  /** Fleet config file (absolute, or relative to the repository). */
  readonly config: string;
  /**
   * Clusters to create per account-region; a configured cluster with no seed does not exist.
   * @default every cluster and service the synthesized stacks collect (derived-seeds.ts)
   */
  readonly seeds?: readonly RegionSeed[];
  /** IAM policies each account already has (a permissions boundary the config names). @default with derived seeds, every boundary the stacks' roles name */
  readonly accountPolicies?: ReadonlyArray<{ readonly account: string; readonly path: string; readonly name: string }>;
  /** Configured clusters the seeds leave out on purpose: each must be reported missing. @default [] */
  readonly missingClusters?: readonly string[];
  /** Run one execution per pipeline and read the metrics back. @default true */
  readonly execute?: boolean;
  /**
   * Stacks (by name) the config creates but the scenario never applies: what the fleet loses while
   * they are missing (a member account whose spoke role is not deployed). @default none
   */
  readonly unapplied?: readonly string[];
  /** Count each cluster's ACTIVE services in DescribeClusters' answers, as ECS does (moto answers 0; front.ts). @default false */
  readonly countActiveServices?: boolean;
  /**
   * Creates in the emulator, before synthesis, what the config names but the emulator chooses (an
   * organization's ID and units, its accounts), and returns each placeholder of the config file
   * with its value (the config is synthesized with every placeholder replaced), and the clusters
   * of the accounts it created, added to `seeds` (seeded with them). @default the config as it is
   */
  readonly beforeSynth?: (emulator: { readonly endpoint: string }) => Promise<{
    readonly values: Readonly<Record<string, string>>;
    readonly seeds?: readonly RegionSeed[];
  }>;
  /**
   * Stacks (by name) applied one after another, in this order, before the others (which are applied
   * side by side), and destroyed after them, in the reverse order: the organization stack before
   * the hub, as the README orders it. @default none: every stack side by side
   */
  readonly applyFirst?: readonly string[];
}

/** A scenario with its own seeds (the tier's: its expectations are written against them). */
export type SeededScenario = Scenario & { readonly seeds: readonly RegionSeed[] };

/** One execution of a pipeline and what it left in the emulator. */
export interface ExecutionRun {
  readonly execution: ExecutionOutcome;
  /** The collector invocations of this execution. */
  readonly invocations: readonly InvocationRecord[];
  readonly expectation: PublishExpectation;
  readonly readSeries: readonly ReadSeries[];
  /** Series of the pipeline's namespace that exist after the execution (ListMetrics). */
  readonly listedMetrics: readonly SeriesKey[];
  /** What the stack's dashboards reference, all of them together. */
  readonly dashboard?: DashboardReferences;
  /** Alarms the state names, as the emulator describes them. */
  readonly alarms: readonly MetricAlarm[];
}

/** What happened to one stack. */
export interface StackRun {
  readonly stack: string;
  /** The provider's deploy role and account pin, as synthesized. */
  readonly deployRoleArn?: string;
  readonly allowedAccountIds: readonly string[];
  readonly appliedResources: readonly StateResource[];
  readonly pipeline?: DeployedPipeline;
  /** The first execution (every stack of the scenario applied). */
  readonly execution?: ExecutionOutcome;
  readonly invocations: readonly InvocationRecord[];
  readonly expectation?: PublishExpectation;
  readonly readSeries: readonly ReadSeries[];
  readonly listedMetrics: readonly SeriesKey[];
  readonly dashboard?: DashboardReferences;
  readonly alarms: readonly MetricAlarm[];
  readonly alarmNamesInState: readonly string[];
  readonly drift: readonly PlannedChange[];
  readonly unexplainedDrift: readonly PlannedChange[];
  /** Resources in state after destroy, and deployed things the emulator still answers for. */
  readonly leftoverState: readonly string[];
  readonly leftoverInEmulator: readonly string[];
  readonly seconds: Readonly<Record<string, number>>;
}

export interface ScenarioRun {
  readonly scenario: string;
  /** The clusters the emulator held: the scenario's, or those derived from the stacks. */
  readonly seeds: readonly RegionSeed[];
  readonly stacks: readonly StackRun[];
  readonly seconds: number;
}

export interface RunOptions {
  /** A directory of this run's own (synth output, work copies, unpacked code). */
  readonly workRoot: string;
  readonly log?: (line: string) => void;
  /** Called as a pipeline's execution starts, with the emulator's endpoint (the sandbox changes a cluster mid-minute). */
  readonly onExecutionStart?: (stack: string, pipeline: DeployedPipeline, endpoint: string) => void;
  /** Called after each collector invocation (the sandbox shows progress). */
  readonly onInvocation?: (record: InvocationRecord) => void;
  /** Called once the emulator holds the seeded clusters, before any stack is applied. */
  readonly onSeeded?: (seeds: readonly RegionSeed[]) => void;
  /**
   * After the executions, plan again (drift), destroy, and look for leftovers. The sandbox, which
   * throws the emulator and every state away, skips them. @default true
   */
  readonly verify?: boolean;
  /**
   * Called once every stack is applied, before the executions: a test invokes a deployed function
   * of its own first (a hub's discovery, whose findings the execution polls).
   */
  readonly beforeExecutions?: (deployed: DeployedScenario) => Promise<void>;
  /**
   * Called once every stack is applied (and its execution run, unless the scenario runs none),
   * while the emulator still runs: a test drives ticks of its own and changes the clusters between them.
   */
  readonly whileDeployed?: (deployed: DeployedScenario) => Promise<void>;
  /**
   * Called once every stack is destroyed (with `verify`), while the emulator still runs: a test looks
   * for what the stacks left outside their own accounts (a StackSet's roles in member accounts).
   */
  readonly afterDestroy?: (deployed: DeployedScenario) => Promise<void>;
}

/** What a scenario deployed, while its emulator runs. */
export interface DeployedScenario {
  /** moto's endpoint (seeding, reading back), and the front's (Lambda invocations of the deployed collectors). */
  readonly endpoint: string;
  readonly frontEndpoint: string;
  readonly seeds: readonly RegionSeed[];
  readonly stacks: ReadonlyArray<{
    readonly stack: string;
    readonly pipeline?: DeployedPipeline;
    /** Every function of the stack (the front runs their invocations). */
    readonly functions: readonly DeployedFunction[];
    readonly appliedResources: readonly StateResource[];
  }>;
  /** Moves the deployed functions' clock ahead (front.ts): a fake clock for refresh times coming due. */
  readonly advanceClock: (ms: number) => number;
}

/** Synthesizes the config through the public app, as users do; the stack directories. */
export async function synthesize(configFile: string, outdir: string): Promise<string[]> {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawnOwned(process.execPath, [tsx, 'main.ts'], {
      cwd: ROOT,
      env: { ...process.env, FLEET_CONFIG: configFile, CDKTF_OUTDIR: outdir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
  if (result.code !== 0) throw new Error(`synthesizing ${configFile} failed:\n${result.output}`);
  const stacksDir = path.join(outdir, 'stacks');
  return readdirSync(stacksDir)
    .sort()
    .map((stack) => path.join(stacksDir, stack));
}

interface ProviderPin {
  readonly deployRoleArn?: string;
  readonly allowedAccountIds: string[];
  readonly region: string;
}

function providerPin(stackDir: string): ProviderPin {
  const tf = JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as {
    provider: { aws: Array<{ assume_role?: Array<{ role_arn?: string }>; allowed_account_ids?: string[]; region: string }> };
  };
  const [aws] = tf.provider.aws;
  return { deployRoleArn: aws.assume_role?.[0]?.role_arn, allowedAccountIds: aws.allowed_account_ids ?? [], region: aws.region };
}

const since = (started: number) => Math.round((Date.now() - started) / 100) / 10;

/** Runs a scenario from start to end; everything it started is stopped, whatever happens. */
export async function runScenario(given: Scenario, options: RunOptions): Promise<ScenarioRun> {
  requireEmulatorTools();
  const started = Date.now();
  const log = options.log ?? (() => {});
  mkdirSync(options.workRoot, { recursive: true });
  const frontPort = await freePort();
  const moto = await startMotoServer(frontPort);
  const front = await startFront(frontPort, {
    motoEndpoint: moto.endpoint,
    workDir: options.workRoot,
    runtimeModules: path.join(ROOT, 'node_modules'),
    credentialsFor: (fn) => assumeRole({ endpoint: moto.endpoint, region: fn.region }, fn.roleArn, 'collector'),
    onInvocation: options.onInvocation,
    countActiveServices: given.countActiveServices,
  });
  try {
    await configureEmulator(moto.endpoint, { stepfunctions: { execute_state_machine: true } });
    const prepared = await given.beforeSynth?.({ endpoint: moto.endpoint });
    const configFile = prepared ? withValues(path.resolve(ROOT, given.config), prepared.values, options.workRoot) : path.resolve(ROOT, given.config);
    const synthStarted = Date.now();
    const stackDirs = await synthesize(configFile, path.join(options.workRoot, 'cdktf.out'));
    log(`${given.name}: synthesized ${stackDirs.length} ${stackDirs.length === 1 ? 'stack' : 'stacks'} in ${since(synthStarted)} s`);
    const derived = given.seeds || prepared?.seeds ? undefined : derivedSeeds(stackDirs);
    const scenario = {
      ...given,
      seeds: [...(given.seeds ?? derived?.seeds ?? []), ...(prepared?.seeds ?? [])],
      accountPolicies: given.accountPolicies ?? derived?.accountPolicies,
    };
    const unapplied = scenario.unapplied ?? [];
    const named = [...unapplied, ...(scenario.applyFirst ?? [])];
    const unknown = named.filter((name) => !stackDirs.some((dir) => path.basename(dir) === name));
    if (unknown.length > 0) throw new Error(`${scenario.name}: unapplied or applyFirst names stacks the config does not create: ${unknown.join(', ')}`);
    const env = await terraformEnvironment(path.join(options.workRoot, 'terraform'));
    // Terraform's provider plugins leave their sockets in TMPDIR when ended by a signal: keep them in the work directory.
    env.TMPDIR = path.join(options.workRoot, 'tmp');
    mkdirSync(env.TMPDIR, { recursive: true });

    const pins = stackDirs.map(providerPin);
    await prepareAccounts(moto.endpoint, scenario, pins);
    for (const seed of scenario.seeds) await seedRegion(moto.endpoint, seed);
    options.onSeeded?.(scenario.seeds);
    log(`${scenario.name}: emulator on ${front.endpoint}, ${stackDirs.length} stacks`);
    const runs = stackDirs
      .map((dir, i) => new StackRunner(dir, pins[i], scenario, { ...options, log }, front, moto.endpoint, env))
      .filter((run) => !unapplied.includes(run.name));

    const first = (scenario.applyFirst ?? []).map((name) => runs.find((run) => run.name === name)!);
    const rest = runs.filter((run) => !first.includes(run));
    // Every stack is applied before any pipeline runs: a hub collects through the spokes' roles.
    for (const run of first) await run.apply();
    await Promise.all(rest.map((run) => run.apply()));
    const deployed = (): DeployedScenario => ({
      endpoint: moto.endpoint,
      frontEndpoint: front.endpoint,
      seeds: scenario.seeds,
      stacks: runs.map((run) => run.deployed()),
      advanceClock: front.advanceClock,
    });
    await options.beforeExecutions?.(deployed());
    // One execution per pipeline: moto cannot start a second execution of a state machine (its copy of the machine fails).
    if (scenario.execute !== false) await Promise.all(runs.map((run) => run.execute(unapplied)));
    await options.whileDeployed?.(deployed());
    if (options.verify !== false) {
      // Every stack planned while all are deployed, then destroyed: the others side by side, then `applyFirst` in reverse.
      await Promise.all(runs.map((run) => run.plan()));
      await Promise.all(rest.map((run) => run.destroy()));
      for (const run of [...first].reverse()) await run.destroy();
      await options.afterDestroy?.(deployed());
    }
    return { scenario: scenario.name, seeds: scenario.seeds, stacks: runs.map((run) => run.result()), seconds: since(started) };
  } finally {
    await front.stop();
    await moto.stop();
  }
}

/** The config file with each placeholder replaced by its value, written beside the run's work (same extension). */
function withValues(configFile: string, values: Readonly<Record<string, string>>, workRoot: string): string {
  let text = readFileSync(configFile, 'utf8');
  for (const [placeholder, value] of Object.entries(values)) {
    if (!text.includes(placeholder)) throw new Error(`${configFile} has no placeholder ${placeholder}`);
    text = text.split(placeholder).join(value);
  }
  const file = path.join(workRoot, `config${path.extname(configFile)}`);
  writeFileSync(file, text);
  return file;
}

/** Each account's deploy role (trusting the runner's account) and the policies the config expects to exist. */
async function prepareAccounts(endpoint: string, scenario: Scenario, pins: readonly ProviderPin[]): Promise<void> {
  const roles = new Set(pins.flatMap((pin) => (pin.deployRoleArn ? [pin.deployRoleArn] : [])));
  for (const roleArn of roles) {
    const account = roleArn.split(':')[4];
    await createRole({ endpoint, region: 'us-east-1', account }, roleArn, '123456789012');
  }
  for (const policy of scenario.accountPolicies ?? []) {
    await queryCall('iam', { endpoint, region: 'us-east-1', account: policy.account }, 'CreatePolicy', {
      PolicyName: policy.name,
      Path: policy.path,
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    });
  }
}

/** One stack through the phases of a scenario: apply, execute, plan, destroy. */
class StackRunner {
  readonly name: string;
  private readonly seconds: Record<string, number> = {};
  private readonly stack: EmulatedStack;
  private appliedResources: StateResource[] = [];
  private pipeline?: DeployedPipeline;
  private functions: DeployedFunction[] = [];
  private executionRun?: ExecutionRun;
  private drift: PlannedChange[] = [];
  private leftoverState: string[] = [];
  private leftoverInEmulator: string[] = [];

  constructor(
    stackDir: string,
    private readonly pin: ProviderPin,
    private readonly scenario: SeededScenario,
    private readonly options: RunOptions & { log: (line: string) => void },
    private readonly front: Awaited<ReturnType<typeof startFront>>,
    private readonly endpoint: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.name = path.basename(stackDir);
    this.stack = EmulatedStack.prepare(stackDir, path.join(options.workRoot, 'stacks', this.name), front.endpoint, env);
  }

  private async timed<T>(step: string, work: () => Promise<T>): Promise<T> {
    const t = Date.now();
    this.options.log(`${this.name}: ${step}…`);
    let ok = false;
    try {
      const result = await work();
      ok = true;
      return result;
    } finally {
      this.seconds[step] = since(t);
      this.options.log(`${this.name}: ${step} ${ok ? 'done in' : 'failed after'} ${this.seconds[step]} s`);
    }
  }

  private get alarmNamesInState(): string[] {
    return this.appliedResources.filter((r) => r.type === 'aws_cloudwatch_metric_alarm').map((r) => r.values.alarm_name as string);
  }

  async apply(): Promise<void> {
    await this.timed('init', () => this.stack.init());
    await this.timed('apply', () => this.stack.apply());
    this.appliedResources = this.stack.state();
    if (this.appliedResources.some((r) => r.type === 'aws_sfn_state_machine')) {
      this.pipeline = deployedPipeline(this.appliedResources, this.stack.workDir);
    }
    // The front runs every function's invocations: the collector's, and a hub's discovery.
    this.functions = deployedFunctions(this.appliedResources, this.stack.workDir);
    for (const fn of this.functions) this.front.register(fn);
  }

  deployed(): DeployedScenario['stacks'][number] {
    return { stack: this.name, pipeline: this.pipeline, functions: this.functions, appliedResources: this.appliedResources };
  }

  /** One execution of the stack's pipeline (if it has one), with the `unapplied` stacks missing; its metrics read back. */
  async execute(unapplied: readonly string[]): Promise<void> {
    const pipeline = this.pipeline;
    if (!pipeline) return;
    const { endpoint, scenario } = this;
    this.options.onExecutionStart?.(this.name, pipeline, endpoint);
    const before = this.front.invocations.length;
    const execution = await this.timed('execution', () => runOneExecution(endpoint, pipeline));
    const unreachableAccounts = unapplied.flatMap((name) => spokeAccountOf(name));
    const expectation = isHub(pipeline)
      ? expectedHubPublish(
          execution.input,
          // The listed targets, then what the discovery found (with an organization) that is not listed, as the tick polls them.
          await discoveredHubTargets(endpoint, pipeline, execution.input, hubTargetList(this.appliedResources)),
          scenario.seeds,
          execution.firstTick,
          pipeline.tickOffsets,
          unreachableAccounts,
        )
      : expectedPublish(
          execution.input,
          scenario.seeds.find((s) => s.account === pipeline.account && s.region === pipeline.region)?.clusters ?? [],
          execution.firstTick,
          pipeline.tickOffsets,
        );
    const reader = new CloudWatchReader(endpoint, pipeline.account, pipeline.region);
    const readSeries = await reader.series(
      expectation.series.map((s) => s.key),
      new Date(execution.firstTick.getTime() - 60_000),
      new Date(execution.firstTick.getTime() + 120_000),
    );
    const namespace = (execution.input.namespace as string | undefined) ?? 'ECS';
    const boards = this.appliedResources.filter((r) => r.type === 'aws_cloudwatch_dashboard');
    this.executionRun = {
      execution,
      invocations: this.front.invocations.slice(before).filter((i) => i.functionArn === pipeline.collector.arn),
      expectation,
      readSeries,
      listedMetrics: await reader.listMetrics(namespace),
      dashboard: boards.length > 0 ? mergedReferences(boards.map((b) => dashboardReferences(b.values.dashboard_body as string, namespace))) : undefined,
      alarms: await reader.alarms(this.alarmNamesInState),
    };
  }

  /** Plans again: the drift. */
  async plan(): Promise<void> {
    this.drift = plannedChanges(await this.timed('plan', () => this.stack.plan()));
  }

  /** Destroys, and looks for what is left. */
  async destroy(): Promise<void> {
    await this.timed('destroy', () => this.stack.destroy());
    this.leftoverState = this.stack.state().map((r) => r.address);
    this.leftoverInEmulator = await leftovers(this.endpoint, this.pin, this.pipeline, this.functions, this.appliedResources);
  }

  result(): StackRun {
    const first = this.executionRun;
    return {
      stack: this.name,
      deployRoleArn: this.pin.deployRoleArn,
      allowedAccountIds: this.pin.allowedAccountIds,
      appliedResources: this.appliedResources,
      pipeline: this.pipeline,
      execution: first?.execution,
      invocations: first?.invocations ?? [],
      expectation: first?.expectation,
      readSeries: first?.readSeries ?? [],
      listedMetrics: first?.listedMetrics ?? [],
      dashboard: first?.dashboard,
      alarms: first?.alarms ?? [],
      alarmNamesInState: this.alarmNamesInState,
      drift: this.drift,
      unexplainedDrift: unexplainedDrift(this.drift),
      leftoverState: this.leftoverState,
      leftoverInEmulator: this.leftoverInEmulator,
      seconds: this.seconds,
    };
  }
}

/** What the emulator still answers for after destroy: the functions, state machine, roles, policies, buckets, StackSets, alarms, dashboards. */
async function leftovers(
  endpoint: string,
  pin: ProviderPin,
  pipeline: DeployedPipeline | undefined,
  functions: readonly DeployedFunction[],
  applied: readonly StateResource[],
): Promise<string[]> {
  const account = pin.allowedAccountIds[0];
  const region = pipeline?.region ?? pin.region;
  const target = { endpoint, region, account };
  const found: string[] = [];
  const gone = async (what: string, probe: () => Promise<unknown>) => {
    try {
      await probe();
      found.push(what);
    } catch (error) {
      const status = error instanceof EmulatorCallError ? error.status : (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === undefined || status >= 500) throw error;
    }
  };
  for (const fn of functions) {
    const lambda = accountClient(LambdaClient, endpoint, account, fn.region);
    await gone(`function ${fn.arn}`, () => lambda.send(new GetFunctionCommand({ FunctionName: fn.arn })));
  }
  if (pipeline) {
    await gone(`state machine ${pipeline.stateMachineArn}`, () => sfnCall(target, 'DescribeStateMachine', { stateMachineArn: pipeline.stateMachineArn }));
  }
  for (const role of applied.filter((r) => r.type === 'aws_iam_role')) {
    await gone(`role ${role.values.name}`, () => queryCall('iam', target, 'GetRole', { RoleName: role.values.name as string }));
  }
  for (const policy of applied.filter((r) => r.type === 'aws_iam_policy')) {
    await gone(`policy ${policy.values.arn}`, () => queryCall('iam', target, 'GetPolicy', { PolicyArn: policy.values.arn as string }));
  }
  for (const stackSet of applied.filter((r) => r.type === 'aws_cloudformation_stack_set')) {
    const name = stackSet.values.name as string;
    await gone(`StackSet ${name}`, () => queryCall('cloudformation', { ...target, region: pin.region }, 'DescribeStackSet', { StackSetName: name }));
  }
  for (const bucket of applied.filter((r) => r.type === 'aws_s3_bucket')) {
    await gone(`bucket ${bucket.values.bucket}`, () => headBucket(target, bucket.values.bucket as string));
  }
  const reader = new CloudWatchReader(endpoint, account, region);
  const alarmNames = applied.filter((r) => r.type === 'aws_cloudwatch_metric_alarm').map((r) => r.values.alarm_name as string);
  found.push(...(await reader.alarms(alarmNames)).map((a) => `alarm ${a.AlarmName}`));
  const cloudwatch = accountClient(CloudWatchClient, endpoint, account, region);
  const { DashboardEntries = [] } = await cloudwatch.send(new ListDashboardsCommand({}));
  found.push(...DashboardEntries.map((d) => `dashboard ${d.DashboardName}`));
  return found;
}

/** HEAD of a bucket, path-style: a 404 says it is gone. */
async function headBucket(target: { endpoint: string; region: string; account: string }, bucket: string): Promise<void> {
  const response = await fetch(`${target.endpoint}/${bucket}`, {
    method: 'HEAD',
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAEMULATOR000000/20250101/${target.region}/s3/aws4_request, SignedHeaders=host, Signature=0`,
      'x-moto-account-id': target.account,
    },
  });
  if (!response.ok) throw new EmulatorCallError(`s3:HeadBucket ${bucket}`, response.status, '');
}

/** Every dashboard's references, as one. */
function mergedReferences(boards: readonly DashboardReferences[]): DashboardReferences {
  return {
    series: boards.flatMap((b) => b.series),
    searches: boards.flatMap((b) => b.searches),
    alarmArns: boards.flatMap((b) => b.alarmArns),
  };
}

/** Whether a path exists (for callers that point at example configs). */
export const configExists = (config: string) => existsSync(path.resolve(ROOT, config));
