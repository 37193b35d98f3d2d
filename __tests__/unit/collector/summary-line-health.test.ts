/**
 * The summary line names what the fleet-health series count: clusters with no running task, short
 * services with their shortfall, unread clusters and account-regions, `account/region/cluster[/service]`,
 * at most 20 of each with the count of the rest, so an alarm can point to a Logs Insights query on it.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { fleetHealth } from '../../../functions/collector/fleet-health';
import { handler } from '../../../functions/collector/index';
import { summaryLine } from '../../../functions/collector/summary-line';
import { ACCOUNT, cluster, freshFakesForEachTest, givenEcs, REGION, service } from '../../support/fake-aws';

const ecs = mockClient(ECSClient);
const cloudwatch = mockClient(CloudWatchClient);
freshFakesForEachTest(ecs, cloudwatch);

const FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:ecs-highres-collector`;
const context = { getRemainingTimeInMillis: () => 10_000, invokedFunctionArn: FUNCTION };
const TICK = { intervalSeconds: 5, offsetSeconds: 5, executionStartTime: '2026-11-26T10:00:00.200Z' };
const loggedLine = (level: 'info' | 'warn' | 'error') => (console[level] as jest.Mock).mock.calls[0][0];
const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);

describe('the fleet health in the summary line', () => {
  test('the values published, and the problems named account/region/cluster[/service]', async () => {
    givenEcs(ecs, [
      cluster('down', { runningTasksCount: 0, activeServicesCount: 1, pendingTasksCount: 3, services: [service('api', { runningCount: 0, desiredCount: 2 })] }),
      cluster('up', { pendingTasksCount: 0, services: [service('web', { runningCount: 3, desiredCount: 3 })] }),
    ]);
    const result = await handler(
      {
        input: {
          clusters: ['down', 'up', 'gone'],
          metrics: ['RunningTask', 'RunningCount'],
          services: { down: ['api'], up: ['web'] },
          health: { pipeline: 'p' },
        },
        tick: TICK,
      },
      context,
    );
    const place = `${ACCOUNT}/${REGION}`;
    // A MISSING cluster is skipped: the line is a warning.
    expect(loggedLine('warn').health).toEqual({
      pipeline: 'p',
      ClustersWithNoRunningTask: 1,
      PendingTasks: 3,
      UnreadClusters: 1,
      UnreadAccountRegions: 0,
      ServicesBelowDesired: 1,
      TaskShortfall: 2,
      clustersWithNoRunningTask: `${place}/down`,
      servicesBelowDesired: `${place}/down/api (2 short)`,
      unreadClusters: `${place}/gone`,
    });
    // The state machine gets the values only.
    expect(result.health).toEqual({
      ClustersWithNoRunningTask: 1,
      PendingTasks: 3,
      UnreadClusters: 1,
      UnreadAccountRegions: 0,
      ServicesBelowDesired: 1,
      TaskShortfall: 2,
    });
  });

  test('a failed tick names its unread clusters and account-region in the error line', async () => {
    ecs.on(DescribeClustersCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(handler({ input: { clusters: ['a'], health: { pipeline: 'p' } }, tick: TICK }, context)).rejects.toThrow('DescribeClusters failed');
    expect(loggedLine('error').health).toMatchObject({
      UnreadClusters: 1,
      UnreadAccountRegions: 1,
      unreadClusters: `${ACCOUNT}/${REGION}/a`,
      unreadAccountRegions: `${ACCOUNT}/${REGION}`,
    });
  });

  test('at most 20 of each list, with the count of the rest', () => {
    const health = fleetHealth('p', true, [
      {
        label: '111111111111/eu-west-1',
        health: {
          noRunningTask: names(25, 'c'),
          pendingTasks: 0,
          unreadClusters: names(21, 'u'),
          unread: false,
          shortServices: names(20, 's').map((s) => ({ cluster: 'prod', service: s, shortfall: 1 })),
        },
      },
    ]);
    const line = summaryLine({
      summary: { clusters: 25, services: 20, datums: 0, refusedDatums: 0, calls: {}, retries: 0, skipped: [], lost: [], health },
      durationMs: 1,
    }).line.health as Record<string, string>;
    const named = (n: number, prefix: string) => names(n, prefix).map((c) => `111111111111/eu-west-1/${c}`);
    expect(line.clustersWithNoRunningTask).toBe(`${named(20, 'c').join(', ')} and 5 more`);
    expect(line.unreadClusters).toBe(`${named(20, 'u').join(', ')} and 1 more`);
    expect(line.servicesBelowDesired).toBe(
      names(20, 's')
        .map((s) => `111111111111/eu-west-1/prod/${s} (1 short)`)
        .join(', '),
    );
    expect(line).not.toHaveProperty('unreadAccountRegions');
  });

  test('an input without health: no health in the line', async () => {
    givenEcs(ecs, [cluster('a')]);
    await handler({ input: { clusters: ['a'] }, tick: TICK }, context);
    expect(loggedLine('info')).not.toHaveProperty('health');
  });
});
