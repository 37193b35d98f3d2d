/**
 * Props given in code reach Terraform as they are: a literal `${` or `%{` in any of them was
 * evaluated at plan. The pipeline, the hub and the spoke now refuse such text in every prop,
 * naming the prop, while cdktf tokens (`${TfToken[…]}`, references Terraform must evaluate) pass.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { EcsHighResMetrics, ValidationError } from '../../../modules';
import { EcsHighResMetricsHub } from '../../../modules/hub/ecs-high-res-metrics-hub';
import { EcsHighResMetricsSpoke } from '../../../modules/hub/ecs-high-res-metrics-spoke';
import type { EcsHighResMetricsHubProps, EcsHighResMetricsSpokeProps } from '../../../modules/hub/props';
import { propTemplateProblems } from '../../../modules/pipeline/prop-templates';
import { synthPipeline } from '../../support/synth';

const interpolation = (value: string) =>
  `${JSON.stringify(value)} contains "\${": Terraform would evaluate it as a template interpolation instead of taking the text literally; remove the "\${"`;
const directive = (value: string) =>
  `${JSON.stringify(value)} contains "%{": Terraform would evaluate it as a template directive instead of taking the text literally; remove the "%{"`;

const HOSTNAME_PATH = '/${replace(file("/etc/hostname"),"\\n","")}/';

/** The problems of a construct built by `build`, from its ValidationError. */
function problemsOf(build: () => unknown): readonly string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error('the construct was built');
}

describe('EcsHighResMetrics', () => {
  test.each([
    ['rolePath', { rolePath: HOSTNAME_PATH }, interpolation(HOSTNAME_PATH)],
    ['namespace', { namespace: 'ECS${upper("x")}' }, interpolation('ECS${upper("x")}')],
    ['namespace', { namespace: 'ECS%{ if true }x%{ endif }' }, directive('ECS%{ if true }x%{ endif }')],
    ['alarmActions.emails[0]', { alarmActions: { createTopic: true, emails: ['a${lower("B")}@example.com'] } }, interpolation('a${lower("B")}@example.com')],
    ['permissionsBoundary', { permissionsBoundary: 'b${x}' }, interpolation('b${x}')],
    ['existingRoles.trigger', { existingRoles: { trigger: 'r%{x}' } }, directive('r%{x}')],
    ['tags.team', { tags: { team: '${x}' } }, interpolation('${x}')],
    ['clusters[1]', { clusters: ['ok', 'c${x}'] }, interpolation('c${x}')],
    ['services.prod-api[0]', { services: { 'prod-api': ['s${x}'] }, metrics: ['RunningTask', 'ServiceRunningCount'] }, interpolation('s${x}')],
    [
      'alarms[0].clusters[0]',
      { alarms: [{ metric: 'PendingTask', comparison: 'GreaterThanThreshold' as const, threshold: 1, clusters: ['${x}'] }] },
      interpolation('${x}'),
    ],
  ])('%s: a literal template is refused, once, at the prop', (field, props, problem) => {
    const problems = problemsOf(() => synthPipeline(props as any));
    expect(problems.filter((p) => p.startsWith(`${field}: `))).toEqual([`${field}: ${problem}`]);
  });

  test('a key is refused as a key', () => {
    expect(problemsOf(() => synthPipeline({ tags: { 'a${x}': 'v' } }))).toEqual([`tags.a\${x}: the key ${interpolation('a${x}')}`]);
  });

  test("the issue's attack alone: rolePath is the only problem", () => {
    expect(problemsOf(() => synthPipeline({ rolePath: HOSTNAME_PATH }))).toEqual([`rolePath: ${interpolation(HOSTNAME_PATH)}`]);
  });

  test('a cdktf token passes, and so does "$" or "%" without a brace', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'tokens');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const team = new TerraformVariable(stack, 'team', { type: 'string' });
    expect(
      () =>
        new EcsHighResMetrics(stack, 'pipeline', {
          clusters: ['prod'],
          account: '111111111111',
          region: 'us-east-1',
          rolePath: `/${team.stringValue}/`,
          namespace: `ECS-${team.stringValue}-$5%`,
          tags: { team: team.stringValue },
        }),
    ).not.toThrow();
    const tf = JSON.parse(Testing.synth(stack));
    expect(Object.values(tf.resource.aws_iam_role).map((r: any) => r.path)).toEqual(['/${var.team}/', '/${var.team}/', '/${var.team}/']);
  });

  test('the literal text around a token is still checked', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'tokens');
    const team = new TerraformVariable(stack, 'team', { type: 'string' });
    expect(propTemplateProblems({ rolePath: `/${team.stringValue}/\${x}/` })).toEqual([{ path: ['rolePath'], problem: interpolation('/${x}/') }]);
  });
});

describe('EcsHighResMetricsHub', () => {
  const build = (props: Partial<EcsHighResMetricsHubProps>) => () => {
    const stack = new TerraformStack(Testing.app(), 'hub');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new EcsHighResMetricsHub(stack, 'hub', {
      account: '999999999999',
      region: 'eu-west-1',
      targets: [{ account: '111111111111', region: 'us-east-1', clusters: ['prod'] }],
      ...props,
    });
  };

  test.each([
    ['rolePath', { rolePath: HOSTNAME_PATH }, interpolation(HOSTNAME_PATH)],
    ['namespace', { namespace: 'N%{x}' }, directive('N%{x}')],
    ['spokeRole.path', { spokeRole: { path: '/${x}/' } }, interpolation('/${x}/')],
    ['externalId', { externalId: 'id-${x}' }, interpolation('id-${x}')],
    ['targets[0].clusters[0]', { targets: [{ account: '111111111111', region: 'us-east-1', clusters: ['${x}'] }] }, interpolation('${x}')],
  ])('%s: a literal template is refused, once, at the prop', (field, props, problem) => {
    const problems = problemsOf(build(props));
    expect(problems.filter((p) => p.startsWith(`${field}: `))).toEqual([`${field}: ${problem}`]);
  });
});

describe('EcsHighResMetricsSpoke', () => {
  const build = (props: Partial<EcsHighResMetricsSpokeProps>) => () => {
    const stack = new TerraformStack(Testing.app(), 'spoke');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new EcsHighResMetricsSpoke(stack, 'spoke', {
      account: '111111111111',
      hub: { account: '999999999999', region: 'eu-west-1' },
      targets: [{ account: '111111111111', region: 'us-east-1', clusters: ['prod'] }],
      ...props,
    });
  };

  test.each([
    ['hub.rolePath', { hub: { account: '999999999999', region: 'eu-west-1', rolePath: HOSTNAME_PATH } }, interpolation(HOSTNAME_PATH)],
    ['spokeRole.name', { spokeRole: { name: 'spoke%{x}' } }, directive('spoke%{x}')],
    ['tags.team', { tags: { team: '${x}' } }, interpolation('${x}')],
  ])('%s: a literal template is refused, once, at the prop', (field, props, problem) => {
    const problems = problemsOf(build(props));
    expect(problems.filter((p) => p.startsWith(`${field}: `))).toEqual([`${field}: ${problem}`]);
  });
});
