/**
 * Hub mode from code: a spoke built from its hub (EcsHighResMetricsSpoke.forHub) gets the hub's name,
 * role path, external ID, spoke role, metrics and its account's targets; a spoke built by hand that
 * disagrees with a hub of its app at its hub account-region is refused, whichever comes first,
 * naming both values.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { type App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { EcsHighResMetricsHub } from '../../../modules/hub/ecs-high-res-metrics-hub';
import { EcsHighResMetricsSpoke } from '../../../modules/hub/ecs-high-res-metrics-spoke';
import type { EcsHighResMetricsHubProps, EcsHighResMetricsSpokeProps } from '../../../modules/hub/props';
import { byId, only } from '../../support/synth';

const HUB = '999999999999';
const A = '111111111111';
const B = '222222222222';
const TARGETS = [
  { account: A, region: 'us-east-1', clusters: ['prod-api'], services: { 'prod-api': ['web'] } },
  { account: A, region: 'eu-west-1', clusters: '*' as const },
  { account: B, region: 'us-west-2', clusters: ['staging'] },
];
const HUB_PROPS: EcsHighResMetricsHubProps = {
  name: 'acme-ecs',
  account: HUB,
  region: 'us-east-1',
  rolePath: '/platform/',
  externalId: 'acme-ext',
  metrics: ['RunningTask', 'RunningCount'],
  targets: TARGETS,
};

function stackIn(app: App, id: string) {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

function messageOf(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('built');
}

/** A spoke of account A written by hand, agreeing with HUB_PROPS unless `edit` changes it. */
const handWritten = (edit: Partial<EcsHighResMetricsSpokeProps> = {}): EcsHighResMetricsSpokeProps => ({
  name: 'acme-ecs',
  account: A,
  hub: { account: HUB, region: 'us-east-1', rolePath: '/platform/' },
  externalId: 'acme-ext',
  targets: TARGETS.filter((t) => t.account === A),
  ...edit,
});

describe('EcsHighResMetricsSpoke.forHub', () => {
  const app = Testing.app();
  const hub = new EcsHighResMetricsHub(stackIn(app, 'hub'), 'hub', HUB_PROPS);
  const spoke = EcsHighResMetricsSpoke.forHub(stackIn(app, 'spoke-a'), 'spoke', hub, { account: A });

  test("the spoke role trusts the hub's collector role, by its path, with the hub's external ID", () => {
    expect(spoke.plan.hubCollectorRoleArn).toBe(`arn:aws:iam::${HUB}:role/platform/acme-ecs-collector-us-east-1`);
    const collector = byId(JSON.parse(Testing.synth(hub.node.scope as TerraformStack)), 'aws_iam_role')['collector-role'];
    expect(spoke.plan.hubCollectorRoleArn).toBe(`arn:aws:iam::${HUB}:role${collector.path}${collector.name}`);
    const tf = JSON.parse(Testing.synth(spoke.node.scope as TerraformStack));
    expect(JSON.stringify(JSON.parse(only(tf, 'aws_iam_role').assume_role_policy))).toContain('"sts:ExternalId":"acme-ext"');
  });

  test('it is the role the hub assumes: the same name and path', () => {
    expect([spoke.plan.roleName, spoke.plan.rolePath]).toEqual([hub.settings.spokeRole.name, hub.settings.spokeRole.path]);
    expect(Testing.synth(spoke.node.scope as TerraformStack)).toHaveResourceWithProperties(IamRole, { name: 'acme-ecs-spoke', path: '/platform/' });
  });

  test("it may read its account's targets of the hub, with the service reads the hub's metrics need", () => {
    const policy = JSON.stringify(spoke.plan.policies.inline);
    expect(policy).toContain(`arn:aws:ecs:us-east-1:${A}:cluster/prod-api`);
    expect(policy).toContain(`arn:aws:ecs:us-east-1:${A}:service/prod-api/web`);
    expect(policy).not.toContain(B);
  });

  test("a spoke of an account the hub does not collect is refused, naming the hub's accounts", () => {
    expect(messageOf(() => EcsHighResMetricsSpoke.forHub(stackIn(Testing.app(), 's'), 'spoke', hub, { account: '333333333333' }))).toBe(
      `s/spoke: account: "333333333333" is not a member account of the hub hub/hub, whose targets name ${A}, ${B}: give one of them, or add the account's regions to the hub's targets`,
    );
  });

  test('a hub whose account or region is known only at apply cannot give a spoke the role it trusts', () => {
    const other = Testing.app();
    const unknown = new EcsHighResMetricsHub(stackIn(other, 'hub'), 'hub', { ...HUB_PROPS, account: undefined });
    expect(messageOf(() => EcsHighResMetricsSpoke.forHub(stackIn(other, 's'), 'spoke', unknown, { account: A }))).toBe(
      "s/spoke: hub: the account of the hub hub/hub is known only at apply, but a spoke role names the hub's collector role by its ARN: give the hub its account prop",
    );
  });
});

describe('a spoke written by hand is checked against the hub of its app', () => {
  test('agreeing with the hub, it is built', () => {
    const app = Testing.app();
    new EcsHighResMetricsHub(stackIn(app, 'hub'), 'hub', HUB_PROPS);
    expect(() => new EcsHighResMetricsSpoke(stackIn(app, 'spoke'), 'spoke', handWritten())).not.toThrow();
  });

  test("a name other than the hub's (the issue's case) is refused, naming both and the role that does not exist", () => {
    const app = Testing.app();
    new EcsHighResMetricsHub(stackIn(app, 'hub'), 'hub', { ...HUB_PROPS, rolePath: undefined });
    const message = messageOf(
      () => new EcsHighResMetricsSpoke(stackIn(app, 'spoke'), 'spoke', handWritten({ name: undefined, hub: { account: HUB, region: 'us-east-1' } })),
    );
    expect(message).toBe(
      'spoke/spoke: \n' +
        '  - name: "ecs-highres" is not the name of the hub hub/hub ("acme-ecs"): the spoke role would trust ecs-highres-collector-us-east-1, a role the hub does not create (its collector role is acme-ecs-collector-us-east-1): set name to "acme-ecs", or build the spoke with EcsHighResMetricsSpoke.forHub\n' +
        '  - spokeRole.name: the spoke role would be named "ecs-highres-spoke", but the hub hub/hub assumes "acme-ecs-spoke": set name to "acme-ecs" (or spokeRole.name to "acme-ecs-spoke"), or build the spoke with EcsHighResMetricsSpoke.forHub',
    );
  });

  test('each other disagreement is refused naming its field and both values', () => {
    const app = Testing.app();
    new EcsHighResMetricsHub(stackIn(app, 'hub'), 'hub', { ...HUB_PROPS, spokeRole: { path: '/readers/' } });
    const at = (id: string, edit: Partial<EcsHighResMetricsSpokeProps>) =>
      messageOf(() => new EcsHighResMetricsSpoke(stackIn(app, id), 'spoke', handWritten({ spokeRole: { path: '/readers/' }, ...edit })));
    expect(at('path', { hub: { account: HUB, region: 'us-east-1' } })).toBe(
      'path/spoke: hub.rolePath: "/" is not the role path of the hub hub/hub ("/platform/"): the spoke role would trust arn:aws:iam::999999999999:role/acme-ecs-collector-us-east-1, a role the hub does not create (its collector role is arn:aws:iam::999999999999:role/platform/acme-ecs-collector-us-east-1): set hub.rolePath to "/platform/", or build the spoke with EcsHighResMetricsSpoke.forHub',
    );
    expect(at('ext', { externalId: undefined })).toBe(
      'ext/spoke: externalId: none is not the external ID of the hub hub/hub ("acme-ext"), which it passes on every AssumeRole: set externalId to "acme-ext", or build the spoke with EcsHighResMetricsSpoke.forHub',
    );
    expect(at('ext2', { externalId: 'other' })).toBe(
      'ext2/spoke: externalId: "other" is not the external ID of the hub hub/hub ("acme-ext"), which it passes on every AssumeRole: set externalId to "acme-ext", or build the spoke with EcsHighResMetricsSpoke.forHub',
    );
    expect(at('role-path', { spokeRole: undefined })).toBe(
      'role-path/spoke: spokeRole.path: the spoke role would be on path "/platform/", but the hub hub/hub assumes it on "/readers/": set spokeRole.path to "/readers/", or build the spoke with EcsHighResMetricsSpoke.forHub',
    );
  });

  test('a spoke created before its hub is checked when the hub is created, naming the spoke', () => {
    const app = Testing.app();
    new EcsHighResMetricsSpoke(stackIn(app, 'spoke'), 'spoke', handWritten({ externalId: 'other' }));
    expect(messageOf(() => new EcsHighResMetricsHub(stackIn(app, 'hub'), 'hub', HUB_PROPS))).toBe(
      'hub/hub: the spoke spoke/spoke, created before this hub in its account-region, does not agree with it: externalId: "other" is not the external ID of the hub hub/hub ("acme-ext"), which it passes on every AssumeRole: set externalId to "acme-ext", or build the spoke with EcsHighResMetricsSpoke.forHub',
    );
  });

  test('two hubs of two names in one account-region: a spoke agreeing with either is built', () => {
    const app = Testing.app();
    new EcsHighResMetricsHub(stackIn(app, 'hub-1'), 'hub', HUB_PROPS);
    new EcsHighResMetricsHub(stackIn(app, 'hub-2'), 'hub', { ...HUB_PROPS, name: 'other-ecs', externalId: undefined });
    expect(() => new EcsHighResMetricsSpoke(stackIn(app, 'spoke-1'), 'spoke', handWritten())).not.toThrow();
    expect(() => new EcsHighResMetricsSpoke(stackIn(app, 'spoke-2'), 'spoke', handWritten({ name: 'other-ecs', externalId: undefined }))).not.toThrow();
  });

  test('a spoke of a hub in another account-region, or in another app, is not compared', () => {
    const app = Testing.app();
    new EcsHighResMetricsHub(stackIn(app, 'hub'), 'hub', HUB_PROPS);
    expect(
      () => new EcsHighResMetricsSpoke(stackIn(app, 'spoke'), 'spoke', handWritten({ name: 'x', hub: { account: HUB, region: 'eu-west-1' } })),
    ).not.toThrow();
    expect(() => new EcsHighResMetricsSpoke(stackIn(Testing.app(), 'spoke'), 'spoke', handWritten({ name: 'x' }))).not.toThrow();
  });
});

describe('terms known only at apply', () => {
  test('a hub whose name is a token (known only at apply) is compared with no spoke', () => {
    const app = Testing.app();
    const stack = stackIn(app, 'hub');
    new EcsHighResMetricsHub(stack, 'hub', {
      ...HUB_PROPS,
      name: new TerraformVariable(stack, 'name', { type: 'string' }).stringValue,
      spokeRole: { name: 'acme-ecs-spoke' },
    });
    expect(() => new EcsHighResMetricsSpoke(stackIn(app, 'spoke'), 'spoke', handWritten({ name: 'x' }))).not.toThrow();
  });
});
