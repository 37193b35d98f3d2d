/**
 * One emulator scenario, as data (a fleet config, the ECS seeds, whether to run executions) and
 * its run: synthesize through the public app, start its own emulator, create each account's
 * deploy role, apply every stack, seed, run one execution per pipeline, read back, plan again,
 * destroy, and look for leftovers. The run returns what happened; tests and the sandbox judge it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CloudWatchClient, ListDashboardsCommand } from '@aws-sdk/client-cloudwatch';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { terraformEnvironment } from '../terraform';
import { accountClient } from './account-clients';
import { DeployedPipeline, deployedPipeline } from './deployment';
import { plannedChanges, PlannedChange, unexplainedDrift } from './drift';
import { RegionSeed, seedRegion } from './ecs-seeds';
import { ExecutionOutcome, runOneExecution } from './execution';
import { expectedPublish, PublishExpectation } from './expectations';
import { startFront, InvocationRecord } from './front';
import { CloudWatchReader, dashboardReferences, DashboardReferences, ReadSeries, SeriesKey } from './metrics-readback';
import { assumeRole, configureEmulator, createRole, EmulatorCallError, queryCall, sfnCall } from './moto-client';
import { freePort, requireEmulatorTools, startMotoServer } from './moto-server';
import { EmulatedStack, StateResource } from './terraform-stack';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A scenario: a fleet config to deploy and the clusters the emulator holds. */
export interface Scenario {
  readonly name: string;
  /** Fleet config file (absolute, or relative to the repository). */
  readonly config: string;
  /** Clusters to create per account-region; a configured cluster with no seed does not exist. */
  readonly seeds: readonly RegionSeed[];
  /** IAM policies each account already has (a permissions boundary the config names). */
  readonly accountPolicies?: ReadonlyArray<{ readonly account: string; readonly path: string; readonly name: string }>;
  /** Configured clusters the seeds leave out on purpose: each must be reported missing. @default [] */
  readonly missingClusters?: readonly string[];
  /** Run one execution per pipeline and read the metrics back. @default true */
  readonly execute?: boolean;
}

/** What happened to one stack. */
export interface StackRun {
  readonly stack: string;
  /** The provider's deploy role and account pin, as synthesized. */
  readonly deployRoleArn?: string;
  readonly allowedAccountIds: readonly string[];
  readonly appliedResources: readonly StateResource[];
  readonly pipeline?: DeployedPipeline;
  readonly execution?: ExecutionOutcome;
  readonly invocations: readonly InvocationRecord[];
  readonly expectation?: PublishExpectation;
  readonly readSeries: readonly ReadSeries[];
  /** Series of the pipeline's namespace that exist after the execution (ListMetrics). */
  readonly listedMetrics: readonly SeriesKey[];
  readonly dashboard?: DashboardReferences;
  /** Alarms the state names, as the emulator describes them. */
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
}

/** Synthesizes the config through the public app, as users do; the stack directories. */
export async function synthesize(configFile: string, outdir: string): Promise<string[]> {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [tsx, 'main.ts'], {
      cwd: ROOT,
      env: { ...process.env, FLEET_CONFIG: configFile, CDKTF_OUTDIR: outdir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
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
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioRun> {
  requireEmulatorTools();
  const started = Date.now();
  const log = options.log ?? (() => {});
  const configFile = path.resolve(ROOT, scenario.config);
  mkdirSync(options.workRoot, { recursive: true });
  const stackDirs = await synthesize(configFile, path.join(options.workRoot, 'cdktf.out'));
  const env = await terraformEnvironment(path.join(options.workRoot, 'terraform'));

  const frontPort = await freePort();
  const moto = await startMotoServer(frontPort);
  const front = await startFront(frontPort, {
    motoEndpoint: moto.endpoint,
    workDir: options.workRoot,
    runtimeModules: path.join(ROOT, 'node_modules'),
    credentialsFor: (fn) => assumeRole({ endpoint: moto.endpoint, region: fn.region }, fn.roleArn, 'collector'),
    onInvocation: options.onInvocation,
  });
  try {
    await configureEmulator(moto.endpoint, { stepfunctions: { execute_state_machine: true } });
    const pins = stackDirs.map(providerPin);
    await prepareAccounts(moto.endpoint, scenario, pins);
    for (const seed of scenario.seeds) await seedRegion(moto.endpoint, seed);
    log(`${scenario.name}: emulator on ${front.endpoint}, ${stackDirs.length} stacks`);

    const runs = await Promise.all(
      stackDirs.map((stackDir, i) => runStack(stackDir, pins[i], scenario, { ...options, log }, front, moto.endpoint, env)),
    );
    return { scenario: scenario.name, stacks: runs, seconds: since(started) };
  } finally {
    await front.stop();
    await moto.stop();
  }
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

async function runStack(
  stackDir: string,
  pin: ProviderPin,
  scenario: Scenario,
  options: RunOptions & { log: (line: string) => void },
  front: Awaited<ReturnType<typeof startFront>>,
  endpoint: string,
  env: NodeJS.ProcessEnv,
): Promise<StackRun> {
  const name = path.basename(stackDir);
  const seconds: Record<string, number> = {};
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    options.log(`${name}: ${step}…`);
    try {
      return await work();
    } finally {
      seconds[step] = since(t);
      options.log(`${name}: ${step} done in ${seconds[step]} s`);
    }
  };
  const stack = EmulatedStack.prepare(stackDir, path.join(options.workRoot, 'stacks', name), front.endpoint, env);
  await timed('init', () => stack.init());
  await timed('apply', () => stack.apply());
  const appliedResources = stack.state();
  const hasPipeline = appliedResources.some((r) => r.type === 'aws_sfn_state_machine');
  const pipeline = hasPipeline ? deployedPipeline(appliedResources, stack.workDir) : undefined;

  let execution: ExecutionOutcome | undefined;
  let expectation: PublishExpectation | undefined;
  let readSeries: ReadSeries[] = [];
  let listedMetrics: SeriesKey[] = [];
  let dashboard: DashboardReferences | undefined;
  let alarms: MetricAlarm[] = [];
  const alarmNamesInState = appliedResources
    .filter((r) => r.type === 'aws_cloudwatch_metric_alarm')
    .map((r) => r.values.alarm_name as string);
  if (pipeline && scenario.execute !== false) {
    front.register(pipeline.collector);
    options.onExecutionStart?.(name, pipeline, endpoint);
    execution = await timed('execution', () => runOneExecution(endpoint, pipeline));
    const seeds = scenario.seeds.find((s) => s.account === pipeline.account && s.region === pipeline.region)?.clusters ?? [];
    expectation = expectedPublish(execution.input, seeds, execution.firstTick, pipeline.tickOffsets);
    const reader = new CloudWatchReader(endpoint, pipeline.account, pipeline.region);
    const end = new Date(execution.firstTick.getTime() + 120_000);
    readSeries = await reader.series(
      expectation.series.map((s) => s.key),
      new Date(execution.firstTick.getTime() - 60_000),
      end,
    );
    const namespace = (execution.input.namespace as string | undefined) ?? 'ECS';
    listedMetrics = await reader.listMetrics(namespace);
    const board = appliedResources.find((r) => r.type === 'aws_cloudwatch_dashboard');
    if (board) dashboard = dashboardReferences(board.values.dashboard_body as string, namespace);
    alarms = await reader.alarms(alarmNamesInState);
  }
  const invocations = pipeline ? front.invocations.filter((i) => i.functionArn === pipeline.collector.arn) : [];

  const drift = plannedChanges(await timed('plan', () => stack.plan()));
  await timed('destroy', () => stack.destroy());
  const leftoverState = stack.state().map((r) => r.address);
  const leftoverInEmulator = pipeline ? await leftovers(endpoint, pipeline, appliedResources) : [];
  return {
    stack: name,
    deployRoleArn: pin.deployRoleArn,
    allowedAccountIds: pin.allowedAccountIds,
    appliedResources,
    pipeline,
    execution,
    invocations,
    expectation,
    readSeries,
    listedMetrics,
    dashboard,
    alarms,
    alarmNamesInState,
    drift,
    unexplainedDrift: unexplainedDrift(drift),
    leftoverState,
    leftoverInEmulator,
    seconds,
  };
}

/** What the emulator still answers for after destroy: the function, state machine, roles, alarms, dashboards. */
async function leftovers(endpoint: string, pipeline: DeployedPipeline, applied: readonly StateResource[]): Promise<string[]> {
  const { account, region } = pipeline;
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
  const lambda = accountClient(LambdaClient, endpoint, account, region);
  await gone(`function ${pipeline.collector.arn}`, () => lambda.send(new GetFunctionCommand({ FunctionName: pipeline.collector.arn })));
  await gone(`state machine ${pipeline.stateMachineArn}`, () => sfnCall(target, 'DescribeStateMachine', { stateMachineArn: pipeline.stateMachineArn }));
  for (const role of applied.filter((r) => r.type === 'aws_iam_role')) {
    await gone(`role ${role.values.name}`, () => queryCall('iam', target, 'GetRole', { RoleName: role.values.name as string }));
  }
  const reader = new CloudWatchReader(endpoint, account, region);
  const alarmNames = applied.filter((r) => r.type === 'aws_cloudwatch_metric_alarm').map((r) => r.values.alarm_name as string);
  found.push(...(await reader.alarms(alarmNames)).map((a) => `alarm ${a.AlarmName}`));
  const cloudwatch = accountClient(CloudWatchClient, endpoint, account, region);
  const { DashboardEntries = [] } = await cloudwatch.send(new ListDashboardsCommand({}));
  found.push(...DashboardEntries.map((d) => `dashboard ${d.DashboardName}`));
  return found;
}

/** Whether a path exists (for callers that point at example configs). */
export const configExists = (config: string) => existsSync(path.resolve(ROOT, config));
