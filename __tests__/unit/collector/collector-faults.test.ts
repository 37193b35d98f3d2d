/**
 * Faults under real SDK clients: aws-sdk-client-mock replaces `send`, which skips the SDK's
 * retry middleware, so these tests give the collector's own clients (createClients) an HTTP
 * layer that answers from a script, and watch what goes over the wire.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, DescribeServicesCommand, ECSClient, ListServicesCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { collect, PublishError } from '../../../functions/collector/collect';
import { createClients, MAX_ATTEMPTS } from '../../../functions/collector/clients';
import { type CollectRequest, parseEvent } from '../../../functions/collector/event';
import { clients as handlerClients, DEADLINE_RESERVE_MS, deadlineBudgets, handler } from '../../../functions/collector/index';
import { ServiceListCache } from '../../../functions/collector/service-list-cache';
import { cluster, givenEcs, type HttpAnswer, publishedValues, scriptedHttp, service } from '../../support/fake-aws';

const TIMESTAMP = new Date('2026-11-26T10:00:05Z');
const request = (input: Record<string, unknown>): CollectRequest => parseEvent(input, () => TIMESTAMP.getTime());

const ecsJson = (status: number, body: unknown): HttpAnswer => ({ status, body, headers: { 'content-type': 'application/x-amz-json-1.1' } });
const cloudwatchJson = (status: number, body: unknown): HttpAnswer => ({ status, body, headers: { 'content-type': 'application/x-amz-json-1.0' } });
const described = (name: string, runningTasksCount = 7) =>
  ecsJson(200, {
    clusters: [{ clusterName: name, status: 'ACTIVE', runningTasksCount, pendingTasksCount: 0, activeServicesCount: 1, registeredContainerInstancesCount: 0 }],
    failures: [],
  });
const accepted = cloudwatchJson(200, {});

/** The collector's own clients, answering from the scripts. */
function givenClients(ecsAnswers: Array<HttpAnswer | 'hang'>, cloudwatchAnswers: Array<HttpAnswer | 'hang'>) {
  const ecsHttp = scriptedHttp(ecsAnswers);
  const cloudwatchHttp = scriptedHttp(cloudwatchAnswers);
  const fake = { region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } };
  const clients = {
    ecs: createClients({ ...fake, requestHandler: ecsHttp as any }).ecs,
    cloudwatch: createClients({ ...fake, requestHandler: cloudwatchHttp as any }).cloudwatch,
  };
  return { clients, ecsHttp, cloudwatchHttp };
}

describe('the SDK retries throttling and 5xx, then the tick publishes', () => {
  test.each([
    ['ECS throttling', [ecsJson(400, { __type: 'ThrottlingException', message: 'Rate exceeded' }), described('a')], [accepted]],
    ['an ECS 500', [ecsJson(500, { __type: 'ServerException', message: 'internal error' }), described('a')], [accepted]],
    ['CloudWatch throttling', [described('a')], [cloudwatchJson(400, { __type: 'Throttling', message: 'Rate exceeded' }), accepted]],
    ['a CloudWatch 503', [described('a')], [cloudwatchJson(503, {}), accepted]],
  ])('%s: the call is sent again and succeeds', async (_, ecsAnswers, cloudwatchAnswers) => {
    const { clients, ecsHttp, cloudwatchHttp } = givenClients(ecsAnswers, cloudwatchAnswers);
    const summary = await collect(request({ clusters: ['a'], metrics: ['RunningTask'] }), clients);
    expect(ecsHttp.bodies).toEqual(Array(ecsAnswers.length).fill(JSON.stringify({ clusters: ['a'] })));
    expect(cloudwatchHttp.bodies).toHaveLength(cloudwatchAnswers.length);
    // The retried request is the same request.
    expect(new Set(cloudwatchHttp.bodies).size).toBe(1);
    expect(JSON.parse(cloudwatchHttp.bodies[0])).toEqual({
      Namespace: 'ECS',
      MetricData: [
        {
          MetricName: 'RunningTask',
          Dimensions: [{ Name: 'ClusterName', Value: 'a' }],
          Timestamp: TIMESTAMP.getTime() / 1000,
          Value: 7,
          Unit: 'Count',
          StorageResolution: 1,
        },
      ],
    });
    expect(summary).toMatchObject({ datums: 1, retries: 1, lost: [], calls: { DescribeClusters: 1, PutMetricData: 1 } });
  });

  test(`a call still failing after ${MAX_ATTEMPTS} tries is lost, and the tick fails naming it`, async () => {
    const { clients, ecsHttp, cloudwatchHttp } = givenClients(
      [described('a')],
      [cloudwatchJson(500, { __type: 'InternalServiceFault', message: 'internal error' })],
    );
    const error = await collect(request({ clusters: ['a'] }), clients).catch((e) => e);
    expect(ecsHttp.bodies).toHaveLength(1);
    expect(cloudwatchHttp.bodies).toHaveLength(MAX_ATTEMPTS);
    expect(error).toBeInstanceOf(PublishError);
    expect(error.message).toBe('PutMetricData failed for 4 datums of clusters a: InternalServiceFault: internal error');
    expect(error.summary).toMatchObject({ datums: 0, refusedDatums: 4, retries: MAX_ATTEMPTS - 1 });
  });

  test('a throttled DescribeServices chunk is retried with the same services', async () => {
    const services = Array.from({ length: 12 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
    const describedServices = (names: string[]) =>
      ecsJson(200, {
        services: names.map((serviceName) => ({ serviceName, status: 'ACTIVE', runningCount: 1, desiredCount: 1, pendingCount: 0 })),
        failures: [],
      });
    const { clients, ecsHttp } = givenClients(
      [
        described('a'),
        describedServices(services.slice(0, 10)),
        ecsJson(400, { __type: 'ThrottlingException', message: 'Rate exceeded' }),
        describedServices(services.slice(10)),
      ],
      [accepted],
    );
    const summary = await collect(request({ clusters: ['a'], metrics: ['RunningCount'], services: { a: services } }), clients);
    expect(ecsHttp.bodies.slice(2).map((body) => JSON.parse(body))).toEqual([
      { cluster: 'a', services: services.slice(10) },
      { cluster: 'a', services: services.slice(10) },
    ]);
    expect(summary).toMatchObject({ services: 12, datums: 12, retries: 1, lost: [] });
  });
});

describe('retries end before the Lambda timeout', () => {
  test('an ECS call that never answers is stopped at the collection deadline; what was collected is still published, then the tick fails', async () => {
    const { clients, cloudwatchHttp } = givenClients(
      [described('a'), ecsJson(200, { serviceArns: ['arn:aws:ecs:us-east-1:111111111111:service/a/web'] }), 'hang'],
      [accepted],
    );
    const error = await collect(request({ clusters: ['a'], metrics: ['RunningTask', 'RunningCount'], services: { a: '*' } }), clients, {
      deadlines: { collect: AbortSignal.timeout(200) },
      serviceLists: new ServiceListCache(),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect(error.message).toBe(
      'DescribeServices failed for services web of cluster a: DeadlineError: DescribeServices was stopped at its deadline, before the Lambda timeout',
    );
    // PutMetricData has its own, later deadline: the cluster's datum is published.
    expect(cloudwatchHttp.bodies.map((body) => JSON.parse(body).MetricData.map((d: any) => d.MetricName))).toEqual([['RunningTask']]);
  });

  test(`the handler stops ECS calls halfway to the Lambda timeout less ${DEADLINE_RESERVE_MS} ms, and CloudWatch calls at it`, async () => {
    const ecs = mockClient(handlerClients.ecs);
    const cloudwatch = mockClient(handlerClients.cloudwatch);
    try {
      jest.spyOn(console, 'error').mockImplementation(() => undefined);
      ecs.on(DescribeClustersCommand).callsFake(() => new Promise(() => undefined));
      const error = await handler({ clusters: ['a'] }, { getRemainingTimeInMillis: () => DEADLINE_RESERVE_MS + 100 }).catch((e) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect(error.message).toBe(
        'DescribeClusters failed for clusters a: DeadlineError: DescribeClusters was stopped at its deadline, before the Lambda timeout',
      );
      expect(cloudwatch.calls()).toHaveLength(0);
      // Every call carries its deadline, so the SDK stops retrying at it too.
      const [, options] = ecs.commandCalls(DescribeClustersCommand)[0].args as unknown[];
      expect(options).toEqual({ abortSignal: expect.any(AbortSignal) });
    } finally {
      ecs.restore();
      cloudwatch.restore();
      jest.restoreAllMocks();
    }
  });

  test.each([
    // remaining, ECS calls stop after, CloudWatch calls stop after (ms)
    [10_000, 4_750, 9_500],
    [60_000, 29_750, 59_500],
    [1_000, 250, 500],
    [300, 0, 0],
  ])('%i ms left: ECS calls stop after %i ms, CloudWatch calls after %i ms', (remaining, collectMs, publishMs) => {
    expect(deadlineBudgets(remaining)).toEqual({ collectMs, publishMs });
  });
});

describe('failed ECS calls for services', () => {
  const clients = { ecs: new ECSClient({}), cloudwatch: new CloudWatchClient({}) };
  // Mocked per instance, so the real clients of the other tests keep their HTTP layer.
  const ecs = mockClient(clients.ecs);
  const cloudwatch = mockClient(clients.cloudwatch);

  beforeEach(() => {
    ecs.reset();
    cloudwatch.reset();
    cloudwatch.on(PutMetricDataCommand).resolves({});
  });

  test("a failed ListServices loses that cluster's services only; the rest is published, then the tick fails", async () => {
    givenEcs(ecs, [cluster('a', { services: [service('web')] }), cluster('b', { services: [service('api')] })]);
    ecs.on(ListServicesCommand, { cluster: 'a' }).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const error = await collect(request({ clusters: ['a', 'b'], metrics: ['RunningTask', 'RunningCount'], services: { a: '*', b: '*' } }), clients, {
      serviceLists: new ServiceListCache(),
    }).catch((e) => e);
    expect(publishedValues(cloudwatch)).toEqual(['RunningTask a = 7', 'RunningTask b = 7', 'RunningCount b/api = 4']);
    expect(error.message).toBe('ListServices failed for the services of cluster a: ThrottlingException: Rate exceeded');
  });

  test('a failed DescribeServices chunk loses its 10 services only', async () => {
    const names = Array.from({ length: 15 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    givenEcs(ecs, [cluster('a', { services: names.map((n) => service(n)) })]);
    ecs
      .on(DescribeServicesCommand, { cluster: 'a', services: names.slice(0, 10) })
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const error = await collect(request({ clusters: ['a'], metrics: ['RunningCount'], services: { a: names } }), clients).catch((e) => e);
    expect(publishedValues(cloudwatch)).toEqual(names.slice(10).map((n) => `RunningCount a/${n} = 4`));
    expect(error.message).toBe(`DescribeServices failed for services ${names.slice(0, 10).join(', ')} of cluster a: ThrottlingException: Rate exceeded`);
    expect(error.summary.lost).toEqual([{ api: 'DescribeServices', cluster: 'a', services: names.slice(0, 10), reason: 'ThrottlingException: Rate exceeded' }]);
  });

  test('at most 10 ECS calls are in flight at once', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `s${String(i).padStart(3, '0')}`);
    givenEcs(ecs, [cluster('a', { services: names.map((n) => service(n)) })]);
    let inFlight = 0;
    let most = 0;
    ecs.on(DescribeServicesCommand).callsFake(async ({ services }: { services: string[] }) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return { services: services.map((serviceName) => ({ serviceName, status: 'ACTIVE', runningCount: 1, desiredCount: 1, pendingCount: 0 })) };
    });
    const summary = await collect(request({ clusters: ['a'], metrics: ['RunningCount'], services: { a: names } }), clients);
    expect(summary.calls.DescribeServices).toBe(10);
    expect(most).toBe(10);
  });
});

describe('PutMetricData bodies', () => {
  test('1,000 datums of 255-character cluster and service names stay under the 1 MB request limit', async () => {
    const clusterName = 'c'.repeat(255);
    const names = Array.from({ length: 700 }, (_, i) => `${String(i).padStart(3, '0')}${'s'.repeat(252)}`);
    const { clients, cloudwatchHttp } = givenClients(
      [
        described(clusterName),
        ...Array.from({ length: 70 }, (_, k) =>
          ecsJson(200, {
            services: names
              .slice(k * 10, k * 10 + 10)
              .map((serviceName) => ({ serviceName, status: 'ACTIVE', runningCount: 1, desiredCount: 1, pendingCount: 0 })),
          }),
        ),
      ],
      [accepted],
    );
    await collect(request({ clusters: [clusterName], metrics: ['RunningCount', 'DesiredCount', 'PendingCount'], services: { [clusterName]: names } }), clients);
    expect(cloudwatchHttp.bodies.map((body) => JSON.parse(body).MetricData.length).sort((a, b) => b - a)).toEqual([1000, 1000, 100]);
    // Counted before the SDK's gzip, which only makes the request smaller.
    const largest = Math.max(...cloudwatchHttp.bodies.map((body) => Buffer.byteLength(body)));
    expect(largest).toBeLessThan(1024 * 1024);
  });
});
