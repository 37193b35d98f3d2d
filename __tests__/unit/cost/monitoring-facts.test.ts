/**
 * `npm run cost` prices a fleet without building its constructs (monitoringFactsOfSettings): for
 * every kind of pipeline a config can hold, the alarms (by period) and dashboards it prices are
 * the ones MetricsFleet's pipeline creates.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { loadFleetConfig, MetricsFleet, validateFleetConfig } from '../../../modules/subpaths/fleet';
import { monitoringFactsOfPipeline } from '../../../modules/subpaths/cost';
import { monitoringFactsOfSettings } from '../../../modules/cost/pipeline-description';
import { ROOT } from '../../support/app';

const ACCOUNT = { id: '111111111111', deployRoleArn: 'arn:aws:iam::111111111111:role/terraform' };
const PENDING = { metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5 };

const CONFIGS: Record<string, unknown> = {
  'examples/fleet.json': loadFleetConfig(path.join(ROOT, 'examples', 'fleet.json')),
  'alarms on listed clusters, a 60-s alarm, no dashboard': {
    name: 'alarmed',
    defaults: { alarms: [PENDING, { ...PENDING, threshold: 20, periodSeconds: 60 }], dashboard: false },
    accounts: [{ ...ACCOUNT, regions: { 'us-east-1': { clusters: ['a', 'b', 'c'] } } }],
  },
  'clusters "*" with an alarm (Metrics Insights), no health alarms': {
    name: 'found',
    defaults: { alarms: [PENDING], pipelineAlarms: false },
    accounts: [{ ...ACCOUNT, regions: { 'us-east-1': { clusters: '*' }, 'eu-west-1': { clusters: ['x'] } } }],
  },
  'per-service metrics': {
    name: 'services',
    defaults: { metrics: ['RunningTask', 'RunningCount'], services: { a: ['web', 'api'] } },
    accounts: [{ ...ACCOUNT, regions: { 'us-east-1': { clusters: ['a'] } } }],
  },
};

test.each(Object.entries(CONFIGS))("%s: the facts priced are the construct's", (_, data) => {
  const config = validateFleetConfig(data);
  const fleet = new MetricsFleet(new App({ outdir: mkdtempSync(path.join(tmpdir(), 'facts-')) }), 'fleet', { config });
  expect(fleet.stacks.length).toBeGreaterThan(0);
  for (const stack of fleet.stacks) {
    expect(monitoringFactsOfSettings(stack.pipeline.settings)).toEqual(monitoringFactsOfPipeline(stack.pipeline));
  }
});
