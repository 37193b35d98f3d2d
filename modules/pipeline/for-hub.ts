/**
 * What the hub (modules/hub) may use of the pipeline's rules: the pipeline settings it extends,
 * their checks and size limits, the collector's run budget, and the IAM statements the hub's
 * collector shares with the pipeline's. It loads no construct, so the fleet config loads the hub's
 * checks without cdktf's resources; the build steps the hub construct reuses are for-hub-build.ts.
 * No other file of modules/pipeline may be imported by the hub (unit/architecture test).
 */
export { COLLECTOR_RUN, collectorCpuMs, collectorDeadlinesMs } from './collector-run';
export { publishStatements, SERVICE_PRINCIPALS, trustPolicy } from './iam-policies';
export { pipelineSizeChecks } from './pipeline-limits';
export { settingsProblems } from './pipeline-problems';
export { isDefaultMetricSet, type PipelineSettings, resolvePipelineSettings } from './pipeline-settings';
export { withTemplateProblems } from './prop-templates';
export type { EcsHighResMetricsProps } from './props';
export { hubServiceReadWarning } from './service-reads';
