/**
 * Topology "hub": the props the fleet maps from its config (pure hubProps/spokeProps) and the
 * stacks MetricsFleet creates (names, providers pinned to their account with the deploy role,
 * backends, default tags, the construct each holds).
 */
import { Testing } from 'cdktf';
import { EcsHighResMetricsHub, EcsHighResMetricsSpoke } from '../../../modules';
import { type FleetConfig, type HubStack, MetricsFleet, type SpokeStack, validateFleetConfig } from '../../../modules/subpaths/fleet';
import { hubProps, hubTargets, spokeProps } from '../../../modules/fleet/hub-props';

function hubConfig(edit: (c: any) => void = () => undefined): FleetConfig {
  const c: any = {
    name: 'ecs-highres',
    topology: 'hub',
    hub: { account: '999999999999', region: 'eu-west-1', deployRoleArn: 'arn:aws:iam::999999999999:role/terraform', externalId: 'ext-1' },
    defaults: {
      intervalSeconds: 10,
      rolePath: '/platform/',
      tags: { team: 'platform' },
      metrics: ['RunningTask', 'RunningCount'],
      services: { 'prod-api': '*' },
    },
    accounts: [
      {
        id: '111111111111',
        deployRoleArn: 'arn:aws:iam::111111111111:role/terraform',
        tags: { environment: 'production' },
        regions: { 'us-east-1': { clusters: ['prod-api'] }, 'eu-west-1': { clusters: '*', services: { web: ['a', 'b'] } } },
      },
      { id: '222222222222', regions: { 'us-west-2': { clusters: ['staging'], services: { staging: ['api'] } } } },
    ],
  };
  edit(c);
  return validateFleetConfig(c);
}

describe('props from the config (pure)', () => {
  test("targets: every member account-region in order, services the region's else the defaults'", () => {
    expect(hubTargets(hubConfig())).toEqual([
      { account: '111111111111', region: 'us-east-1', clusters: ['prod-api'], services: { 'prod-api': '*' } },
      { account: '111111111111', region: 'eu-west-1', clusters: '*', services: { web: ['a', 'b'] } },
      { account: '222222222222', region: 'us-west-2', clusters: ['staging'], services: { staging: ['api'] } },
    ]);
  });

  test("hubProps: the defaults' settings without tags and services, in the hub account-region, with the hub's trust options", () => {
    const config = hubConfig();
    expect(hubProps(config)).toEqual({
      name: 'ecs-highres',
      account: '999999999999',
      region: 'eu-west-1',
      intervalSeconds: 10,
      rolePath: '/platform/',
      metrics: ['RunningTask', 'RunningCount'],
      targets: hubTargets(config),
      externalId: 'ext-1',
    });
  });

  test("spokeProps: the account's targets, the hub it trusts (on the defaults' role path), metrics and trust options", () => {
    const config = hubConfig((c) => {
      c.hub.organizationId = 'o-abcdefghij';
      c.defaults.permissionsBoundary = 'platform/boundary';
    });
    expect(spokeProps(config, config.accounts[1])).toEqual({
      name: 'ecs-highres',
      account: '222222222222',
      hub: { account: '999999999999', region: 'eu-west-1', rolePath: '/platform/' },
      targets: [{ account: '222222222222', region: 'us-west-2', clusters: ['staging'], services: { staging: ['api'] } }],
      metrics: ['RunningTask', 'RunningCount'],
      permissionsBoundary: 'platform/boundary',
      externalId: 'ext-1',
      organizationId: 'o-abcdefghij',
    });
  });

  test('without topology hub there are no hub props', () => {
    const config = validateFleetConfig({ name: 'x', accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: '*' } } }] });
    expect(() => hubProps(config)).toThrow('the fleet config "x" has no hub: set "topology": "hub" and hub { account, region }');
  });
});

describe('the stacks of topology hub', () => {
  const app = Testing.app();
  const fleet = new MetricsFleet(app, 'fleet', { config: hubConfig((c) => (c.backend = { type: 's3', bucket: 'acme-state', region: 'us-east-1' })) });
  const tf = (stack: HubStack | SpokeStack) => JSON.parse(Testing.synth(stack));

  test('a hub stack and one spoke stack per member account, no account-region stack', () => {
    expect(fleet.stacks).toEqual([]);
    expect(fleet.hubStack!.node.id).toBe('ecs-highres-999999999999-eu-west-1-hub');
    expect(fleet.spokeStacks.map((s) => s.node.id)).toEqual(['ecs-highres-spoke-111111111111', 'ecs-highres-spoke-222222222222']);
    expect(fleet.allStacks.map((s) => s.node.id)).toEqual([
      'ecs-highres-999999999999-eu-west-1-hub',
      'ecs-highres-spoke-111111111111',
      'ecs-highres-spoke-222222222222',
    ]);
  });

  test("the hub stack: provider in the hub account-region with its deploy role, the defaults' tags, its own state key, the hub construct", () => {
    const hub = fleet.hubStack!;
    expect(hub.hub).toBeInstanceOf(EcsHighResMetricsHub);
    const json = tf(hub);
    expect(json.provider.aws).toEqual([
      {
        region: 'eu-west-1',
        allowed_account_ids: ['999999999999'],
        assume_role: [{ role_arn: 'arn:aws:iam::999999999999:role/terraform', session_name: 'ecs-highres-deploy' }],
        default_tags: [{ tags: { team: 'platform' } }],
      },
    ]);
    expect(json.terraform.backend.s3.key).toBe('ecs-highres-999999999999-eu-west-1-hub/terraform.tfstate');
    expect(hub.hub.settings.targets).toEqual(hubTargets(hubConfig()));
    expect(Object.values(json.resource.aws_lambda_function).map((f: any) => f.handler)).toEqual(['index.hubHandler']);
  });

  test("each spoke stack: provider in the account's first region with its deploy role (or none), account tags over the defaults', only the spoke role", () => {
    const [first, second] = fleet.spokeStacks;
    expect(first.spoke).toBeInstanceOf(EcsHighResMetricsSpoke);
    const one = tf(first);
    expect(one.provider.aws).toEqual([
      {
        region: 'us-east-1',
        allowed_account_ids: ['111111111111'],
        assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/terraform', session_name: 'ecs-highres-deploy' }],
        default_tags: [{ tags: { team: 'platform', environment: 'production' } }],
      },
    ]);
    expect(tf(second).provider.aws).toEqual([{ region: 'us-west-2', allowed_account_ids: ['222222222222'], default_tags: [{ tags: { team: 'platform' } }] }]);
    expect(one.terraform.backend.s3.key).toBe('ecs-highres-spoke-111111111111/terraform.tfstate');
    expect(Object.keys(one.resource).sort()).toEqual(['aws_iam_role', 'aws_iam_role_policy']);
    const role: any = Object.values(one.resource.aws_iam_role)[0];
    expect([role.name, role.path]).toEqual(['ecs-highres-spoke', '/platform/']);
    expect(first.spoke.plan.hubCollectorRoleArn).toBe('arn:aws:iam::999999999999:role/platform/ecs-highres-collector-eu-west-1');
  });

  test('a bad hub config adds no stack', () => {
    const other = Testing.app();
    expect(() => new MetricsFleet(other, 'fleet', { config: { ...hubConfig(), hub: undefined } })).toThrow(/hub: is required with topology "hub"/);
    expect(other.node.children).toEqual([]);
  });
});
