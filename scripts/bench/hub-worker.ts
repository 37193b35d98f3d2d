/**
 * The hub collector's work per tick, in a process of its own (run by scripts/bench/hub.ts, with
 * the heap limited to the hub's Lambda memory): the built bundle's `hubHandler` over a generated fleet, every
 * AWS call (S3, STS, ECS, CloudWatch) answered by aws-sdk-client-mock after `--latency` ms, as a
 * fake endpoint would. Reports the cold tick and each warm tick (wall time, calls by API, datums)
 * and the process's peak RSS and heap. Prints one JSON line. With `--shard I --shards N` it is one
 * shard's container of a tick that fans out: every event carries `shard: { index: I, count: N }`.
 */
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import type { HubCollectorInput } from '../../modules/contract/collector-event';
import { serializeTargetList } from '../../modules/contract/hub-target-list';
import { generateHubFleet } from './hub-fleet';

export interface HubTick {
  readonly wallMs: number;
  readonly calls: Readonly<Record<string, number>>;
  readonly datums: number;
}

export interface HubRunMeasurement {
  readonly cold: HubTick;
  readonly warm: readonly HubTick[];
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  /** RSS of this process before the SDK and the bundle load (Node and tsx): not the collector's. */
  readonly baseRssMb: number;
  readonly heapLimitMb: number;
}

const HUB_REGION = 'eu-central-1';
const HUB_FUNCTION = `arn:aws:lambda:${HUB_REGION}:999999999999:function:ecs-highres-collector-${HUB_REGION}`;
const INPUT: HubCollectorInput = {
  targetList: { bucket: 'ecs-highres-hub-targets', key: 'targets.json', versionId: 'v1' },
  spokeRole: { name: 'ecs-highres-spoke', path: '/', sessionName: 'ecs-highres-hub' },
  namespace: 'ECS/Fleet',
  // As a hub publishes by default (the fleetHealth setting): its fleet-health series, one datum each per invocation.
  health: { pipeline: 'ecs-highres' },
};

async function main(): Promise<void> {
  const baseRss = process.memoryUsage().rss;
  const { values } = parseArgs({
    options: {
      bundle: { type: 'string' },
      'account-regions': { type: 'string' },
      clusters: { type: 'string' },
      warm: { type: 'string', default: '5' },
      latency: { type: 'string', default: '50' },
      shard: { type: 'string' },
      shards: { type: 'string' },
    },
  });
  if (!values.bundle) throw new Error('usage: hub-worker --bundle FILE --account-regions N --clusters N [--warm N] [--latency MS]');
  const targets = generateHubFleet({ accountRegions: Number(values['account-regions']), clustersPerRegion: Number(values.clusters) });
  const latencyMs = Number(values.latency);
  process.env.AWS_REGION = HUB_REGION;
  process.env.AWS_ACCESS_KEY_ID = 'AKIABENCHMARK0000000';
  process.env.AWS_SECRET_ACCESS_KEY = 'benchmark';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // The summary line goes to CloudWatch Logs in Lambda; here it would only cost terminal time.
  console.info = console.log = console.warn = console.error = () => {};

  const { mockClient } = await import('aws-sdk-client-mock');
  // The SDK classes the bundle itself requires (same resolution, same module instances), so the mocks catch its clients.
  const sdk = createRequire(values.bundle);
  const { S3Client, GetObjectCommand } = sdk('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
  const { STSClient, AssumeRoleCommand } = sdk('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const { ECSClient, DescribeClustersCommand } = sdk('@aws-sdk/client-ecs') as typeof import('@aws-sdk/client-ecs');
  const { CloudWatchClient, PutMetricDataCommand } = sdk('@aws-sdk/client-cloudwatch') as typeof import('@aws-sdk/client-cloudwatch');
  const later = <T>(answer: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(answer()), latencyMs));

  const text = serializeTargetList(targets);
  const s3 = mockClient(S3Client);
  s3.on(GetObjectCommand).callsFake(() => later(() => ({ Body: { transformToString: async () => text } })));
  const sts = mockClient(STSClient);
  let issued = 0;
  sts.on(AssumeRoleCommand).callsFake(() =>
    later(() => ({
      Credentials: { AccessKeyId: `ASIABENCH${++issued}`, SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date(Date.now() + 3_600_000) },
    })),
  );
  const ecs = mockClient(ECSClient);
  let seq = 0;
  ecs.on(DescribeClustersCommand).callsFake((input: { clusters?: string[] }) =>
    later(() => ({
      clusters: (input.clusters ?? []).map((name) => ({
        clusterName: name,
        clusterArn: `arn:aws:ecs:us-east-1:100000000001:cluster/${name}`,
        status: 'ACTIVE',
        registeredContainerInstancesCount: 3,
        runningTasksCount: 10 + (++seq % 7),
        pendingTasksCount: seq % 2,
        activeServicesCount: 4,
      })),
      failures: [],
    })),
  );
  const cloudwatch = mockClient(CloudWatchClient);
  cloudwatch.on(PutMetricDataCommand).callsFake(() => later(() => ({})));
  const stubs = [s3, sts, ecs, cloudwatch];
  const takeCalls = () => {
    const calls: Record<string, number> = {};
    for (const stub of stubs) {
      for (const call of stub.calls()) {
        const name = (call.args[0] as object).constructor.name.replace(/Command$/, '');
        calls[name] = (calls[name] ?? 0) + 1;
      }
      stub.resetHistory();
    }
    return calls;
  };

  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 5);

  // Loaded after the mocks, as Lambda loads the bundle: the handler's clients are then created under them.
  const { hubHandler } = require(values.bundle) as { hubHandler(event: unknown, context: unknown): Promise<unknown> };
  const context = { getRemainingTimeInMillis: () => 60_000, invokedFunctionArn: HUB_FUNCTION };
  const shards = values.shards !== undefined ? Number(values.shards) : undefined;
  const shard = shards !== undefined ? { shard: { index: Number(values.shard ?? 0), count: shards } } : {};
  const tick = async (n: number): Promise<HubTick> => {
    const event = {
      input: shards !== undefined ? { ...INPUT, shards } : INPUT,
      tick: { intervalSeconds: 5, offsetSeconds: 0, executionStartTime: new Date(Date.UTC(2026, 11, 1, 10, 0, 5 * n)).toISOString() },
      ...shard,
    };
    takeCalls();
    const started = process.hrtime.bigint();
    const result = (await hubHandler(event, context)) as { datums: number };
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    sample();
    return { wallMs, calls: takeCalls(), datums: result.datums };
  };
  const cold = await tick(0);
  const warm: HubTick[] = [];
  for (let i = 1; i <= Number(values.warm); i++) warm.push(await tick(i));
  clearInterval(sampler);
  const { getHeapStatistics } = await import('node:v8');
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const measured: HubRunMeasurement = {
    cold,
    warm,
    peakRssMb: Math.max(mb(peakRss), process.resourceUsage().maxRSS / 1024),
    peakHeapMb: mb(peakHeap),
    baseRssMb: mb(baseRss),
    heapLimitMb: mb(getHeapStatistics().heap_size_limit),
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
