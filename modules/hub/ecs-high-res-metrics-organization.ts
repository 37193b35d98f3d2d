/**
 * The EcsHighResMetricsOrganization construct: what the organization's account (a delegated
 * administrator for CloudFormation StackSets, or the management account) holds when a hub's
 * fleet is an organization: a service-managed StackSet that deploys the spoke role to every
 * account of the units, now and as accounts join, and the Organizations read role the hub's
 * discovery assumes to list those accounts. Its size does not grow with the organization: no
 * account is named.
 */
import { CloudformationStackSet } from '@cdktf/provider-aws/lib/cloudformation-stack-set';
import { CloudformationStackSetInstance } from '@cdktf/provider-aws/lib/cloudformation-stack-set-instance';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { partitionOf } from '../common/environment';
import { outputId } from '../common/names';
import type { PolicyDocument } from '../common/policy-document';
import { outputIdPrefixOf, roleWithPolicies } from '../pipeline/for-hub-build';
import { fleetNameOf, spokeRoleNameOf, spokeRolePathOf } from './hub-names';
import { hubDiscoveryRoleArn, organizationsRoleNameOf, spokeStackSetNameOf } from './organization-names';
import { organizationsRolePermissionPolicy, organizationsRoleTrustPolicy } from './organization-policies';
import { organizationSpokeRole } from './organization-spoke';
import type { EcsHighResMetricsOrganizationProps } from './props';
import { spokeRoleTemplate, TEMPLATE_ACCOUNT } from './spoke-role-template';

/** The region of each account's one stack instance by partition: IAM is global, and these regions are enabled in every account (never opt-in). */
export const STACK_SET_HOME_REGIONS: Readonly<Record<string, string>> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};

/** `text` as a Terraform string literal: `${` (CloudFormation's Fn::Sub variables) escaped as `$${`, which Terraform reads back as `${`. */
export const terraformLiteral = (text: string): string => text.replaceAll('${', () => '$${');

/** The StackSet's template and the Organizations read role's documents, from the props. Pure. */
export function organizationPlan(props: EcsHighResMetricsOrganizationProps) {
  const name = fleetNameOf(props.name);
  const partition = partitionOf(props.hub.region);
  const spokeRoleName = spokeRoleNameOf(name, props.spokeRole);
  const spokeRolePath = spokeRolePathOf(props.spokeRole, props.hub.rolePath);
  const spoke = organizationSpokeRole({ ...props, name, account: TEMPLATE_ACCOUNT });
  const template = spokeRoleTemplate({
    roleName: spokeRoleName,
    rolePath: spokeRolePath,
    trust: spoke.trust,
    permissions: spoke.permissions,
    partition,
    ...(props.permissionsBoundary !== undefined ? { permissionsBoundary: props.permissionsBoundary } : {}),
    ...(props.tags !== undefined ? { tags: props.tags } : {}),
  });
  const discoveryRoleArn = hubDiscoveryRoleArn({ partition, account: props.hub.account, region: props.hub.region, name, rolePath: props.hub.rolePath });
  const organizationsRole: { name: string; path: string; trust: PolicyDocument; permissions: PolicyDocument } = {
    name: organizationsRoleNameOf(name),
    path: props.hub.rolePath ?? '/',
    trust: organizationsRoleTrustPolicy({ partition, hubAccount: props.hub.account, hubDiscoveryRoleArn: discoveryRoleArn, externalId: props.externalId }),
    permissions: organizationsRolePermissionPolicy(),
  };
  const excludedAccounts = (props.exclude ?? []).filter((id) => /^\d{12}$/.test(id));
  return {
    name,
    stackSetName: spokeStackSetNameOf(name),
    stackSetRegion: props.stackSetRegion ?? STACK_SET_HOME_REGIONS[partition] ?? props.hub.region,
    callAs: (props.administrator ?? 'delegated-administrator') === 'management' ? 'SELF' : 'DELEGATED_ADMIN',
    template,
    organizationsRole,
    excludedAccounts,
  };
}

/**
 * The organization stack's resources: a service-managed StackSet of the spoke role with automatic
 * deployment to `units` (one stack instance per account, in one region), and the Organizations
 * read role that only the hub's discovery role may assume.
 */
export class EcsHighResMetricsOrganization extends Construct {
  public readonly stackSet: CloudformationStackSet;
  public readonly stackSetInstance: CloudformationStackSetInstance;
  /** The Organizations read role. */
  public readonly organizationsRole: IamRole;
  /** The StackSet's template, as deployed. */
  public readonly template: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: EcsHighResMetricsOrganizationProps) {
    super(scope, id);
    const plan = organizationPlan(props);
    this.template = plan.template;
    const tags = props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined;
    this.stackSet = new CloudformationStackSet(this, 'spoke-role-stack-set', {
      provider: props.provider,
      name: plan.stackSetName,
      description: `The ${plan.name} hub's read-only spoke role in every account of the organization's units`,
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      callAs: plan.callAs,
      capabilities: ['CAPABILITY_NAMED_IAM'],
      templateBody: terraformLiteral(JSON.stringify(plan.template)),
      operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 25, regionConcurrencyType: 'PARALLEL' },
      tags,
      // AWS fills in the service-managed administration role; Terraform would otherwise plan to clear it on every apply.
      lifecycle: { ignoreChanges: ['administration_role_arn'] },
    });
    this.stackSetInstance = new CloudformationStackSetInstance(this, 'spoke-role-stack-set-instance', {
      provider: props.provider,
      stackSetName: this.stackSet.name,
      callAs: plan.callAs,
      region: plan.stackSetRegion,
      deploymentTargets: {
        organizationalUnitIds: [...props.units],
        ...(plan.excludedAccounts.length > 0 ? { accountFilterType: 'DIFFERENCE', accounts: plan.excludedAccounts } : {}),
      },
      operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 25, regionConcurrencyType: 'PARALLEL' },
      retainStack: false,
    });
    const role = plan.organizationsRole;
    this.organizationsRole = roleWithPolicies(this, 'organizations-read', {
      provider: props.provider,
      name: role.name,
      path: role.path,
      trust: role.trust,
      inline: role.permissions,
      tags,
    }).role;
    new TerraformOutput(this, 'organizations_role_arn', {
      value: this.organizationsRole.arn,
      description: "ARN of the Organizations read role the hub's discovery assumes",
    }).overrideLogicalId(outputId(outputIdPrefixOf(this), 'organizations_role_arn'));
    new TerraformOutput(this, 'spoke_stack_set_name', {
      value: this.stackSet.name,
      description: 'Name of the StackSet that deploys the spoke role to every account of the units',
    }).overrideLogicalId(outputId(outputIdPrefixOf(this), 'spoke_stack_set_name'));
  }
}
