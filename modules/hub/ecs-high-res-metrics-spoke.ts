/**
 * The EcsHighResMetricsSpoke construct: what a member account holds in hub mode, one IAM role
 * that only the hub's collector role may assume, allowed only the ECS reads the hub's settings
 * need on the account's listed clusters. IAM is global, so there is one per account.
 */
import type { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { iamArn, partitionOf } from '../common/environment';
import { ValidationError } from '../common/errors';
import type { NameClaim } from '../common/name-collisions';
import { outputId } from '../common/names';
import { claimNames, outputIdPrefixOf, placementOf, roleWithPolicies } from '../pipeline/for-hub-build';
import type { EcsHighResMetricsHub } from './ecs-high-res-metrics-hub';
import { fleetNameOf } from './hub-names';
import { pairSpoke, spokePropsOfHubConstruct } from './hub-pairing';
import type { EcsHighResMetricsSpokeProps, SpokeOfHubProps } from './props';
import { type SpokePlan, spokePlan } from './spoke-plan';

/**
 * The role the hub collector assumes in one member account (`<name>-spoke` by default), trusted by
 * the hub collector role alone, with its ECS reads inline or, when they outgrow the inline limit,
 * in managed policies.
 */
export class EcsHighResMetricsSpoke extends Construct {
  /** The spoke role. */
  public readonly role: IamRole;
  /** The managed policies attached to it, when its reads do not fit one inline policy. */
  public readonly managedPolicies: readonly IamPolicy[];
  /** What the role is: its name, path, trusted hub role and policies. */
  public readonly plan: SpokePlan;

  /**
   * The spoke of member `account` of `hub`, taking from the hub everything both must agree on: the
   * name, the hub's account, region and role path, the external ID, the spoke role's name and path,
   * the metrics, and the hub's targets of `account`. The hub's account and region must be literal.
   */
  public static forHub(scope: Construct, id: string, hub: EcsHighResMetricsHub, props: SpokeOfHubProps): EcsHighResMetricsSpoke {
    const fromHub = spokePropsOfHubConstruct(hub, props.account);
    if ('problems' in fromHub) throw new ValidationError(`${scope.node.path}/${id}`, fromHub.problems);
    const given = Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
    return new EcsHighResMetricsSpoke(scope, id, { ...fromHub, ...given });
  }

  constructor(scope: Construct, id: string, props: EcsHighResMetricsSpokeProps) {
    super(scope, id);
    const planned = spokePlan(props);
    if ('problems' in planned) throw new ValidationError(this.node.path, planned.problems);
    const plan = planned;
    this.plan = plan;
    // A hub of this app in the spoke's hub account-region must be the one it trusts, as it is.
    const mismatches = pairSpoke(this.node.root, {
      path: this.node.path,
      account: props.hub.account,
      region: props.hub.region,
      name: fleetNameOf(props.name),
      rolePath: props.hub.rolePath ?? '/',
      externalId: props.externalId,
      spokeRole: { name: plan.roleName, path: plan.rolePath },
      spokeRoleNameGiven: props.spokeRole?.name !== undefined,
    });
    if (mismatches.length > 0) throw new ValidationError(this.node.path, mismatches);
    // IAM names are account-wide: two spokes (or a pipeline's roles) of one account must not share one; checked before anything is created.
    const placement = placementOf(this, { account: props.account, region: props.targets[0]?.region ?? props.hub.region }, props.provider);
    const claims: NameClaim[] = [
      { kind: 'IAM role name', name: plan.roleName, scope: 'account' },
      ...plan.policies.managed.map((_, i): NameClaim => ({ kind: 'IAM policy name', name: `${plan.roleName}-${i + 1}`, scope: 'account' })),
      { kind: 'Terraform output id', name: outputId(outputIdPrefixOf(this), 'spoke_role_arn'), scope: 'stack' },
    ];
    const collisions = claimNames(this, claims, placement);
    if (collisions.length > 0) throw new ValidationError(this.node.path, collisions);
    const env = { partition: partitionOf(props.hub.region), region: props.hub.region, account: props.account };
    const built = roleWithPolicies(this, 'spoke', {
      provider: props.provider,
      name: plan.roleName,
      path: plan.rolePath,
      permissionsBoundary: props.permissionsBoundary && iamArn(env, 'policy', props.permissionsBoundary),
      trust: plan.trust,
      inline: plan.policies.inline,
      managed: plan.policies.managed,
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
    });
    this.role = built.role;
    this.managedPolicies = built.managedPolicies;
    new TerraformOutput(this, 'spoke_role_arn', {
      value: this.role.arn,
      description: 'ARN of the role the hub collector assumes in this account',
    }).overrideLogicalId(outputId(outputIdPrefixOf(this), 'spoke_role_arn'));
  }
}
