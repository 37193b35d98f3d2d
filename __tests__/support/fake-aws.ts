/**
 * GIVEN helpers for the collector: an ECS that answers like ECS (aws-sdk-client-mock), the
 * requests the collector sent to CloudWatch, and an HTTP layer that answers real SDK clients
 * from a script (to exercise the SDK's own retries, which a mocked `send` would skip).
 */
import { PutMetricDataCommand, type PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { ClusterNotFoundException, DescribeClustersCommand, DescribeServicesCommand, ListServicesCommand } from '@aws-sdk/client-ecs';
import type { AwsStub } from 'aws-sdk-client-mock';
import { gunzipSync } from 'node:zlib';

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';
export const clusterArn = (name: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${name}`;
export const serviceArn = (cluster: string, name: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${cluster}/${name}`;

export interface FakeService {
  readonly name: string;
  readonly status?: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  readonly runningCount: number;
  readonly desiredCount: number;
  readonly pendingCount: number;
}

export interface FakeCluster {
  readonly name: string;
  readonly status?: string;
  readonly runningTasksCount?: number;
  readonly pendingTasksCount?: number;
  readonly activeServicesCount?: number;
  readonly registeredContainerInstancesCount?: number;
  /** Statistics ECS returns with include STATISTICS, by key. */
  readonly statistics?: Record<string, number>;
  readonly services?: readonly FakeService[];
}

/** A cluster with the blog's four counts, and the given services. */
export function cluster(name: string, counts: Partial<FakeCluster> = {}): FakeCluster {
  return {
    name,
    status: 'ACTIVE',
    runningTasksCount: 7,
    pendingTasksCount: 2,
    activeServicesCount: counts.services?.length ?? 3,
    registeredContainerInstancesCount: 1,
    ...counts,
  };
}

export function service(name: string, counts: Partial<FakeService> = {}): FakeService {
  return { name, status: 'ACTIVE', runningCount: 4, desiredCount: 5, pendingCount: 1, ...counts };
}

type AnyStub = AwsStub<any, any, any>;

/**
 * GIVEN ECS knows these clusters and their services: DescribeClusters (statistics only when
 * asked for), ListServices (pages of `maxResults`, default 10 as in ECS) and DescribeServices
 * (MISSING for a name it does not know, ClusterNotFoundException for an unknown cluster).
 */
export function givenEcs(ecs: AnyStub, clusters: readonly FakeCluster[]): void {
  const byName = new Map(clusters.map((c) => [c.name, c]));
  // Like ECS, DescribeClusters takes a cluster's name or its ARN, and answers with both.
  const byNameOrArn = new Map([...byName, ...clusters.map((c) => [clusterArn(c.name), c] as const)]);
  ecs.on(DescribeClustersCommand).callsFake(({ clusters: names, include }: { clusters: string[]; include?: string[] }) => ({
    clusters: names
      .filter((name) => byNameOrArn.has(name))
      .map((asked) => {
        const { services: _services, statistics, ...counts } = byNameOrArn.get(asked)!;
        return {
          ...counts,
          clusterName: counts.name,
          clusterArn: clusterArn(counts.name),
          ...(include?.includes('STATISTICS') && statistics
            ? { statistics: Object.entries(statistics).map(([key, value]) => ({ name: key, value: String(value) })) }
            : {}),
        };
      }),
    failures: names.filter((name) => !byNameOrArn.has(name)).map((name) => ({ arn: name.startsWith('arn:') ? name : clusterArn(name), reason: 'MISSING' })),
  }));
  const servicesOf = (name: string) => {
    const found = byName.get(name);
    if (!found) throw new ClusterNotFoundException({ message: 'Cluster not found.', $metadata: {} });
    return found.services ?? [];
  };
  ecs.on(ListServicesCommand).callsFake(({ cluster: name, maxResults = 10, nextToken }) => {
    const all = servicesOf(name).filter((s) => s.status !== 'INACTIVE');
    const start = nextToken ? Number(nextToken) : 0;
    const end = start + maxResults;
    return {
      serviceArns: all.slice(start, end).map((s) => serviceArn(name, s.name)),
      ...(end < all.length ? { nextToken: String(end) } : {}),
    };
  });
  ecs.on(DescribeServicesCommand).callsFake(({ cluster: name, services: names }: { cluster: string; services: string[] }) => {
    const known = new Map(servicesOf(name).map((s) => [s.name, s]));
    return {
      services: names
        .filter((n) => known.has(n))
        .map((n) => {
          const { name: serviceName, ...rest } = known.get(n)!;
          return { serviceName, serviceArn: serviceArn(name, serviceName), clusterArn: clusterArn(name), ...rest };
        }),
      failures: names.filter((n) => !known.has(n)).map((n) => ({ arn: serviceArn(name, n), reason: 'MISSING' })),
    };
  });
}

/** The input of each command of this kind the mock received, in order. */
export function inputsOf<T extends object>(stub: AnyStub, command: new (...args: any[]) => { input: T }): T[] {
  return stub.commandCalls(command as any).map((call) => call.args[0].input as T);
}

/** THEN: every PutMetricData request, in order. */
export const putRequests = (cloudwatch: AnyStub) => inputsOf<PutMetricDataCommandInput>(cloudwatch, PutMetricDataCommand);

/** THEN: every datum published, flattened, as `MetricName ClusterName[/ServiceName] = Value`. */
export function publishedValues(cloudwatch: AnyStub): string[] {
  return putRequests(cloudwatch)
    .flatMap((put) => put.MetricData!)
    .map((d) => `${d.MetricName} ${d.Dimensions!.map((dim) => dim.Value).join('/')} = ${d.Value}`);
}

/** One scripted HTTP answer: a status, a JSON body, headers. */
export interface HttpAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * An HTTP layer for a real SDK client that answers from a script, one answer per request
 * (the last one repeats), recording each request body. `hang` answers never.
 */
export function scriptedHttp(answers: ReadonlyArray<HttpAnswer | 'hang'>) {
  /** Each request body as sent (gzip when the SDK compressed it). */
  const wire: Buffer[] = [];
  /** Each request body as JSON text, decompressed. */
  const bodies: string[] = [];
  return {
    wire,
    bodies,
    handle: async (request: { body?: unknown; headers: Record<string, string> }, options?: { abortSignal?: AbortSignal }) => {
      const body = request.body as string | Uint8Array;
      // From the bytes: Buffer.from(body) would call the SDK's JSON body's string conversion.
      const sent = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      wire.push(sent);
      bodies.push((request.headers['content-encoding'] === 'gzip' ? gunzipSync(sent) : sent).toString('utf8'));
      const answer = answers[Math.min(bodies.length - 1, answers.length - 1)];
      if (answer === 'hang') {
        return new Promise<never>((_, reject) => {
          options?.abortSignal?.addEventListener('abort', () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })));
        });
      }
      return {
        response: {
          statusCode: answer.status,
          headers: { 'content-type': 'application/x-amz-json-1.1', ...answer.headers },
          body: Buffer.from(answer.body === undefined ? '' : JSON.stringify(answer.body)),
        },
      };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
}

/**
 * Each test of the collector starts from empty fakes, PutMetricData accepting everything, and the
 * collector's log lines silenced; mocks are restored after it.
 */
export function freshFakesForEachTest(ecs: AnyStub, cloudwatch: AnyStub): void {
  beforeEach(() => {
    ecs.reset();
    cloudwatch.reset();
    cloudwatch.on(PutMetricDataCommand).resolves({});
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());
}
