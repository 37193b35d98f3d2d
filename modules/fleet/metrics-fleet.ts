/**
 * MetricsFleet: the Terraform stacks of a fleet config, each with its provider, backend and
 * construct: one per account-region (topology "account-region"), or a hub stack and one spoke
 * stack per member account (topology "hub").
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Annotations, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EcsHighResMetrics } from '../pipeline/ecs-high-res-metrics';
import type { EcsHighResMetricsProps } from '../pipeline/props';
import { addStackBackend } from './backend';
import { describeProblem } from '../common/errors';
import { type AccountConfig, type BackendConfig, type FleetConfig, mergedTags, spokeTags } from './config';
import { validateFleetConfig } from './load-config';
import { fleetStackName, hubStackName, organizationStackName, spokeStackName } from './naming';
import { pipelineProps } from './pipeline-props';
import { type ConfigWarning, fleetConfigWarnings } from './config-warnings';
import { enforceStrictWarnings, strictFromContext } from '../common/strict-warnings';
import { fleetProvider } from './fleet-provider';
import { hubProps, organizationProps, spokeProps } from './hub-props';
import { HubStack, OrganizationStack, SpokeStack } from './hub-stacks';
import { organizationPlan } from '../hub/ecs-high-res-metrics-organization';

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
    this.provider = fleetProvider(this, {
      fleetName: props.fleetName,
      account: props.account.id,
      region: props.region,
      deployRoleArn: props.account.deployRoleArn,
      tags: props.tags,
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
  /**
   * Strict mode (for CI): every warning of the app (a region not known at this release, alarms
   * that notify no one, …) is an error, all listed at synth, and no stack is written.
   * The cdktf context key `ecs-highres-metrics:strict` set to `true` turns strict mode on for
   * every construct of this library in the app, whatever this prop says.
   * @default false
   */
  readonly strict?: boolean;
}

/** Creates the stacks of a fleet config: a FleetStack per account-region, or a HubStack and a SpokeStack per member account. */
export class MetricsFleet extends Construct {
  /** The stack of each account-region, in the config's order (topology "account-region"; none with topology "hub"). */
  public readonly stacks: readonly FleetStack[];
  /** The hub pipeline's stack (topology "hub" only). */
  public readonly hubStack?: HubStack;
  /** The spoke role's stack of each member account, in the config's order (topology "hub" only). */
  public readonly spokeStacks: readonly SpokeStack[];
  /** The organization's StackSet of spoke roles and its Organizations read role (topology "hub" with `organization` only). */
  public readonly organizationStack?: OrganizationStack;
  /** What is valid but worth a look (a region not known at this release), `path: message`; the app prints them. */
  public readonly warnings: readonly string[];

  constructor(scope: Construct, id: string, props: MetricsFleetProps) {
    // Checked before anything joins the tree: a bad config, however built, adds nothing and so writes nothing.
    const config = validateFleetConfig(props.config, props.source);
    super(scope, id);
    if (config.topology === 'hub') {
      this.stacks = [];
      this.hubStack = MetricsFleet.hubStackOf(scope, config);
      this.spokeStacks = config.accounts.map((account) => MetricsFleet.spokeStackOf(scope, config, account));
      if (config.organization !== undefined) this.organizationStack = MetricsFleet.organizationStackOf(scope, config);
    } else {
      this.stacks = config.accounts.flatMap((account) =>
        Object.entries(account.regions).map(
          ([region, regionConfig]) =>
            new FleetStack(scope, fleetStackName(config.name, account.id, region), {
              fleetName: config.name,
              account,
              region,
              backend: config.backend,
              tags: mergedTags(config.defaults, account, regionConfig),
              pipeline: pipelineProps(config, account, region, regionConfig),
            }),
        ),
      );
      this.spokeStacks = [];
    }
    this.warnings = this.warnStacks(config);
    if (props.strict || strictFromContext(this)) for (const stack of this.allStacks) enforceStrictWarnings(stack);
  }

  /** The hub pipeline in the hub account-region, tagged with the defaults' tags. */
  private static hubStackOf(scope: Construct, config: FleetConfig): HubStack {
    const hub = config.hub!;
    return new HubStack(scope, hubStackName(config.name, hub.account, hub.region), {
      fleetName: config.name,
      account: hub.account,
      region: hub.region,
      deployRoleArn: hub.deployRoleArn,
      backend: config.backend,
      tags: config.defaults?.tags,
      hub: hubProps(config),
    });
  }

  /** A member account's spoke role, deployed through the account's first listed region (IAM is global). */
  private static spokeStackOf(scope: Construct, config: FleetConfig, account: AccountConfig): SpokeStack {
    return new SpokeStack(scope, spokeStackName(config.name, account.id), {
      fleetName: config.name,
      account: account.id,
      region: Object.keys(account.regions)[0],
      deployRoleArn: account.deployRoleArn,
      backend: config.backend,
      tags: spokeTags(config.defaults, account),
      spoke: spokeProps(config, account),
    });
  }

  /**
   * The organization's stack in its account, its provider in the region of the StackSet's one stack
   * instance (the partition's home region: enabled in every account), tagged with the defaults' tags.
   */
  private static organizationStackOf(scope: Construct, config: FleetConfig): OrganizationStack {
    const organization = config.organization!;
    const props = organizationProps(config);
    return new OrganizationStack(scope, organizationStackName(config.name, organization.account), {
      fleetName: config.name,
      account: organization.account,
      region: organizationPlan(props).stackSetRegion,
      deployRoleArn: organization.deployRoleArn,
      backend: config.backend,
      tags: config.defaults?.tags,
      organization: props,
    });
  }

  /** Every stack the fleet created. */
  public get allStacks(): readonly TerraformStack[] {
    return [...(this.hubStack ? [this.hubStack] : []), ...(this.organizationStack ? [this.organizationStack] : []), ...this.spokeStacks, ...this.stacks];
  }

  /** Warnings of the config, each put on the stacks it concerns so that cdktf lists it with them at synth. */
  private warnStacks(config: FleetConfig): string[] {
    return fleetConfigWarnings(config).map((warning) => {
      const message = describeProblem(warning);
      for (const stack of this.stacksOf(config, warning)) Annotations.of(stack).addWarning(message);
      return message;
    });
  }

  /** The stacks a warning concerns: its account-region's (the account's spoke, in hub mode), the hub's, or all. */
  private stacksOf(config: FleetConfig, warning: ConfigWarning): readonly TerraformStack[] {
    const { accountIndex, region, hub } = warning;
    if (hub) return this.hubStack ? [this.hubStack] : [];
    if (accountIndex === undefined) return this.allStacks;
    const account = config.accounts[accountIndex].id;
    const name = config.topology === 'hub' ? spokeStackName(config.name, account) : fleetStackName(config.name, account, region!);
    return this.allStacks.filter((stack) => stack.node.id === name);
  }
}
