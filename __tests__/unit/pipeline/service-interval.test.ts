/**
 * The setting `serviceIntervalSeconds`: its default (the interval: every tick reads services), its
 * check (a multiple of the interval that divides 60), and the execution input of both topologies,
 * which carries it only when it differs from the interval, so the input of a pipeline that does
 * not set it stays as it was.
 */
import { ConfigError, validateFleetConfig } from '../../../modules/subpaths/fleet';
import { resolveHubSettings } from '../../../modules/hub/hub-settings';
import { hubCollectorInput } from '../../../modules/hub/hub-collection';
import { pipelineProblems } from '../../../modules/pipeline/pipeline-problems';
import { resolvePipelineSettings } from '../../../modules/pipeline/pipeline-settings';
import { collectorInputOf } from '../../../modules/pipeline/trigger-input';
import { problemsOf, validConfig } from '../../support/fleet-config';

const ENV = { partition: 'aws', account: '111111111111', region: 'us-east-1' };
const PROPS = { clusters: ['prod'], metrics: ['RunningTask', 'RunningCount'], services: { prod: '*' as const } };
const problemsAtServiceInterval = (props: Record<string, unknown>) =>
  pipelineProblems(resolvePipelineSettings({ ...PROPS, ...props }), ENV, { ...PROPS, ...props }).filter((p) => p.path[0] === 'serviceIntervalSeconds');

describe('serviceIntervalSeconds of a pipeline', () => {
  test('defaults to the interval, and the input then has none (every tick reads services)', () => {
    const s = resolvePipelineSettings({ ...PROPS, intervalSeconds: 10 });
    expect(s.serviceIntervalSeconds).toBe(10);
    expect(collectorInputOf(s)).not.toHaveProperty('serviceIntervalSeconds');
    expect(collectorInputOf(resolvePipelineSettings({ ...PROPS, serviceIntervalSeconds: 5 }))).not.toHaveProperty('serviceIntervalSeconds');
  });

  test('a longer one is written in the input', () => {
    const s = resolvePipelineSettings({ ...PROPS, serviceIntervalSeconds: 15 });
    expect(collectorInputOf(s)).toMatchObject({ serviceIntervalSeconds: 15 });
    expect(problemsAtServiceInterval({ serviceIntervalSeconds: 15 })).toEqual([]);
    expect(problemsAtServiceInterval({ serviceIntervalSeconds: 60 })).toEqual([]);
  });

  test.each([
    [
      { serviceIntervalSeconds: 7 },
      '7 is not an allowed service interval with intervalSeconds 5: it must be a multiple of the interval that divides 60 (one of 5, 10, 15, 20, 30, 60)',
    ],
    [
      { intervalSeconds: 10, serviceIntervalSeconds: 15 },
      '15 is not an allowed service interval with intervalSeconds 10: it must be a multiple of the interval that divides 60 (one of 10, 20, 30, 60)',
    ],
    [
      { serviceIntervalSeconds: 45 },
      '45 is not an allowed service interval with intervalSeconds 5: it must be a multiple of the interval that divides 60 (one of 5, 10, 15, 20, 30, 60)',
    ],
  ])('%p is refused, naming the values that fit', (props, problem) => {
    expect(problemsAtServiceInterval(props)).toEqual([{ path: ['serviceIntervalSeconds'], problem }]);
  });
});

describe('serviceIntervalSeconds of the hub', () => {
  const hubInput = (props: Record<string, unknown>) => {
    const h = resolveHubSettings({
      account: '999999999999',
      region: 'eu-west-1',
      targets: [{ account: '111111111111', region: 'us-east-1', clusters: ['prod'] }],
      ...props,
    });
    return hubCollectorInput({ bucket: 'b', key: 'targets.json', versionId: 'v1' }, { ...h.pipeline, spokeRole: h.spokeRole });
  };

  test('written in its input only when it differs from the interval', () => {
    expect(hubInput({})).not.toHaveProperty('serviceIntervalSeconds');
    expect(hubInput({ intervalSeconds: 10, serviceIntervalSeconds: 10 })).not.toHaveProperty('serviceIntervalSeconds');
    expect(hubInput({ intervalSeconds: 10, serviceIntervalSeconds: 30 })).toMatchObject({ serviceIntervalSeconds: 30 });
  });
});

describe('serviceIntervalSeconds in the fleet config', () => {
  test('a setting of defaults and of a region, passed to the pipeline', () => {
    const config = validConfig();
    config.defaults = { serviceIntervalSeconds: 30 };
    expect(validateFleetConfig(config).defaults?.serviceIntervalSeconds).toBe(30);
  });

  test('a value that is not a multiple of the interval is refused, naming the field', () => {
    const config = validConfig();
    config.defaults = { intervalSeconds: 10, serviceIntervalSeconds: 15 };
    const problems = problemsOf(() => validateFleetConfig(config));
    expect(problems.join('\n')).toMatch(/serviceIntervalSeconds.*15 is not an allowed service interval with intervalSeconds 10/);
  });

  test('a value that does not divide 60 is refused by the schema', () => {
    const config = validConfig();
    config.accounts[0].regions['us-east-1'].serviceIntervalSeconds = 45;
    expect(() => validateFleetConfig(config)).toThrow(ConfigError);
  });
});
