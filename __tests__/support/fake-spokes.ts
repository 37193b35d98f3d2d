/**
 * GIVEN helpers for the hub collector: an STS that hands out credentials naming the account
 * they are for, and an ECS that answers each account-region from its own clusters, telling the
 * callers apart by the region and credentials of the very client that sent the request; and
 * `hubFakes`, the whole mocked world of a hub invocation (S3 with the target list, STS, ECS,
 * CloudWatch) for a test file.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, DescribeServicesCommand, ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, type AssumeRoleCommandInput, STSClient } from '@aws-sdk/client-sts';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import { HubCollector } from '../../functions/collector/hub/hub-collector';
import { serializeTargetList, type TargetListEntry } from '../../modules/contract/hub-target-list';
import { freshFakesForEachTest } from './fake-aws';

type AnyStub = AwsStub<any, any, any>;

/** A clock tests move by hand. */
export function fakeClock(start = Date.parse('2026-11-30T10:00:00Z')) {
  const clock = { ms: start, now: () => clock.ms, advance: (ms: number) => void (clock.ms += ms) };
  return clock;
}

/** `arn:aws:iam::111111111111:role/…` → `111111111111`. */
const accountOfRoleArn = (arn: string) => arn.split(':')[4];

/** The access key STS gives for an account; ECS reads the account back from it. */
export const accessKeyOf = (account: string, n = 1) => `ASIA${account}N${n}`;

/**
 * GIVEN STS assumes every role except those of `denied` accounts, each time with new credentials
 * valid for the requested duration from the clock's now.
 */
export function givenSts(sts: AnyStub, clock: { now(): number }, denied: readonly string[] = []) {
  let issued = 0;
  sts.on(AssumeRoleCommand).callsFake(async (input: AssumeRoleCommandInput) => {
    const account = accountOfRoleArn(input.RoleArn!);
    if (denied.includes(account)) {
      const error = new Error(
        `User: arn:aws:sts::999999999999:assumed-role/hub-collector/x is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
      );
      error.name = 'AccessDenied';
      throw error;
    }
    issued++;
    return {
      Credentials: {
        AccessKeyId: accessKeyOf(account, issued),
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date(clock.now() + (input.DurationSeconds ?? 3600) * 1000),
      },
    };
  });
}

/** The inputs of every AssumeRole call, in order. */
export const assumeRoleInputs = (sts: AnyStub) => sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input as AssumeRoleCommandInput);

export interface FakeCounts {
  readonly runningTasksCount?: number;
  readonly pendingTasksCount?: number;
  readonly activeServicesCount?: number;
  readonly registeredContainerInstancesCount?: number;
  /** The cluster's services, by name, with their counts (DescribeServices). */
  readonly services?: Record<string, { runningCount: number; desiredCount: number; pendingCount: number }>;
}

/** Every account-region's clusters, by `account/region`, with their counts. */
export type Spokes = Record<string, Record<string, FakeCounts>>;

export interface EcsCall {
  /** `account/region` of the client that sent it. */
  readonly from: string;
  readonly command: 'DescribeClusters' | 'ListClusters' | 'DescribeServices';
  readonly input: any;
}

/** Which account-region a mocked client is: its region, and the account in its credentials. */
async function whereFrom(client: ECSClient): Promise<string> {
  const region = await client.config.region();
  const credentials = await client.config.credentials();
  const account = credentials.accessKeyId.slice(4, 16);
  return `${account}/${region}`;
}

/**
 * GIVEN ECS knows these spokes' clusters: DescribeClusters answers MISSING for a name it does not
 * know, ListClusters pages of `maxResults`. `failing` account-regions answer every call with
 * `error`; `latencyMs` delays each answer; `calls` records every call and `peak` the most in flight.
 */
export function givenSpokeEcs(ecs: AnyStub, spokes: Spokes, options: { failing?: readonly string[]; error?: Error; latencyMs?: number } = {}) {
  const state = { calls: [] as EcsCall[], inFlight: 0, peak: 0 };
  const arnOf = (from: string, name: string) => {
    const [account, region] = from.split('/');
    return `arn:aws:ecs:${region}:${account}:cluster/${name}`;
  };
  const answer = async (from: string, command: EcsCall['command'], input: any, respond: () => unknown) => {
    state.calls.push({ from, command, input });
    state.inFlight++;
    state.peak = Math.max(state.peak, state.inFlight);
    try {
      // Unref: a call still "in flight" when a test ends does not keep jest waiting.
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs).unref());
      if (options.failing?.includes(from)) throw options.error ?? Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      return respond();
    } finally {
      state.inFlight--;
    }
  };
  ecs.on(DescribeClustersCommand).callsFake(async (input, getClient) => {
    const from = await whereFrom(getClient() as ECSClient);
    return answer(from, 'DescribeClusters', input, () => {
      const known = spokes[from] ?? {};
      const names: string[] = input.clusters;
      return {
        clusters: names
          .filter((name) => name in known)
          .map((name) => {
            const { services: _services, ...counts } = known[name];
            return { clusterName: name, clusterArn: arnOf(from, name), status: 'ACTIVE', ...counts };
          }),
        failures: names.filter((name) => !(name in known)).map((name) => ({ arn: arnOf(from, name), reason: 'MISSING' })),
      };
    });
  });
  ecs.on(ListClustersCommand).callsFake(async (input, getClient) => {
    const from = await whereFrom(getClient() as ECSClient);
    return answer(from, 'ListClusters', input, () => {
      const all = Object.keys(spokes[from] ?? {}).sort();
      const start = input.nextToken ? Number(input.nextToken) : 0;
      const end = start + (input.maxResults ?? 100);
      return {
        clusterArns: all.slice(start, end).map((name) => arnOf(from, name)),
        ...(end < all.length ? { nextToken: String(end) } : {}),
      };
    });
  });
  ecs.on(DescribeServicesCommand).callsFake(async (input, getClient) => {
    const from = await whereFrom(getClient() as ECSClient);
    return answer(from, 'DescribeServices', input, () => {
      const known = spokes[from]?.[input.cluster]?.services ?? {};
      const names: string[] = input.services;
      const serviceArn = (name: string) => arnOf(from, name).replace(':cluster/', `:service/${input.cluster}/`);
      return {
        services: names.filter((n) => n in known).map((n) => ({ serviceName: n, serviceArn: serviceArn(n), status: 'ACTIVE', ...known[n] })),
        failures: names.filter((n) => !(n in known)).map((n) => ({ arn: serviceArn(n), reason: 'MISSING' })),
      };
    });
  });
  return state;
}

/** The two member accounts of the hub tests. */
export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';

/** A hub's target list of 2 accounts × 2 regions: clusters listed, but B's eu-west-1 all its clusters ("*"). */
export const TWO_BY_TWO_TARGETS: readonly TargetListEntry[] = [
  { account: ACCOUNT_A, region: 'us-east-1', clusters: ['prod', 'batch'] },
  { account: ACCOUNT_A, region: 'eu-west-1', clusters: ['prod'] },
  { account: ACCOUNT_B, region: 'us-east-1', clusters: ['prod'] },
  { account: ACCOUNT_B, region: 'eu-west-1', clusters: '*' },
];

/** The hub's collector function, in the monitoring account 999999999999 (eu-central-1). */
export const HUB_FUNCTION = 'arn:aws:lambda:eu-central-1:999999999999:function:ecs-highres-collector-eu-central-1';

/** Where the hub's input says the target list is: version v1 of s3://ecs-highres-hub-targets/targets.json. */
export const HUB_TARGET_LIST = { bucket: 'ecs-highres-hub-targets', key: 'targets.json', versionId: 'v1' } as const;

/**
 * GIVEN the mocked world of a hub invocation, for a test file (call it once, at its top): S3, STS,
 * ECS and CloudWatch mocked and made fresh before each test, STS assuming every role (givenSts,
 * on the real clock) and CloudWatch accepting every request. ECS knows nothing until the test
 * says (givenSpokeEcs(fakes.ecs, …)); S3 holds nothing until givenTargetList.
 */
export function hubFakes() {
  const s3 = mockClient(S3Client);
  const sts = mockClient(STSClient);
  const ecs = mockClient(ECSClient);
  const cloudwatch = mockClient(CloudWatchClient);
  freshFakesForEachTest(ecs, cloudwatch);
  beforeEach(() => {
    s3.reset();
    sts.reset();
    givenSts(sts, { now: Date.now });
  });
  return {
    s3,
    sts,
    ecs,
    cloudwatch,
    /** The Lambda context of an invocation of HUB_FUNCTION with a minute left. */
    context: { getRemainingTimeInMillis: () => 60_000, invokedFunctionArn: HUB_FUNCTION },
    /** GIVEN S3 holds these versions of the target list; any other version is NoSuchVersion. */
    givenTargetList(versions: Record<string, readonly TargetListEntry[]>) {
      s3.on(GetObjectCommand).callsFake(async (input: { VersionId?: string }) => {
        const targets = versions[input.VersionId ?? ''];
        if (!targets) throw Object.assign(new Error('The specified version does not exist.'), { name: 'NoSuchVersion' });
        const text = serializeTargetList(targets);
        return { Body: { transformToString: async () => text } };
      });
    },
    /** A fresh warm container: what one Lambda container keeps across its invocations. */
    freshHub: () =>
      new HubCollector({
        s3: new S3Client({ region: 'eu-central-1' }),
        sts: new STSClient({ region: 'eu-central-1' }),
        cloudwatch: new CloudWatchClient({ region: 'eu-central-1' }),
      }),
  };
}

/** Clients of the SDK under test, so the mocks see the same classes. */
export { ECSClient, STSClient };
