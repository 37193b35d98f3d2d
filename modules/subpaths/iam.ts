/**
 * `cdktf-ecs-highres-metrics/iam`: the IAM documents of a pipeline's roles, as plain objects, for
 * a user who brings their own roles (`existingRoles`): each role must trust its service
 * (`trustPolicy`) and allow what its policy document allows.
 */
export { collectorRolePolicy, stateMachineRolePolicy, triggerRolePolicy, trustPolicy } from '../pipeline/iam-policies';
export type { CollectorPolicyOptions, StateMachinePolicyOptions, TriggerPolicyOptions } from '../pipeline/iam-policies';
export type { PolicyDocument, PolicyStatement } from '../common/policy-document';
export type { Environment } from '../common/environment';
