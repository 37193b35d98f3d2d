/**
 * The state machine: its definition for every allowed interval, and executions in the Step Functions
 * emulator (aws-local-stepfunctions) running the built collector against mocked AWS clients.
 */
import { type CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, DescribeServicesCommand, type ECSClient, ListServicesCommand } from '@aws-sdk/client-ecs';
import aslValidator from 'asl-validator';
import { StateMachine } from 'aws-local-stepfunctions';
import { mockClient } from 'aws-sdk-client-mock';
import { ALLOWED_INTERVALS } from '../../../modules/common/rules';
import {
  collectStateName,
  LAMBDA_SERVICE_ERRORS,
  shardTaskName,
  stateMachineDefinition,
  waitStateName,
} from '../../../modules/pipeline/state-machine-definition';
import { resolvePipelineSettings } from '../../../modules/pipeline/pipeline-settings';
import { collectorInputOf } from '../../../modules/pipeline/trigger-input';
import { loadBuiltCollector } from '../../support/bundle';
import { cluster, givenEcs, inputsOf, publishedValues, putRequests, service } from '../../support/fake-aws';

const COLLECTOR_ARN = 'arn:aws:lambda:us-east-1:111111111111:function:ecs-highres-collector';

describe.each(ALLOWED_INTERVALS)('the definition for a %i s interval', (interval) => {
  const definition = stateMachineDefinition({ intervalSeconds: interval, collectorArn: COLLECTOR_ARN });
  const branches = (definition.States.Ticks as any).Branches as any[];

  test('passes asl-validator', () => {
    // asl-validator fills in defaults (QueryLanguage) in place, so it gets a copy.
    const { isValid, errorsText } = aslValidator(structuredClone(definition) as any);
    if (!isValid) throw new Error(errorsText('\n'));
    expect(isValid).toBe(true);
  });

  test(`has ${60 / interval} branches, branch k waiting k·${interval} s and then collecting`, () => {
    expect(branches).toHaveLength(60 / interval);
    branches.forEach((branch, k) => {
      const offset = k * interval;
      if (k === 0) {
        expect(branch.StartAt).toBe(collectStateName(0));
      } else {
        expect(branch.StartAt).toBe(waitStateName(offset));
        expect(branch.States[waitStateName(offset)]).toEqual({ Type: 'Wait', Seconds: offset, Next: collectStateName(offset) });
      }
      const task = branch.States[collectStateName(offset)];
      expect(task.Parameters).toEqual({
        FunctionName: COLLECTOR_ARN,
        Payload: { 'input.$': '$', tick: { intervalSeconds: interval, offsetSeconds: offset, 'executionStartTime.$': '$$.Execution.StartTime' } },
      });
      expect(task.Retry[0].ErrorEquals).toEqual(LAMBDA_SERVICE_ERRORS);
    });
  });
});

test('an interval that does not divide a minute is refused', () => {
  expect(() => stateMachineDefinition({ intervalSeconds: 7, collectorArn: COLLECTOR_ARN })).toThrow('intervalSeconds: 7 is not an allowed interval');
});

describe('executed locally with the built collector', () => {
  const collector = loadBuiltCollector();
  const ecs = mockClient(collector.clients.ecs as ECSClient);
  const cloudwatch = mockClient(collector.clients.cloudwatch as CloudWatchClient);
  const START = '2026-11-26T10:00:12.300Z';

  // The emulator stamps $$.Execution.StartTime with new Date() in every Parallel branch (AWS fixes it
  // once per execution), so the clock is frozen at START; timers stay real, so waits still run.
  beforeAll(() => {
    jest.useFakeTimers({
      now: new Date(START),
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
  });
  afterAll(() => jest.useRealTimers());

  beforeEach(() => {
    // The collector logs one summary line per tick.
    for (const level of ['info', 'warn', 'error'] as const) jest.spyOn(console, level).mockImplementation(() => undefined);
    ecs.reset();
    cloudwatch.reset();
    ecs.on(DescribeClustersCommand).callsFake(({ clusters }) => ({
      clusters: clusters.map((name: string, i: number) => ({
        clusterName: name,
        status: 'ACTIVE',
        runningTasksCount: 10 + i,
        pendingTasksCount: 1,
        activeServicesCount: 3,
        registeredContainerInstancesCount: 2,
      })),
      failures: [],
    }));
    cloudwatch.on(PutMetricDataCommand).resolves({});
  });

  afterEach(() => jest.restoreAllMocks());

  /** Runs the definition with waits shortened to 2 ms per second, every Task resolved to the bundle. */
  async function run(interval: number, input: Record<string, unknown>, invoke = (payload: any) => collector.handler(payload)) {
    const definition = stateMachineDefinition({ intervalSeconds: interval, collectorArn: COLLECTOR_ARN });
    const offsets = Array.from({ length: 60 / interval }, (_, k) => k * interval);
    const invoked: number[] = [];

    const machine = new StateMachine(definition as any);
    const execution = machine.run(input as any, {
      overrides: {
        waitTimeOverrides: Object.fromEntries(offsets.filter((o) => o > 0).map((o) => [waitStateName(o), o * 2])),
        taskResourceLocalHandlers: Object.fromEntries(
          offsets.map((o) => [
            collectStateName(o),
            async (parameters: any) => {
              invoked.push(parameters.Payload.tick.offsetSeconds);
              return { Payload: await invoke(parameters.Payload), StatusCode: 200 };
            },
          ]),
        ),
        retryIntervalOverrides: Object.fromEntries(offsets.map((o) => [collectStateName(o), 0])),
      },
    });
    return { result: (await execution.result) as any, invoked, offsets };
  }

  test.each([5, 10, 1])('a %i s interval invokes the collector 60/s times, at offsets 0, s, 2s …', async (interval) => {
    const { result, invoked, offsets } = await run(interval, { clusters: ['prod-api', 'prod-workers'], namespace: 'ECS' });
    expect(result.anyFailed).toBe(false);
    expect(JSON.parse(result.ticks)).toEqual(offsets.map((offsetSeconds) => ({ tickFailed: false, offsetSeconds })));
    // Each tick once. Waits here are shortened to milliseconds, so on a loaded machine two branches
    // may finish their waits out of order; the order itself is not what runs in AWS (the Wait
    // seconds are asserted on the definition), so compare as sets.
    const byNumber = (a: number, b: number) => a - b;
    expect([...invoked].sort(byNumber)).toEqual(offsets);
    const timestamps = cloudwatch
      .commandCalls(PutMetricDataCommand)
      .map((call) => (call.args[0].input.MetricData![0].Timestamp as Date).toISOString())
      .sort();
    // The execution started 12.3 s past the minute: tick k lands on that time floored to the minute, plus k·s.
    const base = Math.floor(Date.parse(START) / 60_000) * 60_000;
    expect(timestamps).toEqual(offsets.map((o) => new Date(base + o * 1000).toISOString()));
    if (interval === 5) expect(timestamps.slice(0, 2)).toEqual(['2026-11-26T10:00:00.000Z', '2026-11-26T10:00:05.000Z']);
    expect(ecs.commandCalls(DescribeClustersCommand)).toHaveLength(offsets.length);
  });

  test('the scheduled time, when the schedule gives one, sets the ticks', async () => {
    await run(30, { clusters: ['a'], namespace: 'ECS', scheduledTime: '2026-11-26T09:59:00Z' });
    const timestamps = cloudwatch.commandCalls(PutMetricDataCommand).map((call) => (call.args[0].input.MetricData![0].Timestamp as Date).toISOString());
    expect(timestamps).toEqual(['2026-11-26T09:59:00.000Z', '2026-11-26T09:59:30.000Z']);
  });

  test("the construct's input (fleetHealth on by default): every tick publishes the pipeline's fleet-health series with its clusters", async () => {
    const input = collectorInputOf(resolvePipelineSettings({ clusters: ['a'], account: '111111111111', region: 'us-east-1', name: 'orders' }));
    expect(input.health).toEqual({ pipeline: 'orders' });
    const { result } = await run(30, input as unknown as Record<string, unknown>);
    expect(result.anyFailed).toBe(false);
    const perTick = [
      'RunningTask a = 10',
      'PendingTask a = 1',
      'ActiveServices a = 3',
      'RegisteredContainerInstances a = 2',
      'ClustersWithNoRunningTask orders = 0',
      'PendingTasks orders = 1',
      'UnreadClusters orders = 0',
      'UnreadAccountRegions orders = 0',
    ];
    expect(publishedValues(cloudwatch)).toEqual([...perTick, ...perTick]);
  });

  test('the blog\'s own input {"ECSClusterName": …} still works', async () => {
    await run(30, { ECSClusterName: 'ECSEsgaroth' });
    const put = cloudwatch.commandCalls(PutMetricDataCommand)[0].args[0].input;
    expect(put.Namespace).toBe('ECS');
    expect(put.MetricData!.map((d) => d.Dimensions![0].Value)).toEqual(Array(4).fill('ECSEsgaroth'));
  });

  test('a failed tick does not cancel the others, and fails the execution at the end', async () => {
    let calls = 0;
    const outcome = run(5, { clusters: ['a'], namespace: 'ECS' }, async (payload) => {
      calls++;
      if (payload.tick.offsetSeconds === 10) throw Object.assign(new Error('boom'), { name: 'Error' });
      return collector.handler(payload);
    });
    const failure = await outcome.then(
      () => undefined,
      (error) => error.cause,
    );
    expect(failure.name).toBe('CollectorTicksFailed');
    const ticks = JSON.parse(failure.message);
    expect(ticks).toHaveLength(12);
    expect(ticks.filter((t: any) => t.tickFailed)).toEqual([
      { tickFailed: true, offsetSeconds: 10, error: { Error: 'Error', Cause: expect.stringContaining('boom') } },
    ]);
    expect(calls).toBe(12);
    expect(cloudwatch.commandCalls(PutMetricDataCommand)).toHaveLength(11);
  });

  test('a Lambda throttle is retried and the tick still publishes', async () => {
    let throttled = false;
    const { result } = await run(30, { clusters: ['a'], namespace: 'ECS' }, async (payload) => {
      if (!throttled && payload.tick.offsetSeconds === 0) {
        throttled = true;
        throw Object.assign(new Error('Rate exceeded'), { name: 'Lambda.TooManyRequestsException' });
      }
      return collector.handler(payload);
    });
    expect(result.anyFailed).toBe(false);
    expect(cloudwatch.commandCalls(PutMetricDataCommand)).toHaveLength(2);
  });

  test('a metric set with the capacity split and services: every tick publishes clusters and services, listing "*" once', async () => {
    givenEcs(ecs, [
      cluster('prod-api', { statistics: { runningFargateTasksCount: 6 }, services: [service('web'), service('api', { runningCount: 2 })] }),
      cluster('prod-workers', { statistics: { runningFargateTasksCount: 0 }, services: [service('worker'), service('cron')] }),
    ]);
    const input = {
      clusters: ['prod-api', 'prod-workers'],
      namespace: 'ECS',
      metrics: ['RunningTask', 'RunningFargateTask', 'RunningCount', 'DesiredCount'],
      services: { 'prod-api': '*', 'prod-workers': ['worker'] },
    };
    const { result, offsets } = await run(5, input);
    expect(result.anyFailed).toBe(false);

    expect(inputsOf(ecs, DescribeClustersCommand)).toEqual(offsets.map(() => ({ clusters: ['prod-api', 'prod-workers'], include: ['STATISTICS'] })));
    // Warm invocations reuse the service list of "*": one ListServices for the minute.
    expect(inputsOf(ecs, ListServicesCommand)).toEqual([{ cluster: 'prod-api', maxResults: 100, nextToken: undefined }]);
    expect(ecs.commandCalls(DescribeServicesCommand)).toHaveLength(2 * offsets.length);

    const perTick = [
      'RunningTask prod-api = 7',
      'RunningFargateTask prod-api = 6',
      'RunningCount prod-api/api = 2',
      'DesiredCount prod-api/api = 5',
      'RunningCount prod-api/web = 4',
      'DesiredCount prod-api/web = 5',
      'RunningTask prod-workers = 7',
      'RunningFargateTask prod-workers = 0',
      'RunningCount prod-workers/worker = 4',
      'DesiredCount prod-workers/worker = 5',
    ];
    expect(publishedValues(cloudwatch)).toEqual(offsets.flatMap(() => perTick));
    const base = Math.floor(Date.parse(START) / 60_000) * 60_000;
    for (const [k, put] of putRequests(cloudwatch).entries()) {
      expect(put.Namespace).toBe('ECS');
      expect(new Set(put.MetricData!.map((d) => (d.Timestamp as Date).toISOString()))).toEqual(new Set([new Date(base + offsets[k] * 1000).toISOString()]));
      expect(put.MetricData!.every((d) => d.StorageResolution === 1 && d.Unit === 'Count')).toBe(true);
    }
  });
});

describe('a hub tick of several shards (a Map state in each branch), executed locally with the built bundle’s hub entry', () => {
  const collector = loadBuiltCollector() as ReturnType<typeof loadBuiltCollector> & {
    handleHubEvent(collector: unknown, event: unknown, context?: unknown): Promise<any>;
  };
  const HUB_INPUT = {
    targetList: { bucket: 'ecs-highres-hub-targets', key: 'targets.json', versionId: 'v1' },
    spokeRole: { name: 'ecs-highres-spoke', path: '/', sessionName: 'ecs-highres-hub' },
    namespace: 'ECS',
    shards: 4,
  };

  test.each([1, 5, 10, 30])('%i s interval, 4 shards: asl-validator passes', (interval) => {
    const definition = stateMachineDefinition({ intervalSeconds: interval, collectorArn: COLLECTOR_ARN, shards: 4 });
    const { isValid, errorsText } = aslValidator(structuredClone(definition) as any);
    if (!isValid) throw new Error(errorsText('\n'));
    expect(isValid).toBe(true);
  });

  /**
   * Runs a 4-shard definition; each shard's Task goes through the bundle's handleHubEvent (its event
   * checks, the shard parsed, the summary line) with a collector that records the request it was given.
   */
  async function runSharded(interval: number, fail?: (request: any) => boolean) {
    const shards = 4;
    const definition = stateMachineDefinition({ intervalSeconds: interval, collectorArn: COLLECTOR_ARN, shards });
    const offsets = Array.from({ length: 60 / interval }, (_, k) => k * interval);
    const requests: any[] = [];
    const hub = {
      collectListeners: 1,
      async collect(request: any) {
        requests.push(request);
        if (fail?.(request)) throw Object.assign(new Error(`shard ${request.shard.index} broke`), { name: 'Error' });
        return {
          accountRegions: 1,
          lostAccountRegions: [],
          clusters: 1,
          services: 0,
          datums: 1,
          refusedDatums: 0,
          calls: {},
          retries: 0,
          skipped: [],
          lost: [],
        };
      },
    };
    const machine = new StateMachine(definition as any);
    const execution = machine.run(HUB_INPUT as any, {
      overrides: {
        waitTimeOverrides: Object.fromEntries(offsets.filter((o) => o > 0).map((o) => [waitStateName(o), o * 2])),
        taskResourceLocalHandlers: Object.fromEntries(
          offsets.map((o) => [
            shardTaskName(o),
            async (parameters: any) => ({ Payload: await collector.handleHubEvent(hub, parameters.Payload), StatusCode: 200 }),
          ]),
        ),
        retryIntervalOverrides: Object.fromEntries(offsets.map((o) => [shardTaskName(o), 0])),
      },
    });
    const outcome: { result?: any; failure?: any } = await execution.result.then(
      (result: any) => ({ result }),
      (error: any) => ({ failure: error.cause }),
    );
    return { ...outcome, requests, offsets, shards };
  }

  beforeEach(() => {
    for (const level of ['info', 'warn', 'error'] as const) jest.spyOn(console, level).mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  test('every tick invokes each of the 4 shards exactly once, each told its index and the count, with the execution input', async () => {
    const { result, requests, offsets, shards } = await runSharded(10);
    expect((result as any).anyFailed).toBe(false);
    const seen = requests.map((r) => `${r.timestamp.getUTCSeconds()}s ${r.shard.index}/${r.shard.count}`).sort();
    expect(seen).toEqual(offsets.flatMap((o) => Array.from({ length: shards }, (_, i) => `${o}s ${i}/${shards}`)).sort());
    expect(requests.every((r) => r.targetList.versionId === 'v1' && r.namespace === 'ECS')).toBe(true);
    expect(JSON.parse((result as any).ticks)).toEqual(
      offsets.map((offsetSeconds) => ({ tickFailed: false, offsetSeconds, shards: Array(shards).fill({ shardFailed: false }) })),
    );
  });

  test('a failed shard does not cancel the other shards or ticks; the execution fails at the end naming the tick and the shard', async () => {
    const { failure, requests } = await runSharded(30, (request) => request.shard.index === 2 && request.timestamp.getUTCSeconds() === 30);
    expect(requests).toHaveLength(8);
    expect((failure as any).name).toBe('CollectorTicksFailed');
    const ticks = JSON.parse((failure as any).message);
    expect(ticks[0]).toEqual({ tickFailed: false, offsetSeconds: 0, shards: Array(4).fill({ shardFailed: false }) });
    expect(ticks[1].tickFailed).toBe(true);
    expect(ticks[1].shards[2]).toEqual({ shardFailed: true, index: 2, error: { Error: 'Error', Cause: expect.stringContaining('shard 2 broke') } });
    expect(ticks[1].shards.filter((s: any) => s.shardFailed)).toHaveLength(1);
  });
});
