/**
 * The alarms it takes to be told when any cluster loses its tasks, before and after the
 * fleet-health alarms (the README's alarm-count table), counted with the constructs' own builders.
 */
import { alarmCounts } from '../../../modules/cost/alarm-count';
import { METRICS_INSIGHTS_ALARM_LIMITS } from '../../../modules/monitoring/place-alarms';

describe('alarms to watch every cluster', () => {
  test('100 account-regions × 3 clusters: 300 per-cluster alarms or 100 Metrics Insights alarms before; 3 fleet-health alarms in a hub after, 300 as pipelines', () => {
    expect(alarmCounts('hub', 100, 3)).toEqual({ listed: 300, discovered: 100, fleetHealth: 3 });
    expect(alarmCounts('account-region', 100, 3)).toEqual({ listed: 300, discovered: 100, fleetHealth: 300 });
  });

  test('1,000 account-regions × 25 clusters: 25,000 or 1,000 before (over the 200 Metrics Insights alarms of the hub account-region); 3 in a hub after, 3,000 as pipelines', () => {
    const hub = alarmCounts('hub', 1000, 25);
    expect(hub).toEqual({ listed: 25_000, discovered: 1_000, fleetHealth: 3 });
    expect(hub.discovered).toBeGreaterThan(METRICS_INSIGHTS_ALARM_LIMITS.alarmsPerRegion);
    expect(alarmCounts('account-region', 1000, 25)).toEqual({ listed: 25_000, discovered: 1_000, fleetHealth: 3_000 });
  });

  test('the fleet-health count does not grow with the clusters', () => {
    expect(alarmCounts('hub', 10, 1).fleetHealth).toBe(alarmCounts('hub', 10, 100).fleetHealth);
    expect(alarmCounts('account-region', 10, 1).fleetHealth).toBe(alarmCounts('account-region', 10, 100).fleetHealth);
  });
});
