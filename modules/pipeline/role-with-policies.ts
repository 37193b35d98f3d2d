/**
 * An IAM role with its policies: inline (`least-privilege`) and managed ones attached beside it
 * when the inline budget is not enough. The pipeline's roles and the hub's spoke role are built
 * by it, under the ids `<id>-role`, `<id>-policy`, `<id>-managed-policy-<n>` and its `-attachment`.
 */
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import type { PolicyDocument } from '../common/policy-document';
import { jsonText } from './json-text';

/** What a role is: its name, path, boundary, trust and policies. */
export interface RoleWithPoliciesSpec {
  readonly provider?: TerraformProvider;
  readonly name: string;
  readonly path?: string;
  /** ARN of the permissions boundary, if any. */
  readonly permissionsBoundary?: string;
  /** The trust policy. */
  readonly trust: PolicyDocument;
  /** The inline policy (`least-privilege`), if the role has one. */
  readonly inline?: PolicyDocument;
  /** Managed policies, named `<name>-<n>` (account-wide like the role's name, so they carry it). */
  readonly managed?: readonly PolicyDocument[];
  readonly tags?: Record<string, string>;
}

/** The created role and its policies. */
export interface RoleWithPolicies {
  readonly role: IamRole;
  readonly inlinePolicy?: IamRolePolicy;
  readonly managedPolicies: readonly IamPolicy[];
  readonly attachments: readonly IamRolePolicyAttachment[];
}

/** The role `spec` describes, with its policies, created under `scope` with ids starting `id-`. */
export function roleWithPolicies(scope: Construct, id: string, spec: RoleWithPoliciesSpec): RoleWithPolicies {
  const common = { provider: spec.provider };
  const role = new IamRole(scope, `${id}-role`, {
    ...common,
    name: spec.name,
    path: spec.path,
    permissionsBoundary: spec.permissionsBoundary,
    assumeRolePolicy: JSON.stringify(spec.trust),
    tags: spec.tags,
  });
  const inlinePolicy = spec.inline
    ? new IamRolePolicy(scope, `${id}-policy`, { ...common, name: 'least-privilege', role: role.id, policy: jsonText(spec.inline) })
    : undefined;
  const managedPolicies: IamPolicy[] = [];
  const attachments = (spec.managed ?? []).map((document, i) => {
    const policy = new IamPolicy(scope, `${id}-managed-policy-${i + 1}`, {
      ...common,
      name: `${spec.name}-${i + 1}`,
      path: spec.path,
      policy: jsonText(document),
      tags: spec.tags,
    });
    managedPolicies.push(policy);
    return new IamRolePolicyAttachment(scope, `${id}-managed-policy-${i + 1}-attachment`, { ...common, role: role.name, policyArn: policy.arn });
  });
  return { role, ...(inlinePolicy ? { inlinePolicy } : {}), managedPolicies, attachments };
}
