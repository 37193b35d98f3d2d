/**
 * The package's root entry point (`cdktf-ecs-highres-metrics`): the constructs a user puts in a
 * stack, with their props and types. The fleet, cost, IAM and metric-catalog helpers are on their
 * own subpaths (modules/subpaths/<name>.ts is `cdktf-ecs-highres-metrics/<name>`, mapped by
 * package.json `exports`). Everything else is internal; tests reach it by file path. A test
 * (unit/architecture/public-api.test.ts) lists the names of every entry point, so a change to
 * them is deliberate.
 */

// The pipeline: one account-region, any number of its clusters.
export { EcsHighResMetrics } from './pipeline/ecs-high-res-metrics';
export type { EcsHighResMetricsProps, ExistingRoles } from './pipeline/props';
export type { PipelineResources } from './pipeline/pipeline-resources';
export { resolvePipelineSettings } from './pipeline/pipeline-settings';
export type { PipelineSettings } from './pipeline/pipeline-settings';
export { FLEET_HEALTH_ALARM_DEFAULTS } from './common/settings';
export type { Architecture, FleetHealthAlarmDefaults, FleetHealthAlarmedSeries, StateMachineLogLevel, TriggerKind, WorkflowType } from './common/settings';
export { collectorBundle } from './pipeline/collector-bundle';
export type { CollectorBundle } from './pipeline/collector-bundle';
export type { CollectorInput, FleetHealthInput } from './contract/collector-event';
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

// Monitoring: alarms, alarm topic, dashboard, pipeline health.
export { PipelineMonitoring } from './monitoring/pipeline-monitoring';
export type { AlarmActionsProps, MonitoringProps } from './monitoring/monitoring-settings';
export type { MetricAlarmProps } from './monitoring/metric-alarms';
export type { FleetHealthAlarmProps, FleetHealthAlarmsProps } from './monitoring/fleet-health-alarms';
export { detectionTime } from './monitoring/detection-time';
export type { DetectionTime, DetectionTimeInput } from './monitoring/detection-time';
export type { AlarmComparison, AlarmStatistic, TreatMissingData } from './monitoring/alarm-rules';
