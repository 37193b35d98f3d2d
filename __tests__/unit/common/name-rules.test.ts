/** Every name a pipeline derives is checked by the rules of what it becomes: at each limit it passes, one over it fails. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EcsHighResMetrics, type EcsHighResMetricsProps } from '../../../modules';
import { derivedNameProblem, NAME_RULES, type NameKind } from '../../../modules/common/name-rules';

const LIMITS: Array<[NameKind, number]> = [
  ['Lambda function name', 64],
  ['state machine name', 80],
  ['IAM role name', 64],
  ['EventBridge Scheduler schedule name', 64],
  ['EventBridge rule name', 64],
  ['log group name', 512],
  ['CloudWatch dashboard name', 255],
  ['CloudWatch alarm name', 255],
  ['SNS topic name', 256],
];

describe('derivedNameProblem', () => {
  test.each(LIMITS)('a %s of exactly %i characters passes, one more fails with the count and the fix', (kind, limit) => {
    expect(NAME_RULES[kind].limit).toBe(limit);
    expect(derivedNameProblem(kind, 'a'.repeat(limit))).toBeUndefined();
    expect(derivedNameProblem(kind, 'a'.repeat(limit + 1))).toBe(
      `the ${kind} "${'a'.repeat(limit + 1)}" is ${limit + 1} characters, over the ${limit} AWS allows: shorten name by 1`,
    );
  });

  test.each<[NameKind, string]>([
    ['Lambda function name', 'a.b'],
    ['state machine name', 'a b'],
    ['IAM role name', 'a/b'],
    ['EventBridge Scheduler schedule name', 'a/b'],
    ['EventBridge rule name', 'a b'],
    ['log group name', 'a b'],
    ['CloudWatch dashboard name', 'a.b'],
    ['CloudWatch alarm name', 'a\nb'],
    ['SNS topic name', 'a.b'],
    ['Terraform output id', '9lives_x'],
    ['Terraform output id', '-x'],
  ])('a %s "%s" has characters it does not allow', (kind, name) => {
    expect(derivedNameProblem(kind, name)).toMatch(new RegExp(`^the ${kind} ".*" is not valid: it allows .+; change name$`, 's'));
  });

  test.each(['_9lives_x', 'a-b_c', 'pipeline_state_machine_arn'])('Terraform accepts the output id %s', (id) => {
    expect(derivedNameProblem('Terraform output id', id)).toBeUndefined();
  });
});

describe('the construct checks its derived names', () => {
  const given = (props: Partial<EcsHighResMetricsProps>) => () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: props.region });
    return new EcsHighResMetrics(stack, 'pipeline', { clusters: ['prod'], account: '111111111111', ...props });
  };
  const name = 'n'.repeat(32);
  // `<32>-scheduler-<region>` is 43 + the region's length.
  const region21 = `xx-${'a'.repeat(16)}-1`;
  const region22 = `xx-${'a'.repeat(17)}-1`;

  test('an IAM role name of exactly 64 characters (a long well-formed region) synthesizes', () => {
    expect(given({ name, region: region21 })).not.toThrow();
  });

  test('one more character in the region makes the scheduler role name 65 characters: refused with the name and the count', () => {
    expect(given({ name, region: region22 })).toThrow(
      `name: the IAM role name "${name}-scheduler-${region22}" is 65 characters, over the 64 AWS allows: shorten name by 1`,
    );
  });

  test('roles given in existingRoles are not created, so their names are not checked', () => {
    expect(given({ name, region: region22, existingRoles: { collector: 'role/c', stateMachine: 'role/s', trigger: 'role/t' } })).not.toThrow();
  });

  test('GIVEN a pipeline name starting with a digit THEN every name and output id is valid', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new EcsHighResMetrics(stack, 'pipeline', { clusters: ['prod'], name: '9lives', alarmActions: { createTopic: true } });
    const tf = JSON.parse(Testing.synth(stack));
    for (const id of Object.keys(tf.output)) expect(derivedNameProblem('Terraform output id', id)).toBeUndefined();
    expect(Object.keys(tf.output)).toContain('pipeline_alarm_topic_arn');
  });
});
