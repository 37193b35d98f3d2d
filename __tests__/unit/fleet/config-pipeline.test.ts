/** Problems only a whole pipeline shows: found on each account-region's merged settings, reported by its JSON path. */
import { ConfigError } from '../../../modules/fleet/config-problems';
import { validateFleetConfig } from '../../../modules/fleet/load-config';

function problems(data: unknown): readonly string[] {
  try {
    validateFleetConfig(data);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the config was accepted');
}

test('services of a cluster the region does not list, and per-service metrics without services', () => {
  // GIVEN per-service metrics set in defaults, and one region whose services name an unlisted cluster
  const config = {
    name: 'ecs-highres',
    defaults: { metrics: ['RunningTask', 'RunningCount'] },
    accounts: [
      {
        id: '111111111111',
        regions: {
          'us-east-1': { clusters: ['api'], services: { api: '*', batch: ['worker'] } },
          'eu-west-1': { clusters: ['eu'] },
        },
      },
    ],
  };
  // THEN each region's own problem is reported under its path
  expect(problems(config)).toEqual([
    'accounts[0].regions.us-east-1.services.batch: "batch" is not in clusters: add it to clusters, or remove it from services',
    'defaults.metrics: RunningCount is a per-service metric, but services names no cluster: name the services to collect, e.g. services: { "my-cluster": "*" }, or remove it from metrics (in accounts[0].regions.eu-west-1)',
  ]);
});

test('a default that fits one region and not another is reported for that region only', () => {
  const alarm = { metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5, periodSeconds: 10 };
  const config = {
    name: 'ecs-highres',
    defaults: { alarms: [alarm] },
    accounts: [
      {
        id: '111111111111',
        regions: { 'us-east-1': { clusters: ['a'] }, 'eu-west-1': { clusters: ['b'], intervalSeconds: 20 } },
      },
    ],
  };
  expect(problems(config)).toEqual([
    "defaults.alarms[0].periodSeconds: 10 s is shorter than the pipeline's 20 s interval, so some periods would hold no datum: use a period of at least 30 s (in accounts[0].regions.eu-west-1)",
  ]);
});
