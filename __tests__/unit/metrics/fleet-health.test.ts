/** The fleet-health series (modules/metrics/fleet-health.ts): names final, one dimension, who publishes which. */
import { FLEET_HEALTH_METRICS, METRIC_NAMES, METRIC_UNIT, fleetHealthMetricDefinition, fleetHealthMetricsPublished } from '../../../modules/metrics/catalog';

describe('the fleet-health series', () => {
  test('are the six of the design, in order, each with the one dimension Pipeline and unit Count', () => {
    expect(FLEET_HEALTH_METRICS.map((m) => [m.name, m.dimensions, m.unit])).toEqual([
      ['ClustersWithNoRunningTask', ['Pipeline'], METRIC_UNIT],
      ['PendingTasks', ['Pipeline'], METRIC_UNIT],
      ['UnreadClusters', ['Pipeline'], METRIC_UNIT],
      ['UnreadAccountRegions', ['Pipeline'], METRIC_UNIT],
      ['ServicesBelowDesired', ['Pipeline'], METRIC_UNIT],
      ['TaskShortfall', ['Pipeline'], METRIC_UNIT],
    ]);
  });

  test('do not reuse a name of the per-cluster catalog', () => {
    expect(FLEET_HEALTH_METRICS.filter((m) => METRIC_NAMES.includes(m.name))).toEqual([]);
  });

  test('a place without services publishes the four others; with services, all six', () => {
    expect(fleetHealthMetricsPublished(false).map((m) => m.name)).toEqual([
      'ClustersWithNoRunningTask',
      'PendingTasks',
      'UnreadClusters',
      'UnreadAccountRegions',
    ]);
    expect(fleetHealthMetricsPublished(true)).toEqual(FLEET_HEALTH_METRICS);
  });

  test('each says what it counts', () => {
    expect(FLEET_HEALTH_METRICS.filter((m) => m.description === '' || m.counts === '')).toEqual([]);
    expect(fleetHealthMetricDefinition('TaskShortfall')?.publishedBy).toBe('whenServicesCollected');
    expect(fleetHealthMetricDefinition('RunningTask')).toBeUndefined();
  });
});
