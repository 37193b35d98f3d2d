/**
 * The service cadence (input `serviceIntervalSeconds`): a tick whose offset in the minute is a
 * multiple of it reads services (DescribeServices, 10 a call) and publishes their datums and the
 * service fleet-health series; any other tick makes DescribeClusters only and publishes the
 * cluster datums and the other fleet-health series. Absent: every tick reads services.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, DescribeServicesCommand, ECSClient, ListServicesCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { collect } from '../../../functions/collector/collect';
import { MalformedEventError, parseEvent } from '../../../functions/collector/event';
import { clients } from '../../../functions/collector/index';
import { ServiceListCache } from '../../../functions/collector/service-list-cache';
import { cluster, givenEcs, putRequests, service } from '../../support/fake-aws';

const ecs = mockClient(ECSClient);
const cloudwatch = mockClient(CloudWatchClient);
const PIPELINE = 'ecs-highres';
/** 25 named services: 3 DescribeServices calls (10 a call). */
const NAMES = Array.from({ length: 25 }, (_, i) => `svc${String(i).padStart(2, '0')}`);
const INPUT = {
  clusters: ['prod'],
  namespace: 'ECS/Fleet',
  metrics: ['RunningTask', 'RunningCount'],
  services: { prod: NAMES },
  health: { pipeline: PIPELINE },
  scheduledTime: '2026-12-01T10:00:00Z',
};
const tick = (offsetSeconds: number) => ({ intervalSeconds: 5, offsetSeconds, executionStartTime: '2026-12-01T10:00:00.200Z' });

beforeEach(() => {
  ecs.reset();
  cloudwatch.reset();
  cloudwatch.on(PutMetricDataCommand).resolves({});
  givenEcs(ecs, [cluster('prod', { services: NAMES.map((name) => service(name, { runningCount: 1, desiredCount: 2 })) })]);
});

/** WHEN one tick at `offsetSeconds` is collected; THEN the calls made and the datums' names. */
async function tickAt(offsetSeconds: number, input: Record<string, unknown> = { ...INPUT, serviceIntervalSeconds: 15 }) {
  const summary = await collect(parseEvent({ input, tick: tick(offsetSeconds) }), clients, { serviceLists: new ServiceListCache() });
  const names = putRequests(cloudwatch)
    .flatMap((put) => put.MetricData!)
    .map((d) => d.MetricName);
  return {
    summary,
    names,
    calls: {
      DescribeClusters: ecs.commandCalls(DescribeClustersCommand).length,
      DescribeServices: ecs.commandCalls(DescribeServicesCommand).length,
      ListServices: ecs.commandCalls(ListServicesCommand).length,
    },
  };
}

const CLUSTER_AND_FOUR = ['RunningTask', 'ClustersWithNoRunningTask', 'PendingTasks', 'UnreadClusters', 'UnreadAccountRegions'];

describe('serviceIntervalSeconds 15 at a 5-second interval', () => {
  test.each([0, 15, 30, 45])('offset %i: a service tick, 1 DescribeClusters and 3 DescribeServices; service datums and all six series', async (offset) => {
    const { calls, names, summary } = await tickAt(offset);
    expect(calls).toEqual({ DescribeClusters: 1, DescribeServices: 3, ListServices: 0 });
    expect(names).toEqual([
      'RunningTask',
      ...NAMES.map(() => 'RunningCount'),
      'ClustersWithNoRunningTask',
      'PendingTasks',
      'UnreadClusters',
      'UnreadAccountRegions',
      'ServicesBelowDesired',
      'TaskShortfall',
    ]);
    expect(summary.services).toBe(25);
    expect(summary.health?.values).toMatchObject({ ServicesBelowDesired: 25, TaskShortfall: 25 });
  });

  test.each([5, 10, 20, 55])('offset %i: no service call, the cluster datums and the four other series only', async (offset) => {
    const { calls, names, summary } = await tickAt(offset);
    expect(calls).toEqual({ DescribeClusters: 1, DescribeServices: 0, ListServices: 0 });
    expect(names).toEqual(CLUSTER_AND_FOUR);
    expect(summary.services).toBe(0);
    expect(summary.health?.servicesCollected).toBe(false);
  });

  test('"*" services: no ListServices either on a tick without services', async () => {
    const { calls } = await tickAt(5, { ...INPUT, services: { prod: '*' }, serviceIntervalSeconds: 15 });
    expect(calls).toEqual({ DescribeClusters: 1, DescribeServices: 0, ListServices: 0 });
  });
});

describe('without serviceIntervalSeconds', () => {
  test('every tick reads services (inputs of stacks that do not set it)', async () => {
    const { calls, names } = await tickAt(5, INPUT);
    expect(calls).toEqual({ DescribeClusters: 1, DescribeServices: 3, ListServices: 0 });
    expect(names.filter((n) => n === 'RunningCount')).toHaveLength(25);
    expect(names.slice(-2)).toEqual(['ServicesBelowDesired', 'TaskShortfall']);
  });

  test('a direct invocation (no tick) reads services whatever the cadence', () => {
    const request = parseEvent({ ...INPUT, serviceIntervalSeconds: 15 });
    expect(request.metrics.map((m) => m.name)).toEqual(['RunningTask', 'RunningCount']);
  });
});

describe('a malformed serviceIntervalSeconds is refused before anything is called', () => {
  test.each([
    [0, /serviceIntervalSeconds must be a whole number of seconds that divides 60, got 0/],
    [7, /serviceIntervalSeconds must be a whole number of seconds that divides 60, got 7/],
    ['15', /serviceIntervalSeconds must be a whole number of seconds that divides 60, got "15"/],
    [6, /serviceIntervalSeconds \(6\) must be a multiple of tick.intervalSeconds \(5\)/],
  ])('%p', (value, message) => {
    const parse = () => parseEvent({ input: { ...INPUT, serviceIntervalSeconds: value }, tick: tick(0) });
    expect(parse).toThrow(MalformedEventError);
    expect(parse).toThrow(message);
  });
});
