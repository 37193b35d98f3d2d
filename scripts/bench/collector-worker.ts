/**
 * The collector's work per tick, in a process of its own (run by scripts/bench.ts): loads a
 * built bundle, answers its AWS calls without a network, and reports for each cluster count the
 * CPU time of every measured tick, the calls made by API, the datums, and the bytes one
 * invocation logs. Prints one JSON line.
 *
 *  - `--clients mock`: aws-sdk-client-mock replaces `send`, so only the collector's own code runs.
 *  - `--clients http`: the real SDK clients with a stub HTTP handler, so serialization, signing
 *    and parsing run too: closer to what Lambda bills.
 */
import { parseArgs } from 'node:util';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { ECSClient } from '@aws-sdk/client-ecs';

export interface TickMeasurement {
  readonly clusters: number;
  /** CPU time (user + system) of each measured tick, ms. */
  readonly cpuMs: readonly number[];
  /** API calls of one tick, by operation name. */
  readonly calls: Readonly<Record<string, number>>;
  readonly datums: number;
  /** Bytes CloudWatch Logs ingests for one invocation, in Lambda's JSON log format. */
  readonly logBytes: number;
}

interface CollectorBundle {
  handler(event: unknown): Promise<{ datums: number }>;
  clients: { ecs: ECSClient; cloudwatch: CloudWatchClient };
}

const ACCOUNT = '111111111111';
const clusterNames = (n: number) => Array.from({ length: n }, (_, i) => `cluster-${String(i + 1).padStart(4, '0')}`);

/** What ECS says about a cluster: the fields DescribeClusters returns without `include`. */
function describedCluster(name: string, i: number) {
  return {
    clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/${name}`,
    clusterName: name,
    status: 'ACTIVE',
    registeredContainerInstancesCount: 3,
    runningTasksCount: 10 + (i % 7),
    pendingTasksCount: i % 2,
    activeServicesCount: 4,
    statistics: [],
    tags: [],
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    defaultCapacityProviderStrategy: [],
  };
}

/** aws-sdk-client-mock on the bundle's own client instances; returns a call counter. */
async function mockClients(bundle: CollectorBundle): Promise<() => Record<string, number>> {
  const { mockClient } = await import('aws-sdk-client-mock');
  const ecs = mockClient(bundle.clients.ecs);
  const cloudwatch = mockClient(bundle.clients.cloudwatch);
  ecs.callsFake((input: { clusters?: string[] }) => ({
    clusters: (input.clusters ?? []).map(describedCluster),
    failures: [],
  }));
  cloudwatch.resolves({});
  return () => {
    const calls: Record<string, number> = {};
    for (const call of [...ecs.calls(), ...cloudwatch.calls()]) {
      const name = (call.args[0] as object).constructor.name.replace(/Command$/, '');
      calls[name] = (calls[name] ?? 0) + 1;
    }
    ecs.resetHistory();
    cloudwatch.resetHistory();
    return calls;
  };
}

/** Real clients whose HTTP handler answers from memory; returns a call counter. */
function stubHttp(bundle: CollectorBundle): () => Record<string, number> {
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'AKIABENCHMARK0000000';
  process.env.AWS_SECRET_ACCESS_KEY = 'benchmark';
  let calls: Record<string, number> = {};
  const encoder = new TextEncoder();
  const handler = (contentType: string) => ({
    async handle(request: { headers: Record<string, string>; body?: unknown }) {
      const operation = (request.headers['x-amz-target'] ?? '?').split('.').pop()!;
      calls[operation] = (calls[operation] ?? 0) + 1;
      const body =
        operation === 'DescribeClusters' ? JSON.stringify({ clusters: JSON.parse(String(request.body)).clusters.map(describedCluster), failures: [] }) : '{}';
      return {
        response: { statusCode: 200, headers: { 'content-type': contentType, 'x-amzn-requestid': 'benchmark' }, body: encoder.encode(body) },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  });
  bundle.clients.ecs.config.requestHandler = handler('application/x-amz-json-1.1');
  bundle.clients.cloudwatch.config.requestHandler = handler('application/x-amz-json-1.0');
  return () => {
    const made = calls;
    calls = {};
    return made;
  };
}

/** What Lambda writes for one console line in JSON log format. */
function lambdaLogLine(level: string, message: unknown): string {
  return `${JSON.stringify({ timestamp: new Date().toISOString(), level, requestId: '8f0e2c1a-6b4d-4e3f-9a7b-5c1d2e3f4a5b', message })}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      bundle: { type: 'string' },
      clients: { type: 'string', default: 'mock' },
      clusters: { type: 'string', default: '1,100,1000' },
      warmup: { type: 'string', default: '20' },
      ticks: { type: 'string', default: '50' },
    },
  });
  if (!values.bundle) throw new Error('usage: collector-worker --bundle FILE [--clients mock|http] [--clusters 1,100,1000]');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const bundle = require(values.bundle) as CollectorBundle;
  const takeCalls = values.clients === 'http' ? stubHttp(bundle) : await mockClients(bundle);

  let logged = '';
  console.info = (message: unknown) => void (logged += lambdaLogLine('INFO', message));
  console.warn = (message: unknown) => void (logged += lambdaLogLine('WARN', message));
  console.error = (message: unknown) => void (logged += lambdaLogLine('ERROR', message));

  const results: TickMeasurement[] = [];
  for (const n of values.clusters!.split(',').map(Number)) {
    const event = {
      input: { clusters: clusterNames(n), namespace: 'ECS' },
      tick: { intervalSeconds: 5, offsetSeconds: 0, executionStartTime: '2026-11-26T10:00:00.000Z' },
    };
    for (let i = 0; i < Number(values.warmup); i++) await bundle.handler(event);
    takeCalls();
    logged = '';
    const { datums } = await bundle.handler(event);
    const calls = takeCalls();
    const logBytes = Buffer.byteLength(logged);
    const cpuMs: number[] = [];
    for (let i = 0; i < Number(values.ticks); i++) {
      const before = process.cpuUsage();
      await bundle.handler(event);
      const used = process.cpuUsage(before);
      cpuMs.push((used.user + used.system) / 1000);
    }
    results.push({ clusters: n, cpuMs, calls, datums, logBytes });
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
