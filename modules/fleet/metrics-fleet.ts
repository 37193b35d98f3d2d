/** MetricsFleet: one Terraform stack per account-region of a fleet config, each with its provider, backend and pipeline. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Annotations, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EcsHighResMetrics } from '../pipeline/ecs-high-res-metrics';
import type { EcsHighResMetricsProps } from '../pipeline/props';
import { addStackBackend } from './backend';
import { describeProblem } from '../common/errors';
import { AccountConfig, BackendConfig, FleetConfig, mergedTags } from './config';
import { validateFleetConfig } from './load-config';
import { fleetStackName } from './naming';
import { pipelineProps } from './pipeline-props';
import { fleetConfigWarnings } from './config-warnings';

/** What one account-region's stack holds, settings resolved (region over defaults). */
export interface FleetStackProps {
  /** Name of the fleet; names the deploy session. */
  readonly fleetName: string;
  /** The account the stack deploys into (its provider assumes the account's deploy role). */
  readonly account: AccountConfig;
  /** The region of the stack's provider and pipeline. */
  readonly region: string;
  /** Where the stack keeps its state. @default local */
  readonly backend?: BackendConfig;
  /**
   * Tags of every taggable resource, set once as the provider's default_tags.
   * @default no tags
   */
  readonly tags?: Record<string, string>;
  /** The pipeline of the account-region. */
  readonly pipeline: EcsHighResMetricsProps;
}

/** One account-region: its provider (assuming the deploy role), its backend, its pipeline. */
export class FleetStack extends TerraformStack {
  public readonly pipeline: EcsHighResMetrics;
  public readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: FleetStackProps) {
    super(scope, id);
    const tags = props.tags ?? {};
    this.provider = new AwsProvider(this, 'aws', {
      region: props.region,
      allowedAccountIds: [props.account.id],
      assumeRole: props.account.deployRoleArn
        ? [{ roleArn: props.account.deployRoleArn, sessionName: `${props.fleetName}-deploy` }]
        : undefined,
      // Tags live only here: the provider copies them into every taggable resource's tags_all,
      // and with no resource-level tags there is nothing for tags and tags_all to disagree on.
      defaultTags: Object.keys(tags).length > 0 ? [{ tags }] : undefined,
    });
    addStackBackend(this, props.backend);
    this.pipeline = new EcsHighResMetrics(this, 'pipeline', props.pipeline);
  }
}

export interface MetricsFleetProps {
  /** The fleet config, from loadFleetConfig or built in code; validated here as a config file is. */
  readonly config: FleetConfig;
  /**
   * What the config is called in problem reports.
   * @default "fleet config"
   */
  readonly source?: string;
}

/** Creates one FleetStack per account-region of a fleet config. */
export class MetricsFleet extends Construct {
  public readonly stacks: readonly FleetStack[];
  /** What is valid but worth a look (a region not known at this release), `path: message`; the app prints them. */
  public readonly warnings: readonly string[];

  constructor(scope: Construct, id: string, props: MetricsFleetProps) {
    // Checked before anything joins the tree: a bad config, however built, adds nothing and so writes nothing.
    const config = validateFleetConfig(props.config, props.source);
    super(scope, id);
    const stacks: FleetStack[] = [];
    for (const account of config.accounts) {
      for (const [region, regionConfig] of Object.entries(account.regions)) {
        const name = fleetStackName(config.name, account.id, region);
        stacks.push(
          new FleetStack(scope, name, {
            fleetName: config.name,
            account,
            region,
            backend: config.backend,
            tags: mergedTags(config.defaults, account, regionConfig),
            pipeline: pipelineProps(config, account, region, regionConfig),
          }),
        );
      }
    }
    this.stacks = stacks;
    this.warnings = this.warnStacks(config);
  }

  /** Warnings of the config, each put on the stacks it concerns so that cdktf lists it with them at synth. */
  private warnStacks(config: FleetConfig): string[] {
    return fleetConfigWarnings(config).map((warning) => {
      const message = describeProblem(warning);
      const { accountIndex, region } = warning;
      const name = accountIndex === undefined ? undefined : fleetStackName(config.name, config.accounts[accountIndex].id, region!);
      for (const stack of this.stacks) if (name === undefined || stack.node.id === name) Annotations.of(stack).addWarning(message);
      return message;
    });
  }
}
