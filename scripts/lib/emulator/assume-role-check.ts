/**
 * STS AssumeRole as AWS decides it, for role sessions calling through the emulator front. moto
 * grants any AssumeRole, even of a role that does not exist ("the role does not need to exist"),
 * so on its own it could not show a hub losing an account whose spoke role is missing, nor that
 * the deployed trust and permission policies admit the hub. The front asks this check first: the
 * target role must exist, and @cloud-copilot/iam-simulate must allow the call on the caller's
 * deployed identity policies and the target's deployed trust policy, with the request context
 * AWS derives from the request (the accounts' organization among it, as moto holds it). Callers that are not role sessions (the harness's own key, which
 * the Terraform provider uses to assume each deploy role) pass through unchecked.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { type CallTarget, EmulatorCallError, queryCall, xmlValue } from './moto-client';

/** The refusal to answer, or undefined to pass the request on to moto. */
export interface AssumeRoleDenial {
  readonly status: number;
  readonly body: string;
}

/** A policy document as IAM's query API returns it: URL-encoded, inside XML with entities. */
export function policyDocumentOf(text: string): unknown {
  const unescaped = text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return JSON.parse(unescaped.trimStart().startsWith('{') ? unescaped : decodeURIComponent(unescaped));
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role(\/(?:[^/]+\/)*)?([^/]+)$/;
const SESSION_ARN = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;

/** AWS's answer to a refused AssumeRole. */
export function accessDenied(caller: string, roleArn: string, why: string): AssumeRoleDenial {
  const message = `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn} (${why})`;
  return {
    status: 403,
    body:
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>` +
      `<Message>${message.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</Message></Error><RequestId>emulator-front</RequestId></ErrorResponse>`,
  };
}

/** `<member>` values of every `<tag>` list in an XML answer. */
const allValues = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

/**
 * A role's ARN (with its path), its trust policy and, with `withPolicies`, every policy attached to
 * it (inline and managed), or undefined when it does not exist.
 */
async function roleWithPolicies(
  target: CallTarget,
  name: string,
  withPolicies = true,
): Promise<{ arn: string; trust: unknown; policies: unknown[] } | undefined> {
  let role: string;
  try {
    role = await queryCall('iam', target, 'GetRole', { RoleName: name });
  } catch (error) {
    if (error instanceof EmulatorCallError && error.status === 404) return undefined;
    throw error;
  }
  const policies: unknown[] = [];
  if (!withPolicies) return { arn: xmlValue(role, 'Arn')!, trust: policyDocumentOf(xmlValue(role, 'AssumeRolePolicyDocument') ?? '{}'), policies };
  for (const policyName of allValues(await queryCall('iam', target, 'ListRolePolicies', { RoleName: name }), 'member')) {
    const xml = await queryCall('iam', target, 'GetRolePolicy', { RoleName: name, PolicyName: policyName });
    policies.push(policyDocumentOf(xmlValue(xml, 'PolicyDocument') ?? '{}'));
  }
  for (const policyArn of allValues(await queryCall('iam', target, 'ListAttachedRolePolicies', { RoleName: name }), 'PolicyArn')) {
    const policy = await queryCall('iam', target, 'GetPolicy', { PolicyArn: policyArn });
    const version = await queryCall('iam', target, 'GetPolicyVersion', { PolicyArn: policyArn, VersionId: xmlValue(policy, 'DefaultVersionId') ?? 'v1' });
    policies.push(policyDocumentOf(xmlValue(version, 'Document') ?? '{}'));
  }
  return { arn: xmlValue(role, 'Arn')!, trust: policyDocumentOf(xmlValue(role, 'AssumeRolePolicyDocument') ?? '{}'), policies };
}

/**
 * The organization an account belongs to, as AWS puts it in a request's context (aws:PrincipalOrgID,
 * aws:ResourceOrgID): moto answers DescribeOrganization in the management account and its members;
 * undefined outside any organization.
 */
export async function organizationOf(motoEndpoint: string, account: string): Promise<string | undefined> {
  const response = await fetch(`${motoEndpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSOrganizationsV20161128.DescribeOrganization',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIAEMULATOR000000/20250101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0',
      'x-moto-account-id': account,
    },
    body: '{}',
  });
  if (!response.ok) return undefined;
  return ((await response.json()) as { Organization?: { Id?: string } }).Organization?.Id;
}

/**
 * Decides an AssumeRole request (its form body and Authorization header) as AWS would; undefined
 * passes it on to moto (which then grants it), a denial is answered instead.
 */
export async function checkAssumeRole(motoEndpoint: string, form: URLSearchParams, authorization: string | undefined): Promise<AssumeRoleDenial | undefined> {
  if (form.get('Action') !== 'AssumeRole') return undefined;
  const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(authorization ?? '')?.[1] ?? 'us-east-1';
  const identity = await fetch(`${motoEndpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: authorization ?? '' },
    body: new URLSearchParams({ Action: 'GetCallerIdentity', Version: '2011-06-15' }).toString(),
  }).then((r) => r.text());
  const callerArn = xmlValue(identity, 'Arn') ?? '';
  const session = SESSION_ARN.exec(callerArn);
  if (!session) return undefined;
  const [, callerAccount, callerRoleName] = session;
  const roleArn = form.get('RoleArn') ?? '';
  const targetRole = ROLE_ARN.exec(roleArn);
  if (!targetRole) return accessDenied(callerArn, roleArn, 'not a role ARN');
  const [, targetAccount, , targetName] = targetRole;

  const caller = await roleWithPolicies({ endpoint: motoEndpoint, region, account: callerAccount }, callerRoleName);
  if (!caller) return accessDenied(callerArn, roleArn, `the caller's role ${callerRoleName} no longer exists`);
  // The target's trust decides; its own permissions play no part (and moto answers the inline policy
  // of a role its CloudFormation created, a StackSet's spoke role, as a Python dict, not JSON).
  const target = await roleWithPolicies({ endpoint: motoEndpoint, region, account: targetAccount }, targetName, false);
  if (!target || target.arn !== roleArn) return accessDenied(callerArn, roleArn, 'the role does not exist');

  const externalId = form.get('ExternalId');
  const [principalOrg, resourceOrg] = await Promise.all([organizationOf(motoEndpoint, callerAccount), organizationOf(motoEndpoint, targetAccount)]);
  const response = await runSimulation(
    {
      request: {
        principal: caller.arn,
        action: 'sts:AssumeRole',
        resource: { resource: roleArn, accountId: targetAccount },
        contextVariables: {
          'aws:ResourceAccount': targetAccount,
          'aws:PrincipalArn': caller.arn,
          'aws:PrincipalAccount': callerAccount,
          ...(externalId !== null ? { 'sts:ExternalId': externalId } : {}),
          ...(principalOrg !== undefined ? { 'aws:PrincipalOrgID': principalOrg } : {}),
          ...(resourceOrg !== undefined ? { 'aws:ResourceOrgID': resourceOrg } : {}),
        },
      },
      identityPolicies: caller.policies.map((policy, i) => ({ name: `caller-${i}`, policy: policy as never })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: target.trust as never,
    },
    {},
  );
  if (response.resultType === 'error') return accessDenied(callerArn, roleArn, `a policy iam-simulate cannot read: ${response.errors.message}`);
  if (response.overallResult !== 'Allowed') return accessDenied(callerArn, roleArn, `policies decide ${response.overallResult}`);
  return undefined;
}
