/**
 * GIVEN/WHEN/THEN helpers for IAM: read each role's trust and identity policy out of a
 * synthesized stack, and ask @cloud-copilot/iam-simulate whether a request is allowed.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { addressOf, byId } from './synth';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** One AWS API request: an action on a resource ARN (or `*`), with request context keys. */
export interface Request {
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
}

/** What a role's policies decide: overall, and by its identity policy alone. */
export interface Outcome {
  readonly overall: Decision;
  readonly identity: Decision;
}

/** A role as synthesized: its name, trust policy and (inline) identity policies. */
export interface SynthesizedRole {
  readonly name: string;
  readonly trust: any;
  readonly policies: any[];
}

/** `arn:aws:ecs:us-east-1:111111111111:cluster/a` → `111111111111`; `*` → the caller's account. */
const accountOf = (arn: string, fallback: string) => arn.split(':')[4] || fallback;

async function simulate(simulation: Simulation): Promise<Outcome> {
  const response = await runSimulation(simulation, {});
  if (response.resultType === 'error') {
    throw new Error(`iam-simulate refused ${simulation.request.action} on ${simulation.request.resource.resource}: ${response.errors.message}`);
  }
  const analyses = response.resultType === 'single' ? [response.result.analysis] : response.results.map((r) => r.analysis);
  const identityResults = analyses.map((a) => a.identityAnalysis?.result ?? 'ImplicitlyDenied');
  const identity: Decision = identityResults.includes('ExplicitlyDenied')
    ? 'ExplicitlyDenied'
    : identityResults.includes('Allowed')
      ? 'Allowed'
      : 'ImplicitlyDenied';
  return { overall: response.overallResult, identity };
}

/** What the identity policies of a role allow when the role itself makes the request. */
export function evaluateIdentity(roleArn: string, policies: readonly any[], request: Request): Promise<Outcome> {
  const account = accountOf(roleArn, '');
  return simulate({
    request: {
      principal: roleArn,
      action: request.action,
      resource: { resource: request.resource, accountId: accountOf(request.resource, account) },
      contextVariables: request.context ?? {},
    },
    identityPolicies: policies.map((policy, i) => ({ name: `policy-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  });
}

/**
 * What a resource policy (a role's trust policy, a topic's access policy) decides for a caller:
 * a service principal or an IAM principal, whose own identity policy may allow everything.
 */
export function evaluateResourcePolicy(
  resourcePolicy: any,
  resource: string,
  caller: { principal: string; request: Omit<Request, 'resource'>; identityPolicies?: any[] },
): Promise<Outcome> {
  return simulate({
    request: {
      principal: caller.principal,
      action: caller.request.action,
      resource: { resource, accountId: accountOf(resource, '') },
      contextVariables: caller.request.context ?? {},
    },
    identityPolicies: (caller.identityPolicies ?? []).map((policy, i) => ({ name: `caller-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy,
  });
}

/** An identity policy that allows everything, for callers that are as powerful as can be. */
export const ADMINISTRATOR = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** The roles of a synthesized stack by construct id (`collector-role`…), each with the inline policies attached to it. */
export function synthesizedRoles(tf: any): Record<string, SynthesizedRole> {
  const policies = Object.values<any>(tf.resource?.aws_iam_role_policy ?? {});
  const roles = Object.entries(byId(tf, 'aws_iam_role')).map(([id, role]) => {
    const reference = `\${${addressOf(tf, 'aws_iam_role', id)}.id}`;
    const attached = policies.filter((p) => p.role === reference).map((p) => JSON.parse(p.policy));
    return [id, { name: role.name, trust: JSON.parse(role.assume_role_policy), policies: attached }] as const;
  });
  const attachedCount = roles.reduce((n, [, role]) => n + role.policies.length, 0);
  if (attachedCount !== policies.length) throw new Error('some inline policy is attached to no role of the stack');
  return Object.fromEntries(roles);
}

/** A policy without its statement at `index`. */
export function withoutStatement(policy: any, index: number): any {
  return { ...policy, Statement: policy.Statement.filter((_: unknown, i: number) => i !== index) };
}
