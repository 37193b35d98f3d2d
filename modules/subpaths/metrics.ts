/** `cdktf-ecs-highres-metrics/metrics`: the metrics the collector can publish, and their defaults. */
export { DEFAULT_METRICS, DEFAULT_NAMESPACE, METRIC_NAMES, METRICS, metricDefinition } from '../metrics/catalog';
export type { MetricDefinition } from '../metrics/catalog';
export { FLEET_HEALTH_METRICS } from '../metrics/fleet-health';
export type { FleetHealthMetricDefinition, FleetHealthPublishedBy } from '../metrics/fleet-health';
