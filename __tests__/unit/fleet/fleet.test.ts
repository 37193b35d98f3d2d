/**
 * MetricsFleet and FleetStack: a stack per account-region with its provider, its backend
 * (exact `terraform` blocks), its tags (provider default_tags only) and its pipeline settings.
 */
import { Testing } from 'cdktf';
import { type FleetConfig, FleetStack, MetricsFleet, validateFleetConfig } from '../../../modules/subpaths/fleet';
import { pipelineProps } from '../../../modules/fleet/pipeline-props';

const REQUIRED_PROVIDERS = { aws: { source: 'aws', version: '5.100.0' } };

/** A validated config: one account with two regions unless `edit` changes it. */
function fleetConfig(edit: (c: any) => void = () => undefined): FleetConfig {
  const c: any = {
    name: 'ecs-highres',
    accounts: [
      {
        id: '111111111111',
        deployRoleArn: 'arn:aws:iam::111111111111:role/terraform',
        regions: { 'us-east-1': { clusters: ['prod-api'] }, 'eu-west-1': { clusters: ['prod-eu'], intervalSeconds: 10 } },
      },
    ],
  };
  edit(c);
  return validateFleetConfig(c);
}

/** GIVEN a fleet config, WHEN synthesized, THEN each stack's Terraform JSON by stack name. */
function synthFleet(config: FleetConfig): Record<string, any> {
  const app = Testing.app();
  const fleet = new MetricsFleet(app, 'fleet', { config });
  return Object.fromEntries(fleet.stacks.map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack))]));
}

describe('stacks', () => {
  test('one per account-region, named <fleet>-<account>-<region>, each with its own provider pinned to its account', () => {
    const stacks = synthFleet(fleetConfig((c) => c.accounts.push({ id: '222222222222', regions: { 'us-west-2': { clusters: ['staging'] } } })));
    expect(Object.keys(stacks)).toEqual(['ecs-highres-111111111111-us-east-1', 'ecs-highres-111111111111-eu-west-1', 'ecs-highres-222222222222-us-west-2']);
    expect(stacks['ecs-highres-222222222222-us-west-2'].provider.aws).toEqual([{ region: 'us-west-2', allowed_account_ids: ['222222222222'] }]);
    expect(stacks['ecs-highres-111111111111-eu-west-1'].provider.aws).toEqual([
      {
        region: 'eu-west-1',
        allowed_account_ids: ['111111111111'],
        assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/terraform', session_name: 'ecs-highres-deploy' }],
      },
    ]);
  });
});

describe('backends synthesize to exact terraform blocks', () => {
  const terraformBlock = (backend: unknown) => synthFleet(fleetConfig((c) => (c.backend = backend)))['ecs-highres-111111111111-eu-west-1'].terraform;

  test('local (the default): a state file named after the stack, beside the output directory (never inside it)', () => {
    // The stack's directory is <outdir>/stacks/<stack>: three levels up is the directory holding <outdir>.
    const expected = {
      backend: { local: { path: '../../../terraform.ecs-highres-111111111111-eu-west-1.tfstate' } },
      required_providers: REQUIRED_PROVIDERS,
    };
    expect(terraformBlock(undefined)).toEqual(expected);
    expect(terraformBlock({ type: 'local' })).toEqual(expected);
  });

  test('s3: one encrypted key per stack under the prefix, locked by the DynamoDB table', () => {
    expect(terraformBlock({ type: 's3', bucket: 'acme-state', region: 'us-east-1', keyPrefix: 'platform/metrics', dynamodbTable: 'locks' })).toEqual({
      backend: {
        s3: {
          bucket: 'acme-state',
          region: 'us-east-1',
          key: 'platform/metrics/ecs-highres-111111111111-eu-west-1/terraform.tfstate',
          encrypt: true,
          dynamodb_table: 'locks',
        },
      },
      required_providers: REQUIRED_PROVIDERS,
    });
  });

  test('s3 without a prefix or lock table, locking with a lock file instead', () => {
    expect(terraformBlock({ type: 's3', bucket: 'acme-state', region: 'eu-central-1', useLockfile: true })).toEqual({
      backend: {
        s3: {
          bucket: 'acme-state',
          region: 'eu-central-1',
          key: 'ecs-highres-111111111111-eu-west-1/terraform.tfstate',
          encrypt: true,
          use_lockfile: true,
        },
      },
      required_providers: REQUIRED_PROVIDERS,
    });
  });

  test('cloud: the workspace <workspacePrefix><stack> in the organization', () => {
    expect(terraformBlock({ type: 'cloud', organization: 'acme', workspacePrefix: 'metrics-' })).toEqual({
      cloud: { organization: 'acme', workspaces: { name: 'metrics-ecs-highres-111111111111-eu-west-1' } },
      required_providers: REQUIRED_PROVIDERS,
    });
  });

  test('cloud on Terraform Enterprise, in a project', () => {
    expect(terraformBlock({ type: 'cloud', organization: 'acme', workspacePrefix: '', hostname: 'tfe.acme.example', project: 'Platform' })).toEqual({
      cloud: {
        organization: 'acme',
        hostname: 'tfe.acme.example',
        workspaces: { name: 'ecs-highres-111111111111-eu-west-1', project: 'Platform' },
      },
      required_providers: REQUIRED_PROVIDERS,
    });
  });

  test('every stack of a fleet gets its own state', () => {
    const stacks = synthFleet(fleetConfig((c) => (c.backend = { type: 's3', bucket: 'acme-state', region: 'us-east-1' })));
    expect(Object.values(stacks).map((tf) => tf.terraform.backend.s3.key)).toEqual([
      'ecs-highres-111111111111-us-east-1/terraform.tfstate',
      'ecs-highres-111111111111-eu-west-1/terraform.tfstate',
    ]);
  });
});

describe('tags', () => {
  const stacks = synthFleet(
    fleetConfig((c) => {
      c.defaults = { tags: { team: 'platform', environment: 'unknown' } };
      c.accounts[0].tags = { environment: 'production', 'cost-center': '42' };
      c.accounts[0].regions['eu-west-1'].tags = { 'cost-center': '43', 'data-residency': 'eu' };
    }),
  );

  test("merge defaults < account < region into the provider's default_tags", () => {
    expect(stacks['ecs-highres-111111111111-eu-west-1'].provider.aws[0].default_tags).toEqual([
      { tags: { team: 'platform', environment: 'production', 'cost-center': '43', 'data-residency': 'eu' } },
    ]);
    expect(stacks['ecs-highres-111111111111-us-east-1'].provider.aws[0].default_tags).toEqual([
      { tags: { team: 'platform', environment: 'production', 'cost-center': '42' } },
    ]);
  });

  test('are on no resource itself, so tags and tags_all have one source', () => {
    for (const tf of Object.values(stacks)) {
      for (const [type, resources] of Object.entries<Record<string, any>>(tf.resource)) {
        for (const [name, resource] of Object.entries(resources)) {
          expect([`${type}.${name}`, resource.tags]).toEqual([`${type}.${name}`, undefined]);
        }
      }
    }
  });

  test('a fleet without tags has no default_tags', () => {
    expect(synthFleet(fleetConfig())['ecs-highres-111111111111-us-east-1'].provider.aws[0].default_tags).toBeUndefined();
  });
});

describe('pipelineProps', () => {
  test('passes every setting through, the region overriding the defaults, and leaves tags to the provider', () => {
    const config = fleetConfig((c) => {
      c.defaults = {
        intervalSeconds: 10,
        namespace: 'Platform/ECS',
        workflowType: 'STANDARD',
        trigger: 'EVENTBRIDGE_RULE',
        logRetentionDays: 30,
        collectorMemoryMb: 256,
        collectorTimeoutSeconds: 20,
        architecture: 'x86_64',
        stateMachineLogLevel: 'ALL',
        rolePath: '/platform/',
        permissionsBoundary: 'platform/boundary',
        existingRoles: { trigger: 'platform/starter' },
        tags: { team: 'platform' },
      };
      Object.assign(c.accounts[0].regions['eu-west-1'], {
        intervalSeconds: 5,
        existingRoles: { collector: 'metrics-collector' },
        tags: { team: 'eu' },
      });
    });
    const account = config.accounts[0];
    expect(pipelineProps(config, account, 'eu-west-1', account.regions['eu-west-1'])).toEqual({
      name: 'ecs-highres',
      clusters: ['prod-eu'],
      account: '111111111111',
      region: 'eu-west-1',
      intervalSeconds: 5,
      namespace: 'Platform/ECS',
      workflowType: 'STANDARD',
      trigger: 'EVENTBRIDGE_RULE',
      logRetentionDays: 30,
      collectorMemoryMb: 256,
      collectorTimeoutSeconds: 20,
      architecture: 'x86_64',
      stateMachineLogLevel: 'ALL',
      rolePath: '/platform/',
      permissionsBoundary: 'platform/boundary',
      existingRoles: { collector: 'metrics-collector' },
    });
  });

  test('FleetStack builds the pipeline from them', () => {
    const app = Testing.app();
    const config = fleetConfig((c) => (c.defaults = { architecture: 'x86_64' }));
    const account = config.accounts[0];
    const stack = new FleetStack(app, 'one', {
      fleetName: config.name,
      account,
      region: 'eu-west-1',
      pipeline: pipelineProps(config, account, 'eu-west-1', account.regions['eu-west-1']),
    });
    expect(stack.pipeline.settings).toMatchObject({ clusters: ['prod-eu'], intervalSeconds: 10, architecture: 'x86_64' });
  });
});
