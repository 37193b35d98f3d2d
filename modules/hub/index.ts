/** Hub mode's pure building blocks: the spoke and hub IAM documents and IAM's size limits. */
export { HubIamError, hubAssumeRolePolicies, spokePermissionPolicies, spokeTrustPolicy } from './hub-policies';
export type { HubAssumeOptions, HubAssumePlacement, PlacedPolicies, SpokePermissionOptions, SpokeRegion, SpokeRoleName, SpokeTrustOptions } from './hub-policies';
export { IAM_LIMITS, packStatements, policySize } from './iam-limits';
export type { HubPolicyDocument, HubStatement, ListStatement } from './iam-limits';
export { CARRIER_LIMITS, serializeTargetList, TARGET_LIST_VERSION, targetListProblems } from './target-list';
export type { TargetList, TargetListEntry, TargetListLocation } from './target-list';
