/**
 * The stacks of topology "hub": one hub stack (the pipeline that collects every member
 * account-region), one spoke stack per listed member account (its spoke role only), and with an
 * organization one organization stack (the spoke roles' StackSet and the Organizations read role). Each keeps its
 * own provider, state and backend, as an account-region's FleetStack does.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { EcsHighResMetricsHub } from '../hub/ecs-high-res-metrics-hub';
import { EcsHighResMetricsSpoke } from '../hub/ecs-high-res-metrics-spoke';
import { EcsHighResMetricsOrganization } from '../hub/ecs-high-res-metrics-organization';
import type { EcsHighResMetricsHubProps, EcsHighResMetricsOrganizationProps, EcsHighResMetricsSpokeProps } from '../hub/props';
import { addStackBackend } from './backend';
import type { BackendConfig } from './config';
import { fleetProvider } from './fleet-provider';

/** Where a hub-mode stack deploys and keeps its state. */
interface HubModeStackProps {
  /** Name of the fleet; names the deploy session. */
  readonly fleetName: string;
  /** The account the stack deploys into. */
  readonly account: string;
  /** Region of the stack's provider. */
  readonly region: string;
  /** Role Terraform assumes in the account. @default the caller's credentials */
  readonly deployRoleArn?: string;
  /** Where the stack keeps its state. @default local */
  readonly backend?: BackendConfig;
  /** Tags of every taggable resource, set once as the provider's default_tags. @default no tags */
  readonly tags?: Record<string, string>;
}

export interface HubStackProps extends HubModeStackProps {
  /** The hub pipeline, in the stack's account and region. */
  readonly hub: EcsHighResMetricsHubProps;
}

/** `<fleet>-<account>-<region>-hub`: the hub pipeline in the monitoring account-region. */
export class HubStack extends TerraformStack {
  public readonly provider: AwsProvider;
  public readonly hub: EcsHighResMetricsHub;

  constructor(scope: Construct, id: string, props: HubStackProps) {
    super(scope, id);
    this.provider = fleetProvider(this, props);
    addStackBackend(this, props.backend);
    this.hub = new EcsHighResMetricsHub(this, 'hub', props.hub);
  }
}

export interface SpokeStackProps extends HubModeStackProps {
  /** The spoke role of the stack's account. */
  readonly spoke: EcsHighResMetricsSpokeProps;
}

/** `<fleet>-spoke-<account>`: one member account's spoke role (IAM is global: its provider's region is only where it calls IAM from). */
export class SpokeStack extends TerraformStack {
  public readonly provider: AwsProvider;
  public readonly spoke: EcsHighResMetricsSpoke;

  constructor(scope: Construct, id: string, props: SpokeStackProps) {
    super(scope, id);
    this.provider = fleetProvider(this, props);
    addStackBackend(this, props.backend);
    this.spoke = new EcsHighResMetricsSpoke(this, 'spoke', props.spoke);
  }
}

export interface OrganizationStackProps extends HubModeStackProps {
  /** The StackSet of spoke roles and the Organizations read role. */
  readonly organization: EcsHighResMetricsOrganizationProps;
}

/** `<fleet>-<account>-organization`: the organization's StackSet of spoke roles and its Organizations read role, however many accounts it has. */
export class OrganizationStack extends TerraformStack {
  public readonly provider: AwsProvider;
  public readonly organization: EcsHighResMetricsOrganization;

  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id);
    this.provider = fleetProvider(this, props);
    addStackBackend(this, props.backend);
    this.organization = new EcsHighResMetricsOrganization(this, 'organization', props.organization);
  }
}
