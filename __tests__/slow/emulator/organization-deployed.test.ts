/**
 * The organization on the emulator, through the deployed stacks: an organization of two units and
 * three accounts created in moto first (its ID and units are moto's, put into the fixture config
 * __tests__/support/fleets/organization.yaml before synthesis), the two stacks synthesized by
 * the public app and applied with the real terraform CLI (the organization stack first, then the
 * hub, as the README orders them). The hub's discovery function runs as deployed (its zip, its
 * role, its schedule's input from the state) through the emulator front, which decides every
 * AssumeRole with the deployed trust and permission policies (iam-simulate, the organization in the
 * request context as moto holds it); then one real execution of the hub's state machine publishes
 * every account's clusters. An account created in a unit gets its spoke role, and after the next
 * account listing (the functions' clock moved ahead by the account refresh time: a fake clock) its
 * clusters are published by the deployed collector with no change to the config and no apply; an
 * account moved out of the units is dropped at the next listing and the others lose nothing. Both
 * stacks then plan with no change (nothing was applied in between) and destroy to nothing.
 *
 * What moto 5.2.1 does with the terraform-applied StackSet (aws_cloudformation_stack_set,
 * SERVICE_MANAGED, and aws_cloudformation_stack_set_instance for the two units): the instance's
 * CreateStackInstances deploys the template in every account of the units at that moment, creating
 * the spoke role there (none in the management account, which is in the root). Automatic deployment
 * is not implemented: an account that joins a unit later gets nothing. So the test does what the
 * automatic deployment does, with what the StackSet deployed: a stack of the StackSet's template
 * (from the organization stack's state) in the new account, which moto deploys as CloudFormation
 * would (the role, its inline policy, `${AWS::AccountId}` substituted); and for the account moved
 * out it deletes that account's stack instance (DeleteStackInstances), as automatic deployment with
 * RetainStacksOnAccountRemoval false does. After both stacks are destroyed, the new account's
 * stand-in stack is deleted as the StackSet's deletion would, and no spoke role is left anywhere.
 *
 * moto executes a state machine once only (hub-fleet.test.ts), so the join and the move are
 * followed by a minute of ticks of the deployed collector, invoked as the state machine's Task
 * invokes it with the schedule's own input (detection.ts), not by more executions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { accountClient } from '../../../scripts/lib/emulator/account-clients';
import { deployedSchedules } from '../../../scripts/lib/emulator/deployment';
import { runTicks, type TickOutcome } from '../../../scripts/lib/emulator/detection';
import { type RegionSeed, seedRegion } from '../../../scripts/lib/emulator/ecs-seeds';
import { triggerInput } from '../../../scripts/lib/emulator/execution';
import { discoveredHubTargets, type ExpectedSeries, expectedHubPublish, hubTargetList, readObject } from '../../../scripts/lib/emulator/expectations';
import { CloudWatchReader, type ReadSeries, seriesLabel } from '../../../scripts/lib/emulator/metrics-readback';
import { EmulatorCallError, queryCall } from '../../../scripts/lib/emulator/moto-client';
import { requireEmulatorTools } from '../../../scripts/lib/emulator/moto-server';
import { type DeployedScenario, runScenario, type Scenario, type ScenarioRun } from '../../../scripts/lib/emulator/scenario';
import { COLLECTOR_HANDLERS } from '../../../modules/contract/collector-event';
import { DEFAULT_DISCOVERY_REFRESH, type DiscoveredTargets, type TargetListEntry } from '../../../modules/contract/hub-target-list';
import { TIER_TIMEOUT_MS } from '../../support/emulator';

const HUB_STACK = 'ecs-highres-999999999999-eu-west-1-hub';
const ORGANIZATION_STACK = 'ecs-highres-888888888888-organization';
/** The organization's management account in moto (it creates the organization), where the organization stack goes. */
const MANAGEMENT = '888888888888';
const HUB_ACCOUNT = '999999999999';
/** The StackSet's one instance region (STACK_SET_HOME_REGIONS.aws). */
const INSTANCE_REGION = 'us-east-1';
const SPOKE_ROLE = 'ecs-highres-spoke';
/** README "Onboard an organization": a new account's clusters are polled within 7 minutes with the defaults. */
const JOIN_BOUND_SECONDS = 7 * 60;

/** The organization moto holds: its ID, units, and accounts by name. */
interface Organization {
  readonly id: string;
  readonly workloads: string;
  readonly platform: string;
  readonly sandbox: string;
  readonly accounts: Record<string, string>;
}

const cluster = (name: string, containerInstances: number, runningTasks: number) => ({ name, containerInstances, runningTasks });

/** What one discovery invocation answered and wrote. */
interface DiscoveryRun {
  readonly ok: boolean;
  readonly summary: { accounts?: number; accountRegions?: number; targets?: number; failureCount?: number; failures?: string[] };
  readonly errorMessage?: string;
  /** The discovered object's account-regions after the run. */
  readonly targets: readonly string[];
}

/** A minute of ticks of the deployed collector and what CloudWatch then holds. */
interface TickMinute {
  readonly minute: number;
  readonly ticks: readonly TickOutcome[];
  readonly expected: readonly ExpectedSeries[];
  readonly read: readonly ReadSeries[];
  /** Account-regions with any series at this minute's ticks (ListMetrics, then read back). */
  readonly polled: readonly string[];
}

interface Facts {
  organization: Organization;
  spokeRolesAfterApply: Record<string, boolean>;
  stackInstanceAccounts: string[];
  firstDiscovery: DiscoveryRun;
  joined: {
    account: string;
    roleBefore: boolean;
    roleAfter: boolean;
    /** A discovery run before the account listing is due again: the new account is not listed yet. */
    beforeDue: DiscoveryRun;
    clockSeconds: number;
    discovery: DiscoveryRun;
    minute: TickMinute;
    targetListVersion: { before: string; after: string };
  };
  left: { account: string; roleAfter: boolean; discovery: DiscoveryRun; minute: TickMinute };
  afterDestroy: { spokeRoles: Record<string, boolean> };
}

const facts: Partial<Facts> = {};
let run: ScenarioRun | undefined;
let failure: Error | undefined;
const workRoot = mkdtempSync(path.join(tmpdir(), 'ecs-highres-emulator-organization-'));

const organizations = (endpoint: string) => accountClient(OrganizationsClient, endpoint, MANAGEMENT, 'us-east-1');

async function createAccount(endpoint: string, name: string, unit: string, root: string): Promise<string> {
  const client = organizations(endpoint);
  const id = (await client.send(new CreateAccountCommand({ Email: `${name}@example.com`, AccountName: name }))).CreateAccountStatus!.AccountId!;
  await client.send(new MoveAccountCommand({ AccountId: id, SourceParentId: root, DestinationParentId: unit }));
  return id;
}

/** Whether the account holds the spoke role. */
async function hasSpokeRole(endpoint: string, account: string): Promise<boolean> {
  try {
    await queryCall('iam', { endpoint, region: 'us-east-1', account }, 'GetRole', { RoleName: SPOKE_ROLE });
    return true;
  } catch (error) {
    if (error instanceof EmulatorCallError && error.status === 404) return false;
    throw error;
  }
}

let root = '';

const SCENARIO: Scenario = {
  name: 'organization',
  config: '__tests__/support/fleets/organization.yaml',
  applyFirst: [ORGANIZATION_STACK],
  beforeSynth: async ({ endpoint }) => {
    const client = organizations(endpoint);
    const id = (await client.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!.Id!;
    root = (await client.send(new ListRootsCommand({}))).Roots![0].Id!;
    const unit = async (name: string) => (await client.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: name }))).OrganizationalUnit!.Id!;
    const [workloads, platform, sandbox] = [await unit('workloads'), await unit('platform'), await unit('sandbox')];
    const accounts = {
      a: await createAccount(endpoint, 'a', workloads, root),
      b: await createAccount(endpoint, 'b', workloads, root),
      c: await createAccount(endpoint, 'c', platform, root),
    };
    facts.organization = { id, workloads, platform, sandbox, accounts };
    const seeds: RegionSeed[] = [
      { account: accounts.a, region: 'us-east-1', clusters: [cluster('a-api', 2, 3)] },
      { account: accounts.b, region: 'eu-west-1', clusters: [cluster('b-api', 1, 2), cluster('b-batch', 1, 1)] },
      { account: accounts.c, region: 'us-east-1', clusters: [cluster('c-api', 1, 4)] },
      { account: accounts.c, region: 'ap-southeast-2', clusters: [cluster('c-au', 1, 1)] },
    ];
    return { values: { 'o-emulatororg': id, 'ou-emul-workloads': workloads, 'ou-emul-platforms': platform }, seeds };
  },
};

function hubOf(deployed: DeployedScenario) {
  const hub = deployed.stacks.find((s) => s.stack === HUB_STACK);
  if (!hub?.pipeline) throw new Error(`${HUB_STACK} has no pipeline`);
  return { ...hub, pipeline: hub.pipeline };
}

/** The hub's discovery function as deployed, invoked with its schedule's input. */
async function discover(deployed: DeployedScenario): Promise<DiscoveryRun> {
  const hub = hubOf(deployed);
  const fn = hub.functions.find((f) => f.handler === COLLECTOR_HANDLERS.discovery);
  if (!fn) throw new Error(`${HUB_STACK} has no discovery function`);
  const schedule = deployedSchedules(hub.appliedResources).find((s) => s.targetArn === fn.arn);
  if (!schedule) throw new Error(`no schedule invokes ${fn.arn}`);
  const lambda = accountClient(LambdaClient, deployed.frontEndpoint, HUB_ACCOUNT, fn.region);
  const answer = await lambda.send(new InvokeCommand({ FunctionName: fn.arn, Payload: Buffer.from(schedule.input) }));
  const body = answer.Payload ? JSON.parse(Buffer.from(answer.Payload).toString()) : null;
  const location = (JSON.parse(schedule.input) as { discovered: { bucket: string; key: string } }).discovered;
  const text = await readObject(deployed.endpoint, { account: HUB_ACCOUNT, region: fn.region }, location.bucket, location.key);
  const targets = text ? (JSON.parse(text) as DiscoveredTargets).targets.map((t) => `${t.account}/${t.region}`) : [];
  return answer.FunctionError
    ? { ok: false, summary: {}, errorMessage: (body as { errorMessage?: string })?.errorMessage ?? answer.FunctionError, targets }
    : { ok: true, summary: body, targets };
}

/** A minute of ticks of the deployed collector at the functions' (fake) current minute, and what CloudWatch holds for it. */
async function tickMinute(deployed: DeployedScenario, clockMs: number, seeds: readonly RegionSeed[]): Promise<TickMinute> {
  const { pipeline, appliedResources } = hubOf(deployed);
  const minute = Math.floor((Date.now() + clockMs) / 60_000) * 60_000;
  const ticks = await runTicks(deployed.frontEndpoint, pipeline, new Date(minute));
  const input = JSON.parse(triggerInput(pipeline, new Date(minute))) as Record<string, unknown>;
  const targets: TargetListEntry[] = await discoveredHubTargets(deployed.endpoint, pipeline, input, hubTargetList(appliedResources));
  const expected = expectedHubPublish(input, targets, seeds, new Date(minute), pipeline.tickOffsets, []).series;
  const reader = new CloudWatchReader(deployed.endpoint, pipeline.account, pipeline.region);
  const namespace = (input.namespace as string | undefined) ?? 'ECS';
  const listed = [...new Map((await reader.listMetrics(namespace)).map((key) => [seriesLabel(key), key])).values()].filter((k) => k.dimensions.AccountId);
  const read = await reader.series(listed, new Date(minute - 1_000), new Date(minute + 60_000));
  const polled = new Set(
    read.filter((r) => r.points.some((p) => Date.parse(p.timestamp) >= minute)).map((r) => `${r.key.dimensions.AccountId}/${r.key.dimensions.Region}`),
  );
  return { minute, ticks, expected, read, polled: [...polled].sort() };
}

const targetListVersion = (deployed: DeployedScenario) =>
  (JSON.parse(hubOf(deployed).pipeline.trigger.input) as { targetList: { versionId: string } }).targetList.versionId;

beforeAll(async () => {
  requireEmulatorTools();
  let clockMs = 0;
  try {
    run = await runScenario(SCENARIO, {
      workRoot,
      beforeExecutions: async (deployed) => {
        const { accounts } = facts.organization!;
        facts.spokeRolesAfterApply = Object.fromEntries(
          await Promise.all([...Object.values(accounts), MANAGEMENT].map(async (a) => [a, await hasSpokeRole(deployed.endpoint, a)] as const)),
        );
        const stackSet = deployed.stacks.find((s) => s.stack === ORGANIZATION_STACK)!.appliedResources.find((r) => r.type === 'aws_cloudformation_stack_set')!;
        const instances = await queryCall(
          'cloudformation',
          { endpoint: deployed.endpoint, region: INSTANCE_REGION, account: MANAGEMENT },
          'ListStackInstances',
          {
            StackSetName: stackSet.values.name as string,
          },
        );
        facts.stackInstanceAccounts = [...instances.matchAll(/<Account>(\d{12})<\/Account>/g)].map((m) => m[1]).sort();
        facts.firstDiscovery = await discover(deployed);
      },
      whileDeployed: async (deployed) => {
        const organization = facts.organization!;
        const endpoint = deployed.endpoint;
        const versionBefore = targetListVersion(deployed);
        const orgStack = deployed.stacks.find((s) => s.stack === ORGANIZATION_STACK)!;
        const stackSet = orgStack.appliedResources.find((r) => r.type === 'aws_cloudformation_stack_set')!.values;

        // An account created in a unit, its spoke role deployed as the StackSet's automatic deployment would.
        const d = await createAccount(endpoint, 'd', organization.platform, root);
        const dSeed: RegionSeed = { account: d, region: 'us-east-1', clusters: [cluster('d-api', 1, 2)] };
        await seedRegion(endpoint, dSeed);
        const roleBefore = await hasSpokeRole(endpoint, d);
        await queryCall('cloudformation', { endpoint, region: INSTANCE_REGION, account: d }, 'CreateStack', {
          StackName: `StackSet-${stackSet.name as string}-${d}`,
          TemplateBody: stackSet.template_body as string,
          'Capabilities.member.1': 'CAPABILITY_NAMED_IAM',
        });
        const roleAfter = await hasSpokeRole(endpoint, d);
        const beforeDue = await discover(deployed);
        clockMs = deployed.advanceClock(DEFAULT_DISCOVERY_REFRESH.accountsSeconds * 1000);
        const joinDiscovery = await discover(deployed);
        const seeds = [...deployed.seeds, dSeed];
        const joinMinute = await tickMinute(deployed, clockMs, seeds);
        facts.joined = {
          account: d,
          roleBefore,
          roleAfter,
          beforeDue,
          clockSeconds: clockMs / 1000,
          discovery: joinDiscovery,
          minute: joinMinute,
          targetListVersion: { before: versionBefore, after: targetListVersion(deployed) },
        };

        // An account moved out of the units: automatic deployment removes its stack instance (and role).
        const a = organization.accounts.a;
        await organizations(endpoint).send(
          new MoveAccountCommand({ AccountId: a, SourceParentId: organization.workloads, DestinationParentId: organization.sandbox }),
        );
        await queryCall('cloudformation', { endpoint, region: INSTANCE_REGION, account: MANAGEMENT }, 'DeleteStackInstances', {
          StackSetName: stackSet.name as string,
          'Accounts.member.1': a,
          'Regions.member.1': INSTANCE_REGION,
          RetainStacks: 'false',
        });
        const leftRole = await hasSpokeRole(endpoint, a);
        clockMs = deployed.advanceClock(DEFAULT_DISCOVERY_REFRESH.accountsSeconds * 1000);
        const leftDiscovery = await discover(deployed);
        facts.left = { account: a, roleAfter: leftRole, discovery: leftDiscovery, minute: await tickMinute(deployed, clockMs, seeds) };
      },
      afterDestroy: async (deployed) => {
        const d = facts.joined?.account;
        // The StackSet's deletion deletes every instance, the new account's too: its stand-in goes with it.
        if (d) {
          const stackSetName = deployed.stacks
            .find((s) => s.stack === ORGANIZATION_STACK)!
            .appliedResources.find((r) => r.type === 'aws_cloudformation_stack_set')!.values.name as string;
          await queryCall('cloudformation', { endpoint: deployed.endpoint, region: INSTANCE_REGION, account: d }, 'DeleteStack', {
            StackName: `StackSet-${stackSetName}-${d}`,
          });
        }
        const accounts = [...Object.values(facts.organization!.accounts), ...(d ? [d] : [])];
        facts.afterDestroy = {
          spokeRoles: Object.fromEntries(await Promise.all(accounts.map(async (a) => [a, await hasSpokeRole(deployed.endpoint, a)] as const))),
        };
      },
    });
  } catch (error) {
    failure = error as Error;
  }
}, TIER_TIMEOUT_MS);

afterAll(() => rmSync(workRoot, { recursive: true, force: true }));

function theRun(): ScenarioRun {
  if (failure) throw failure;
  if (!run) throw new Error('the organization scenario did not run');
  return run;
}

function fact<K extends keyof Facts>(key: K): Facts[K] {
  theRun();
  const value = facts[key];
  if (value === undefined) throw new Error(`the scenario recorded no ${key}`);
  return value as Facts[K];
}

test('the config names the two units and the organization moto holds, and synthesizes two stacks: the organization stack and the hub', () => {
  expect(
    theRun()
      .stacks.map((s) => s.stack)
      .sort(),
  ).toEqual([ORGANIZATION_STACK, HUB_STACK].sort());
});

test('the StackSet applied with terraform deploys the spoke role to every account of both units, none to the management account', () => {
  const { accounts } = fact('organization');
  expect(fact('spokeRolesAfterApply')).toEqual({ [accounts.a]: true, [accounts.b]: true, [accounts.c]: true, [MANAGEMENT]: false });
  expect(fact('stackInstanceAccounts')).toEqual(Object.values(accounts).sort());
});

test('the deployed discovery, run with its schedule input, finds every account and each account-region with clusters, failing nothing', () => {
  const { accounts } = fact('organization');
  const first = fact('firstDiscovery');
  expect({ ok: first.ok, error: first.errorMessage, failures: first.summary.failures }).toEqual({ ok: true, error: undefined, failures: [] });
  expect(first.summary).toMatchObject({ accounts: 3, targets: 4, failureCount: 0 });
  expect([...first.targets].sort()).toEqual(
    [`${accounts.a}/us-east-1`, `${accounts.b}/eu-west-1`, `${accounts.c}/ap-southeast-2`, `${accounts.c}/us-east-1`].sort(),
  );
});

test("one execution of the hub's state machine publishes every account's clusters, at every tick", () => {
  const hub = theRun().stacks.find((s) => s.stack === HUB_STACK)!;
  const { accounts } = fact('organization');
  expect({ status: hub.execution?.status, error: hub.execution?.error }).toEqual({ status: 'SUCCEEDED', error: undefined });
  const places = new Set(hub.expectation!.series.map((s) => `${s.key.dimensions.AccountId}/${s.key.dimensions.Region}`));
  expect([...places].sort()).toEqual([`${accounts.a}/us-east-1`, `${accounts.b}/eu-west-1`, `${accounts.c}/ap-southeast-2`, `${accounts.c}/us-east-1`].sort());
  for (const expected of hub.expectation!.series) {
    const read = hub.readSeries.find((r) => seriesLabel(r.key) === seriesLabel(expected.key));
    const points = (read?.points ?? []).filter((p) => expected.timestamps.includes(p.timestamp)).map((p) => [p.timestamp, p.value]);
    expect({ series: seriesLabel(expected.key), points }).toEqual({
      series: seriesLabel(expected.key),
      points: expected.timestamps.map((t) => [t, expected.value]),
    });
  }
});

/** Every expected series holds its value at every tick of the minute. */
function expectPublished(minute: TickMinute) {
  expect(minute.expected.length).toBeGreaterThan(0);
  for (const expected of minute.expected) {
    const read = minute.read.find((r) => seriesLabel(r.key) === seriesLabel(expected.key));
    const points = (read?.points ?? []).filter((p) => expected.timestamps.includes(p.timestamp)).map((p) => [p.timestamp, p.value]);
    expect({ series: seriesLabel(expected.key), points }).toEqual({
      series: seriesLabel(expected.key),
      points: expected.timestamps.map((t) => [t, expected.value]),
    });
  }
}

test('an account created in a unit gets its spoke role, and its clusters are published within the discovery bound, with no apply and no change to the config', () => {
  const { accounts } = fact('organization');
  const joined = fact('joined');
  expect({ before: joined.roleBefore, after: joined.roleAfter }).toEqual({ before: false, after: true });
  // Until the account listing is due again, the discovery does not know the account.
  expect(joined.beforeDue.summary).toMatchObject({ accounts: 3, targets: 4, failureCount: 0 });
  expect(joined.beforeDue.targets.filter((t) => t.startsWith(joined.account))).toEqual([]);
  // The functions' clock moved by the account listing's refresh time: within the README's bound.
  expect(joined.clockSeconds).toBe(DEFAULT_DISCOVERY_REFRESH.accountsSeconds);
  expect(joined.clockSeconds + 60).toBeLessThanOrEqual(JOIN_BOUND_SECONDS);
  expect({ ok: joined.discovery.ok, error: joined.discovery.errorMessage }).toEqual({ ok: true, error: undefined });
  expect(joined.discovery.summary).toMatchObject({ accounts: 4, targets: 5, failureCount: 0 });
  expect(joined.discovery.targets).toContain(`${joined.account}/us-east-1`);
  expect(joined.minute.ticks.map((t) => [t.offsetSeconds, t.ok, t.errorMessage])).toEqual(joined.minute.ticks.map((t) => [t.offsetSeconds, true, undefined]));
  expect(joined.minute.ticks.map((t) => (t.payload as { accountRegions?: number; lost?: number }).accountRegions)).toEqual(joined.minute.ticks.map(() => 5));
  expect(joined.minute.polled).toEqual(
    [`${accounts.a}/us-east-1`, `${accounts.b}/eu-west-1`, `${accounts.c}/ap-southeast-2`, `${accounts.c}/us-east-1`, `${joined.account}/us-east-1`].sort(),
  );
  expectPublished(joined.minute);
  // The hub's target list is the one applied: the new account is in no config and no state.
  expect(joined.targetListVersion.after).toBe(joined.targetListVersion.before);
});

test('an account moved out of the units loses its spoke role and is not polled after the next discovery, and the others lose nothing', () => {
  const { accounts } = fact('organization');
  const joined = fact('joined');
  const left = fact('left');
  expect(left.roleAfter).toBe(false);
  expect({ ok: left.discovery.ok, error: left.discovery.errorMessage }).toEqual({ ok: true, error: undefined });
  expect(left.discovery.summary).toMatchObject({ accounts: 3, targets: 4, failureCount: 0 });
  expect(left.discovery.targets.filter((t) => t.startsWith(accounts.a))).toEqual([]);
  expect(left.minute.ticks.map((t) => [t.offsetSeconds, t.ok, t.errorMessage])).toEqual(left.minute.ticks.map((t) => [t.offsetSeconds, true, undefined]));
  expect(left.minute.ticks.map((t) => (t.payload as { accountRegions?: number; lost?: number }).lost ?? 0)).toEqual(left.minute.ticks.map(() => 0));
  expect(left.minute.polled).toEqual(
    [`${accounts.b}/eu-west-1`, `${accounts.c}/ap-southeast-2`, `${accounts.c}/us-east-1`, `${joined.account}/us-east-1`].sort(),
  );
  expectPublished(left.minute);
});

test('both stacks plan again with no change beyond the named emulator gaps, and destroy to nothing, the spoke roles of every account included', () => {
  for (const stack of theRun().stacks) {
    expect({ stack: stack.stack, applied: stack.appliedResources.length > 0 }).toEqual({ stack: stack.stack, applied: true });
    expect({ stack: stack.stack, drift: stack.unexplainedDrift }).toEqual({ stack: stack.stack, drift: [] });
    expect({ stack: stack.stack, leftoverState: stack.leftoverState, leftoverInEmulator: stack.leftoverInEmulator }).toEqual({
      stack: stack.stack,
      leftoverState: [],
      leftoverInEmulator: [],
    });
  }
  const { spokeRoles } = fact('afterDestroy');
  expect(Object.values(spokeRoles)).toEqual(Object.keys(spokeRoles).map(() => false));
  expect(Object.keys(spokeRoles)).toHaveLength(4);
});
