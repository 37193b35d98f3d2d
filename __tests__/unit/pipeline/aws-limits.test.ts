/** Every AWS size limit a pipeline's settings can cross is checked at synth, with the size, the limit and the fix. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DEFAULT_METRICS } from '../../../modules/subpaths/metrics';
import { EcsHighResMetrics, type EcsHighResMetricsProps } from '../../../modules';
import { sizeProblems } from '../../../modules/common/aws-limits';
import { describeProblem } from '../../../modules/common/errors';
import { collectorDescription } from '../../../modules/pipeline/collector-description';
import { stateMachineDefinition } from '../../../modules/pipeline/state-machine-definition';
import { pipelineSizeChecks } from '../../../modules/pipeline/pipeline-limits';
import { triggerInputText } from '../../../modules/pipeline/trigger-input';
import { only } from '../../support/synth';

const given = (props: Partial<EcsHighResMetricsProps>) => () => {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new EcsHighResMetrics(stack, 'pipeline', { clusters: ['prod'], account: '111111111111', region: 'us-east-1', ...props });
  return JSON.parse(Testing.synth(stack));
};

/** `count` distinct cluster names of 255 characters, the last one shortened by `shorter`. */
function clusters(count: number, shorter = 0): string[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${i}-`.padEnd(255, 'c');
    return i === count - 1 ? name.slice(0, 255 - shorter) : name;
  });
}

// A default pipeline's input: it names the pipeline for the fleet-health series.
const settings = { name: 'ecs-highres', fleetHealth: true, namespace: 'ECS', metrics: [...DEFAULT_METRICS], services: {} };
const HEALTH = ',"health":{"pipeline":"ecs-highres"}'.length;

describe("the rule target's input (EventBridge: 8,192 characters)", () => {
  // 31 names of 255 characters: 33 + 31·257 + 30 = 8,030 (and HEALTH); so 32 names make 8,288 + HEALTH, and the last one is shortened to fit.
  const atLimit = clusters(32, 8288 + HEALTH - 8192);
  const rule = { trigger: 'EVENTBRIDGE_RULE' as const };

  test('an input of exactly 8,192 characters synthesizes', () => {
    expect(triggerInputText('EVENTBRIDGE_RULE', { ...settings, clusters: atLimit })).toHaveLength(8192);
    const tf = given({ ...rule, clusters: atLimit })();
    expect(only(tf, 'aws_cloudwatch_event_target').input).toHaveLength(8192);
  });

  test('one character more is refused with the size, the limit and the fix', () => {
    const over = clusters(32, 8288 + HEALTH - 8193);
    expect(given({ ...rule, clusters: over })).toThrow(
      `clusters: the rule target's input (clusters, namespace, metrics, services) is 8,193 characters, over EventBridge's limit of 8,192 characters: split the clusters (or services) across pipelines with different names, or use trigger "SCHEDULER", whose input may be longer`,
    );
  });

  test('the same clusters fit the Scheduler, whose input may be longer', () => {
    expect(given({ clusters: clusters(32) })).not.toThrow();
  });
});

describe('execution data (Step Functions: 256 KiB)', () => {
  test('GIVEN an existing collector role (no policy to outgrow) and a 260 KiB cluster list THEN the schedule input is refused in bytes', () => {
    const many = clusters(1040);
    const bytes = Buffer.byteLength(triggerInputText('SCHEDULER', { ...settings, clusters: many }));
    expect(bytes).toBeGreaterThan(262144);
    expect(given({ clusters: many, existingRoles: { collector: 'role/mine' } })).toThrow(
      `clusters: the schedule's input, each execution's input is ${bytes.toLocaleString('en-US')} bytes, over Step Functions' limit of 262,144 bytes: split the clusters (or services) across pipelines with different names`,
    );
  });

  test("the collector's payload (input and tick) is checked too, and is the larger", () => {
    const checks = pipelineSizeChecks(
      { ...settings, clusters: clusters(1040), name: 'p', intervalSeconds: 5, trigger: 'SCHEDULER', stateMachineLogLevel: 'ERROR', tracing: false },
      { partition: 'aws', region: 'us-east-1', account: '111111111111' },
      { collector: false, stateMachine: false, trigger: false },
    );
    const [input, payload] = checks.filter((c) => c.limit === 262144);
    expect(payload.what).toBe("the collector's payload (state data of each tick)");
    expect(payload.size).toBeGreaterThan(input.size);
  });
});

describe('the state machine definition (1 MiB) and the policies (IAM)', () => {
  const checksFor = (intervalSeconds: number) =>
    pipelineSizeChecks(
      { ...settings, clusters: ['prod'], name: 'p'.repeat(32), intervalSeconds, trigger: 'EVENTBRIDGE_RULE', stateMachineLogLevel: 'ALL', tracing: true },
      { partition: 'aws', region: 'us-east-1', account: '111111111111' },
      { collector: true, stateMachine: true, trigger: true },
    );

  test('the definition is measured as written, for the 1 s interval (60 branches)', () => {
    const definition = checksFor(1).find((c) => c.what === 'the state machine definition')!;
    const written = stateMachineDefinition({
      intervalSeconds: 1,
      collectorArn: `arn:aws:lambda:us-east-1:111111111111:function:${'p'.repeat(32)}-collector`,
      partition: 'aws',
    });
    expect(definition.size).toBe(Buffer.byteLength(JSON.stringify(written)));
    expect(definition.limit).toBe(1048576);
  });

  test('each created role has its inline policy and trust policy measured; an existing role none', () => {
    expect(
      checksFor(5)
        .filter((c) => c.owner === "IAM's")
        .map((c) => c.what),
    ).toEqual([
      'the trust policy of the collector role',
      'the inline policy of the stateMachine role',
      'the trust policy of the stateMachine role',
      'the inline policy of the trigger role',
      'the trust policy of the trigger role',
    ]);
  });

  test('sizeProblems: at the limit nothing, one over the number and the fix', () => {
    const check = { field: ['f'], what: 'the thing', limit: 10, unit: 'bytes' as const, owner: "X's", fix: 'do y' };
    expect(sizeProblems([{ ...check, size: 10 }])).toEqual([]);
    expect(sizeProblems([{ ...check, size: 11 }]).map(describeProblem)).toEqual(["f: the thing is 11 bytes, over X's limit of 10 bytes: do y"]);
  });
});

describe("the collector's description (Lambda: 256 characters)", () => {
  test('names the namespace while it fits, and leaves it out of a description that would not', () => {
    expect(collectorDescription('ECS', 5)).toBe('Publishes ECS cluster counts to CloudWatch (ECS) every 5 s');
    const long = 'N'.repeat(255);
    expect(collectorDescription(long, 5)).toBe('Publishes ECS cluster counts to CloudWatch every 5 s');
    const tf = given({ namespace: long })();
    expect(only(tf, 'aws_lambda_function').description.length).toBeLessThanOrEqual(256);
  });
});
