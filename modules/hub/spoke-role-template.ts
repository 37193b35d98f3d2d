/**
 * The CloudFormation template of the organization's spoke role, which the StackSet deploys to
 * every account of the organization's units. Built from the same policy documents as the
 * Terraform spoke role (organization-policies.ts); only the member account, unknown until
 * CloudFormation deploys into it, is `${AWS::AccountId}` inside `Fn::Sub`. Pure.
 */
import { iamArn } from '../common/environment';
import type { PolicyDocument } from '../common/policy-document';

/** The member account in the documents the template carries: CloudFormation substitutes it in each account. */
export const TEMPLATE_ACCOUNT = '${AWS::AccountId}';

/** The logical ID of the role in the template. */
export const SPOKE_ROLE_LOGICAL_ID = 'SpokeRole';

/** The name of the inline policy, as the Terraform spoke role names its own. */
export const SPOKE_INLINE_POLICY_NAME = 'least-privilege';

export interface SpokeRoleTemplateOptions {
  readonly roleName: string;
  readonly rolePath: string;
  readonly trust: PolicyDocument;
  /** The role's one inline policy; a string containing TEMPLATE_ACCOUNT is turned into `Fn::Sub`. */
  readonly permissions: PolicyDocument;
  /** Name (with its path) of a permissions boundary policy of each member account. @default none */
  readonly permissionsBoundary?: string;
  readonly partition: string;
  readonly tags?: Readonly<Record<string, string>>;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `value` with every string that names TEMPLATE_ACCOUNT wrapped in `Fn::Sub` (CloudFormation resolves it per account). */
function substituted(value: unknown): Json {
  if (typeof value === 'string') return value.includes(TEMPLATE_ACCOUNT) ? { 'Fn::Sub': value } : value;
  if (Array.isArray(value)) return value.map(substituted);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituted(v)]));
  return value as Json;
}

/** The template: one IAM role and its inline policy, and the role's ARN as an output. */
export function spokeRoleTemplate(o: SpokeRoleTemplateOptions): Record<string, Json> {
  const boundary = o.permissionsBoundary;
  const properties: Record<string, Json> = {
    RoleName: o.roleName,
    Path: o.rolePath,
    Description: 'Read-only role the ECS high-resolution metrics hub assumes to list and describe the ECS clusters of this account',
    AssumeRolePolicyDocument: substituted(o.trust),
    Policies: [{ PolicyName: SPOKE_INLINE_POLICY_NAME, PolicyDocument: substituted(o.permissions) }],
    ...(boundary !== undefined
      ? {
          PermissionsBoundary: substituted(iamArn({ partition: o.partition, region: '', account: TEMPLATE_ACCOUNT }, 'policy', boundary)),
        }
      : {}),
    ...(o.tags && Object.keys(o.tags).length > 0 ? { Tags: Object.entries(o.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
  };
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Spoke role ${o.rolePath}${o.roleName} of the ECS high-resolution metrics hub (deployed by a service-managed StackSet)`,
    Resources: { [SPOKE_ROLE_LOGICAL_ID]: { Type: 'AWS::IAM::Role', Properties: properties } },
    Outputs: { SpokeRoleArn: { Description: 'ARN of the spoke role', Value: { 'Fn::GetAtt': [SPOKE_ROLE_LOGICAL_ID, 'Arn'] } } },
  };
}
