/**
 * The emulator's side of proving a detection time: run a deployed collector tick by tick (each
 * invocation is what the state machine's Task sends it, with the trigger's own input), change
 * the ECS clusters between two ticks as a failure would, and read back what was published as
 * CloudWatch stores it (1-second statistic sets), for the alarm evaluator (alarm-evaluator.ts).
 * Ticks are invoked one after another, not waited for: the collector's timestamps come from the
 * event (the minute plus the tick's offset), so the data is the same as a real minute's.
 */
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { CreateServiceCommand, ECSClient, ListTasksCommand, StopTaskCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { TickPayload } from '../../../modules/contract/collector-event';
import { accountClient } from './account-clients';
import type { StatisticSet } from './alarm-evaluator';
import type { DeployedPipeline } from './deployment';
import { triggerInput } from './execution';
import { SEED_TASK_DEFINITION } from './ecs-seeds';
import type { SeriesKey } from './metrics-readback';

/** One tick as the collector answered it. */
export interface TickOutcome {
  readonly offsetSeconds: number;
  /** The tick's timestamp (epoch ms): every datum of the tick carries it. */
  readonly timestamp: number;
  readonly ok: boolean;
  readonly payload?: unknown;
  readonly errorMessage?: string;
}

/** The payload the state machine's Task sends the collector for the tick at `offsetSeconds` of `minute`. */
export function tickPayload(pipeline: DeployedPipeline, minute: Date, offsetSeconds: number): TickPayload {
  return {
    input: JSON.parse(triggerInput(pipeline, minute)) as TickPayload['input'],
    tick: { intervalSeconds: pipeline.intervalSeconds, offsetSeconds, executionStartTime: minute.toISOString() },
  };
}

/**
 * Invokes the deployed collector (through the front, which runs its zip) for each tick of the
 * minute in order; `before(offset)` runs before each tick (the moment to change a cluster).
 */
export async function runTicks(
  frontEndpoint: string,
  pipeline: DeployedPipeline,
  minute: Date,
  before: (offsetSeconds: number) => Promise<void> = async () => {},
): Promise<TickOutcome[]> {
  const lambda = accountClient(LambdaClient, frontEndpoint, pipeline.account, pipeline.region);
  const outcomes: TickOutcome[] = [];
  for (const offsetSeconds of pipeline.tickOffsets) {
    await before(offsetSeconds);
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: pipeline.collector.arn, Payload: Buffer.from(JSON.stringify(tickPayload(pipeline, minute, offsetSeconds))) }),
    );
    const body = answer.Payload ? JSON.parse(Buffer.from(answer.Payload).toString()) : null;
    const timestamp = minute.getTime() + offsetSeconds * 1000;
    outcomes.push(
      answer.FunctionError
        ? { offsetSeconds, timestamp, ok: false, errorMessage: (body as { errorMessage?: string } | null)?.errorMessage ?? answer.FunctionError }
        : { offsetSeconds, timestamp, ok: true, payload: body },
    );
  }
  return outcomes;
}

/** Where a cluster lives in the emulator. */
export interface ClusterPlace {
  readonly account: string;
  readonly region: string;
  readonly cluster: string;
}

/** Stops every running task of the cluster (its runningTasksCount falls to 0); how many were stopped. */
export async function stopAllTasks(endpoint: string, place: ClusterPlace): Promise<number> {
  const ecs = accountClient(ECSClient, endpoint, place.account, place.region);
  const { taskArns = [] } = await ecs.send(new ListTasksCommand({ cluster: place.cluster, desiredStatus: 'RUNNING' }));
  for (const task of taskArns) await ecs.send(new StopTaskCommand({ cluster: place.cluster, task, reason: 'emulator: the cluster loses its tasks' }));
  return taskArns.length;
}

/**
 * Sets a service's desired count. Under moto's model UpdateService also sets the running count to
 * it (moto has no scheduler): a service created with a desired count runs none (ecs-seeds.ts).
 */
export async function setDesiredCount(endpoint: string, place: ClusterPlace, service: string, desiredCount: number): Promise<void> {
  const ecs = accountClient(ECSClient, endpoint, place.account, place.region);
  await ecs.send(new UpdateServiceCommand({ cluster: place.cluster, service, desiredCount }));
}

/**
 * The service loses its tasks: it still wants `desiredCount` and runs none (ECS then shows them
 * pending). moto has no scheduler, so this is its model's way there: scaled to 0 (its tasks leave
 * the cluster's counts), then created again under its name wanting `desiredCount`, none running.
 */
export async function serviceLosesItsTasks(endpoint: string, place: ClusterPlace, service: string, desiredCount: number): Promise<void> {
  const ecs = accountClient(ECSClient, endpoint, place.account, place.region);
  await ecs.send(new UpdateServiceCommand({ cluster: place.cluster, service, desiredCount: 0 }));
  await ecs.send(
    new CreateServiceCommand({ cluster: place.cluster, serviceName: service, taskDefinition: SEED_TASK_DEFINITION, desiredCount, launchType: 'EC2' }),
  );
}

const STATISTICS = ['SampleCount', 'Sum', 'Minimum', 'Maximum'] as const;

/** The series' 1-second statistic sets from `start` to `end`, as CloudWatch stores high-resolution data. */
export async function statisticSets(endpoint: string, account: string, region: string, key: SeriesKey, start: Date, end: Date): Promise<StatisticSet[]> {
  const cloudwatch = accountClient(CloudWatchClient, endpoint, account, region);
  const queries: MetricDataQuery[] = STATISTICS.map((stat) => ({
    Id: stat.toLowerCase(),
    MetricStat: {
      Metric: { Namespace: key.namespace, MetricName: key.metric, Dimensions: Object.entries(key.dimensions).map(([Name, Value]) => ({ Name, Value })) },
      Period: 1,
      Stat: stat,
    },
  }));
  const { MetricDataResults = [] } = await cloudwatch.send(
    new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: 'TimestampAscending' }),
  );
  const byStat = new Map(MetricDataResults.map((r) => [r.Id, new Map((r.Timestamps ?? []).map((t, i) => [t.getTime(), r.Values![i]]))] as const));
  const at = (stat: (typeof STATISTICS)[number], t: number) => {
    const value = byStat.get(stat.toLowerCase())?.get(t);
    if (value === undefined) throw new Error(`${key.metric}: GetMetricData answered no ${stat} at ${new Date(t).toISOString()}`);
    return value;
  };
  return [...(byStat.get('samplecount')?.keys() ?? [])]
    .sort((a, b) => a - b)
    .map((t) => ({ timestamp: t, sampleCount: at('SampleCount', t), sum: at('Sum', t), minimum: at('Minimum', t), maximum: at('Maximum', t) }));
}
