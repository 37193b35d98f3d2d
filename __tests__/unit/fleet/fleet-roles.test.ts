/**
 * The IAM options a fleet passes to each pipeline: a path and a permissions boundary for the
 * roles it creates, existing roles in place of created ones, and the checks on each.
 */
import { ValidationError } from '../../../modules';
import { addressOf, byId, synthPipeline } from '../../support/synth';

describe('created roles', () => {
  test('carry the role path and the permissions boundary, a name resolving in the pipeline account', () => {
    const { tf } = synthPipeline({ rolePath: '/platform/metrics/', permissionsBoundary: 'platform/boundary' });
    const roles = byId(tf, 'aws_iam_role');
    expect(Object.keys(roles).sort()).toEqual(['collector-role', 'scheduler-role', 'states-role']);
    for (const role of Object.values(roles)) {
      expect(role).toMatchObject({
        path: '/platform/metrics/',
        permissions_boundary: 'arn:aws:iam::111111111111:policy/platform/boundary',
      });
    }
  });

  test('a boundary given by ARN is kept, in its partition', () => {
    const { tf } = synthPipeline({ region: 'cn-north-1', permissionsBoundary: 'arn:aws-cn:iam::aws:policy/PowerUserAccess' });
    expect(byId(tf, 'aws_iam_role')['collector-role'].permissions_boundary).toBe('arn:aws-cn:iam::aws:policy/PowerUserAccess');
  });

  test('a name in a China region resolves in the aws-cn partition', () => {
    const { tf } = synthPipeline({ region: 'cn-north-1', permissionsBoundary: 'boundary' });
    expect(byId(tf, 'aws_iam_role')['states-role'].permissions_boundary).toBe('arn:aws-cn:iam::111111111111:policy/boundary');
  });

  test('without the options, roles have neither', () => {
    const { tf } = synthPipeline();
    for (const role of Object.values(byId(tf, 'aws_iam_role'))) {
      expect(role.path).toBeUndefined();
      expect(role.permissions_boundary).toBeUndefined();
    }
  });
});

describe('existing roles', () => {
  // GIVEN the collector's and the trigger's roles exist; WHEN synthesized
  const { tf, pipeline } = synthPipeline({
    existingRoles: { collector: 'arn:aws:iam::111111111111:role/platform/collector', trigger: 'metrics-starter' },
  });

  test('replace the created role and its policy; the other role is still created', () => {
    expect(Object.keys(byId(tf, 'aws_iam_role'))).toEqual(['states-role']);
    expect(Object.keys(byId(tf, 'aws_iam_role_policy'))).toEqual(['states-policy']);
    expect(pipeline.roles.collector).toBeUndefined();
    expect(pipeline.roles.trigger).toBeUndefined();
  });

  test('are used by ARN, a name resolving in the pipeline account, and nothing waits for a policy not created', () => {
    const fn = byId(tf, 'aws_lambda_function').collector;
    expect(fn.role).toBe('arn:aws:iam::111111111111:role/platform/collector');
    expect(fn.depends_on).toBeUndefined();
    const schedule = byId(tf, 'aws_scheduler_schedule').schedule;
    expect(schedule.target.role_arn).toBe('arn:aws:iam::111111111111:role/metrics-starter');
    expect(schedule.depends_on).toBeUndefined();
    const stateMachine = byId(tf, 'aws_sfn_state_machine')['state-machine'];
    expect(stateMachine.role_arn).toBe(`\${${addressOf(tf, 'aws_iam_role', 'states-role')}.arn}`);
    expect(stateMachine.depends_on).toEqual([addressOf(tf, 'aws_iam_role_policy', 'states-policy')]);
    expect(pipeline.roleArns).toEqual({
      collector: 'arn:aws:iam::111111111111:role/platform/collector',
      stateMachine: expect.stringMatching(/^\$\{TfToken\[TOKEN\.\d+\]\}$/),
      trigger: 'arn:aws:iam::111111111111:role/metrics-starter',
    });
  });

  test("the EventBridge rule's target uses the existing trigger role", () => {
    const rule = synthPipeline({ trigger: 'EVENTBRIDGE_RULE', existingRoles: { trigger: 'metrics-starter' } });
    const target = byId(rule.tf, 'aws_cloudwatch_event_target')['rule-target'];
    expect(target.role_arn).toBe('arn:aws:iam::111111111111:role/metrics-starter');
    expect(target.depends_on).toBeUndefined();
    expect(Object.keys(byId(rule.tf, 'aws_iam_role')).sort()).toEqual(['collector-role', 'states-role']);
  });
});

describe('tags given to the construct', () => {
  test('go on each resource of the pipeline that AWS can tag', () => {
    const { tf } = synthPipeline({ tags: { team: 'platform' }, trigger: 'EVENTBRIDGE_RULE' });
    const tagsOf = (type: string) => Object.values<any>(tf.resource[type]).map((resource) => resource.tags);
    const taggable = { aws_iam_role: 3, aws_cloudwatch_log_group: 2, aws_lambda_function: 1, aws_sfn_state_machine: 1, aws_cloudwatch_event_rule: 1 };
    for (const [type, count] of Object.entries(taggable)) {
      expect([type, tagsOf(type)]).toEqual([type, Array(count).fill({ team: 'platform' })]);
    }
    // Role policies and event targets have no tags in the AWS API.
    for (const [type, count] of Object.entries({ aws_iam_role_policy: 3, aws_cloudwatch_event_target: 1 })) {
      expect([type, tagsOf(type)]).toEqual([type, Array(count).fill(undefined)]);
    }
  });
});

test('every bad IAM option and tag is reported at once, with the field and the fix', () => {
  let error: unknown;
  try {
    synthPipeline({
      rolePath: 'platform/',
      permissionsBoundary: 'not a policy',
      existingRoles: { stateMachine: 'arn:aws:iam::111111111111:user/alice' },
      tags: { 'aws:owner': 'x', team: 'a|b' },
    });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).problems).toEqual([
    'rolePath: "platform/" is not an IAM path: start and end with "/", such as "/" or "/platform/metrics/"',
    'permissionsBoundary: "not a policy" is neither an IAM policy ARN nor a policy name: use an ARN such as arn:aws:iam::111111111111:policy/platform/boundary, or a name (with its path) that each account resolves to its own policy',
    'existingRoles.stateMachine: "arn:aws:iam::111111111111:user/alice" is neither an IAM role ARN nor a role name: use an ARN such as arn:aws:iam::111111111111:role/ecs-highres-collector, or a name (with its path) that each account resolves to its own role',
    'tags.aws:owner: "aws:owner" starts with "aws:", which AWS reserves for its own tags: use another key',
    'tags.team: "a|b" is not a valid tag value: use up to 256 letters, digits, spaces and _ . : / = + - @',
  ]);
});
