/**
 * What the hub's constructs (EcsHighResMetricsHub, EcsHighResMetricsSpoke) build on: the pipeline's
 * build steps, which the hub runs with its own collection so both topologies create the same
 * resources under the same ids; the role-with-policies builder the spoke role shares; the
 * provider's environment and the app-wide name claims every construct of the app checks against;
 * and the fields both constructs expose. The construct-free rules are for-hub.ts.
 * No other file of modules/pipeline may be imported by the hub (unit/architecture test).
 */
export { claimNames, placementOf } from './app-claims';
export { effectiveAwsProvider, literalProviderAccount, literalProviderRegion, providerEnvironmentProblems } from './aws-provider';
export { outputIdPrefixOf } from './output-id-prefix';
export { buildContext, buildPipeline, checkNameCollisions, pipelineEnvironment, pipelineOutput } from './pipeline-build';
export type { PipelineResources } from './pipeline-resources';
export { roleWithPolicies } from './role-with-policies';
