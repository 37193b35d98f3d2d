/**
 * A hub whose tick fans out: each branch of the Parallel state runs an inline Map state over the
 * shard indexes, each iteration invoking the collector with its shard; one shard is the unsharded
 * definition, byte for byte.
 */
import { PUBLISH_ERROR_NAME } from '../../../modules/contract/collector-event';
import {
  collectStateName,
  LAMBDA_SERVICE_ERRORS,
  shardsStateName,
  shardTaskName,
  stateMachineDefinition,
  waitStateName,
} from '../../../modules/pipeline/state-machine-definition';

const ARN = 'arn:aws:lambda:eu-central-1:999999999999:function:ecs-highres-collector-eu-central-1';

test('one shard, or none, is the same definition, byte for byte', () => {
  for (const intervalSeconds of [1, 5, 30]) {
    const plain = JSON.stringify(stateMachineDefinition({ intervalSeconds, collectorArn: ARN }));
    expect(JSON.stringify(stateMachineDefinition({ intervalSeconds, collectorArn: ARN, shards: 1 }))).toBe(plain);
    expect(plain).not.toContain('Map');
  }
});

test('8 shards: each tick waits, lists the indexes 0..7 beside the input, and invokes the collector once per shard, all at once', () => {
  const definition = stateMachineDefinition({ intervalSeconds: 5, collectorArn: ARN, shards: 8, partition: 'aws-cn' });
  const branches = (definition.States.Ticks as { Branches: any[] }).Branches;
  expect(branches).toHaveLength(12);
  expect(branches[0].StartAt).toBe(shardsStateName(0));
  const branch = branches[2];
  expect(branch.StartAt).toBe(waitStateName(10));
  expect(branch.States).toEqual({
    [waitStateName(10)]: { Type: 'Wait', Seconds: 10, Next: 'Shards at 10s' },
    'Shards at 10s': { Type: 'Pass', Parameters: { 'input.$': '$', indexes: [0, 1, 2, 3, 4, 5, 6, 7] }, Next: collectStateName(10) },
    'Collect at 10s': {
      Type: 'Map',
      ItemsPath: '$.indexes',
      ItemSelector: { 'input.$': '$.input', 'index.$': '$$.Map.Item.Value' },
      MaxConcurrency: 8,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: shardTaskName(10),
        States: {
          'Collect shard at 10s': {
            Type: 'Task',
            Resource: 'arn:aws-cn:states:::lambda:invoke',
            Parameters: {
              FunctionName: ARN,
              Payload: {
                'input.$': '$.input',
                tick: { intervalSeconds: 5, offsetSeconds: 10, 'executionStartTime.$': '$$.Execution.StartTime' },
                shard: { 'index.$': '$.index', count: 8 },
              },
            },
            Retry: [
              { ErrorEquals: LAMBDA_SERVICE_ERRORS, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 },
              { ErrorEquals: [PUBLISH_ERROR_NAME], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 },
            ],
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Shard at 10s failed' }],
            ResultSelector: { shardFailed: false },
            End: true,
          },
          'Shard at 10s failed': { Type: 'Pass', Parameters: { shardFailed: true, 'index.$': '$.index', 'error.$': '$.error' }, End: true },
        },
      },
      ResultSelector: { 'tickFailed.$': 'States.ArrayContains($[*].shardFailed, true)', offsetSeconds: 10, 'shards.$': '$' },
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Tick 10s failed' }],
      End: true,
    },
    'Tick 10s failed': { Type: 'Pass', Parameters: { tickFailed: true, offsetSeconds: 10, 'error.$': '$.error' }, End: true },
  });
  // The check after the Parallel state is the unsharded one: every branch still says tickFailed and offsetSeconds.
  const plain = stateMachineDefinition({ intervalSeconds: 5, collectorArn: ARN });
  expect(definition.States['Check ticks']).toEqual(plain.States['Check ticks']);
});

test('a shard count outside 1..40 is refused, naming the field and the fix', () => {
  expect(() => stateMachineDefinition({ intervalSeconds: 5, collectorArn: ARN, shards: 41 })).toThrow(
    'shards: 41 is not a shard count: use a whole number from 1 to 40 (an inline Map state runs at most 40 invocations at once)',
  );
  expect(() => stateMachineDefinition({ intervalSeconds: 5, collectorArn: ARN, shards: 0 })).toThrow('shards: 0 is not a shard count');
});
