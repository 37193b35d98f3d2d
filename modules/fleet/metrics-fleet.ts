import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EcsHighResMetrics, EcsHighResMetricsProps } from '../pipeline/ecs-high-res-metrics';
import { AccountConfig, FleetConfig, RegionConfig } from './config';

/** `<fleet>-<accountId>-<region>`: the name of the stack (and workspace) of one account-region. */
export function fleetStackName(fleet: string, accountId: string, region: string): string {
  return `${fleet}-${accountId}-${region}`;
}

/** What one account-region's stack holds, settings resolved (region over defaults). */
export interface FleetStackProps {
  readonly fleetName: string;
  readonly account: AccountConfig;
  readonly region: string;
  readonly pipeline: EcsHighResMetricsProps;
}

/** One account-region: its provider (assuming the deploy role), its backend, its pipeline. */
export class FleetStack extends TerraformStack {
  public readonly pipeline: EcsHighResMetrics;
  public readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: FleetStackProps) {
    super(scope, id);
    this.provider = new AwsProvider(this, 'aws', {
      region: props.region,
      allowedAccountIds: [props.account.id],
      assumeRole: props.account.deployRoleArn
        ? [{ roleArn: props.account.deployRoleArn, sessionName: `${props.fleetName}-deploy` }]
        : undefined,
    });
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    this.pipeline = new EcsHighResMetrics(this, 'pipeline', props.pipeline);
  }
}

export interface MetricsFleetProps {
  /** A validated fleet config (see loadFleetConfig). */
  readonly config: FleetConfig;
}

/** Creates one FleetStack per account-region of a fleet config. */
export class MetricsFleet extends Construct {
  public readonly stacks: readonly FleetStack[];

  constructor(scope: Construct, id: string, props: MetricsFleetProps) {
    super(scope, id);
    const { config } = props;
    const stacks: FleetStack[] = [];
    for (const account of config.accounts) {
      for (const [region, regionConfig] of Object.entries(account.regions)) {
        const name = fleetStackName(config.name, account.id, region);
        stacks.push(
          new FleetStack(scope, name, {
            fleetName: config.name,
            account,
            region,
            pipeline: pipelineProps(config, account, region, regionConfig),
          }),
        );
      }
    }
    this.stacks = stacks;
  }
}

/** The pipeline of one account-region: the fleet's defaults, overridden by the region's settings. */
export function pipelineProps(
  config: FleetConfig,
  account: AccountConfig,
  region: string,
  regionConfig: RegionConfig,
): EcsHighResMetricsProps {
  const { clusters, ...overrides } = regionConfig;
  return {
    ...config.defaults,
    ...overrides,
    name: config.name,
    clusters,
    account: account.id,
    region,
  };
}
