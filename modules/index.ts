/**
 * The package's public API, named one by one: what a user of the library builds with. Everything
 * else is internal; tests reach it by file path. A test (unit/architecture/public-api.test.ts)
 * lists these names, so a change to this list is deliberate.
 */

// The pipeline: one account-region, any number of its clusters.
export { EcsHighResMetrics } from './pipeline/ecs-high-res-metrics';
export type { EcsHighResMetricsProps, ExistingRoles } from './pipeline/props';
export type { PipelineResources } from './pipeline/pipeline-resources';
export { resolvePipelineSettings } from './pipeline/pipeline-settings';
export type { PipelineSettings } from './pipeline/pipeline-settings';
export { PIPELINE_DEFAULTS, SETTINGS } from './common/settings';
export type { Architecture, StateMachineLogLevel, TriggerKind, WorkflowType } from './common/settings';
export { collectorPolicy, stateMachinePolicy, trustPolicy, triggerPolicy } from './pipeline/iam-policies';
export type { PolicyDocument, PolicyStatement } from './common/policy-document';
export type { Environment } from './common/environment';
export { collectorBundle } from './pipeline/collector-bundle';
export type { CollectorBundle } from './pipeline/collector-bundle';
export type { CollectorInput } from './contract/collector-event';
export { type Problem, ValidationError } from './common/errors';

// Hub mode: one pipeline in a monitoring account-region, a read-only spoke role in each member account.
export { EcsHighResMetricsHub } from './hub/ecs-high-res-metrics-hub';
export { EcsHighResMetricsSpoke } from './hub/ecs-high-res-metrics-spoke';
export type { EcsHighResMetricsHubProps, EcsHighResMetricsSpokeProps, HubTrustProps, SpokeOfHubProps, SpokeRoleProps } from './hub/props';
// An organization as the fleet: the spoke roles' StackSet and the Organizations read role, in one stack.
export { EcsHighResMetricsOrganization } from './hub/ecs-high-res-metrics-organization';
export type { EcsHighResMetricsOrganizationProps, HubOrganizationProps, StackSetAdministrator } from './hub/props';
export type { TargetListEntry } from './contract/hub-target-list';
export type { HubCollectorInput } from './contract/collector-event';
export type { DiscoveredLocation } from './contract/hub-target-list';
export type { DiscoveryInput } from './contract/collector-event';

// The metrics the collector can publish.
export { DEFAULT_METRICS, DEFAULT_NAMESPACE, METRIC_NAMES, METRICS, metricDefinition } from './metrics/catalog';
export type { MetricDefinition } from './metrics/catalog';

// Monitoring: alarms, alarm topic, dashboard, pipeline health.
export { PipelineMonitoring } from './monitoring/pipeline-monitoring';
export type { AlarmActionsProps, MonitoringProps } from './monitoring/monitoring-settings';
export type { MetricAlarmProps } from './monitoring/metric-alarms';
export type { AlarmComparison, AlarmStatistic, TreatMissingData } from './monitoring/alarm-rules';

// The fleet: a config file, one stack per account-region, or a hub stack and a spoke stack per member account.
export { FleetStack, MetricsFleet } from './fleet/metrics-fleet';
export type { FleetStackProps, MetricsFleetProps } from './fleet/metrics-fleet';
export { HubStack, OrganizationStack, SpokeStack } from './fleet/hub-stacks';
export type { HubStackProps, OrganizationStackProps, SpokeStackProps } from './fleet/hub-stacks';
export { ConfigError } from './fleet/config-problems';
export { loadFleetConfig, validateFleetConfig } from './fleet/load-config';
export { fleetConfigSchema } from './fleet/config';
export type { AccountConfig, BackendConfig, FleetConfig, HubConfig, OrganizationConfig, PipelineDefaults, RegionConfig, Topology } from './fleet/config';
export { FLEET_CONFIG_SCHEMA_FILE, fleetConfigJsonSchema, fleetConfigJsonSchemaText } from './fleet/json-schema';
export { fleetStackName, hubStackName, organizationStackName, spokeStackName } from './fleet/naming';

// Cost: what a pipeline or a fleet costs a month.
export { COST_ASSUMPTIONS } from './cost/assumptions';
export { PRICES } from './cost/prices';
export { blogDesignCost, pipelineCost } from './cost/cost-model';
export type { CostItem, CostLine, PipelineCost } from './cost/cost-model';
export { describePipeline, monitoringFactsOf } from './cost/pipeline-description';
export type { MonitoringFacts, PipelineDescription } from './cost/pipeline-description';
export { fleetCost } from './cost/fleet-cost';
export type { FleetCost, PricedStack } from './cost/fleet-cost';
