/**
 * The namespace is quoted inside the dashboards' SEARCH('…') expressions (a double-quoted term
 * inside a single-quoted expression) and the Metrics Insights alarm queries (SCHEMA("…")).
 * CloudWatch accepted a namespace with `'`, which ended the SEARCH expression early and broke the
 * graph; CloudWatch documents no escape for `'`, `"` or `\` in either place, so a namespace with
 * one is refused at its path. Every other string that enters these expressions cannot hold one.
 */
import { fleetConfigJsonSchema, validateFleetConfig } from '../../../modules/subpaths/fleet';
import { clusterNameProblem, namespaceProblem, serviceNameProblem } from '../../../modules/common/rules';
import { REGION_NAME } from '../../../modules/common/region-names';
import { METRICS, metricDefinition } from '../../../modules/metrics/catalog';
import { placeSearch } from '../../../modules/monitoring/fleet-dashboards';
import { insightsAlarmQuery } from '../../../modules/monitoring/place-alarms';
import { resolveMetricAlarm } from '../../../modules/monitoring/metric-alarms';
import { hubPlaces, ownPlace } from '../../../modules/monitoring/watched-places';
import { ValidationError } from '../../../modules';
import { problemsOf, validConfig } from '../../support/fleet-config';
import { only, synthPipeline } from '../../support/synth';

const unquotable = (namespace: string, character: string) =>
  `${JSON.stringify(namespace)} contains ${JSON.stringify(character)}, which the dashboards' SEARCH('…') expressions and the Metrics Insights alarm queries cannot quote (CloudWatch documents no escape for it there): remove it`;

describe('the rule', () => {
  test.each([
    ["Bob's", "'"],
    ['My "ECS"', '"'],
    ['Team\\ECS', '\\'],
  ])('%s is refused, naming the character', (namespace, character) => {
    expect(namespaceProblem(namespace)).toBe(unquotable(namespace, character));
  });

  test('the other printable characters CloudWatch accepts stay allowed', () => {
    expect(namespaceProblem('My App/ECS: #1 (prod) $5 & more, 100%')).toBeUndefined();
  });
});

describe('where the namespace is set', () => {
  test('in the fleet config, at its path: defaults and an account-region', () => {
    const config = validConfig();
    config.defaults = { namespace: "Bob's" };
    config.accounts[0].regions['us-east-1'].namespace = 'a"b';
    expect(problemsOf(() => validateFleetConfig(config))).toEqual([
      `defaults.namespace: ${unquotable("Bob's", "'")}`,
      `accounts[0].regions.us-east-1.namespace: ${unquotable('a"b', '"')}`,
    ]);
  });

  test('in the hub config, in defaults', () => {
    const config = validConfig();
    config.topology = 'hub';
    config.hub = { account: '999999999999', region: 'eu-west-1' };
    config.defaults = { namespace: "Bob's" };
    expect(problemsOf(() => validateFleetConfig(config))).toEqual([`defaults.namespace: ${unquotable("Bob's", "'")}`]);
  });

  test("in the construct's props", () => {
    let error: unknown;
    try {
      synthPipeline({ namespace: "Bob's" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([`namespace: ${unquotable("Bob's", "'")}`]);
  });
});

describe('the expressions built', () => {
  const NAMESPACE = 'My App/ECS: #1';
  const running = metricDefinition('RunningTask')!;

  test("a hub place's SEARCH: the namespace a double-quoted term inside the single-quoted expression", () => {
    const place = hubPlaces([{ account: '111111111111', region: 'us-east-1', clusters: '*' }])[0];
    expect(placeSearch(NAMESPACE, running, place, 5)).toBe(
      `SEARCH('{"My App/ECS: #1","AccountId","ClusterName","Region"} MetricName="RunningTask" AccountId="111111111111" Region="us-east-1"', 'Maximum', 5)`,
    );
  });

  test('a Metrics Insights alarm query: the namespace double-quoted in SCHEMA', () => {
    const alarm = resolveMetricAlarm({ metric: 'RunningTask', comparison: 'LessThanThreshold', threshold: 1 }, 5);
    expect(insightsAlarmQuery(alarm, running, NAMESPACE, {})).toBe(
      'SELECT MAX(RunningTask) FROM SCHEMA("My App/ECS: #1", ClusterName) GROUP BY ClusterName ORDER BY MAX() ASC',
    );
  });

  test("a pipeline's dashboard with every service of a cluster: the SEARCH as written to the dashboard body", () => {
    const { tf } = synthPipeline({ namespace: NAMESPACE, services: { 'prod-api': '*' }, metrics: ['RunningTask', 'RunningCount'] });
    const body = JSON.parse(only(tf, 'aws_cloudwatch_dashboard').dashboard_body);
    const expressions = body.widgets.flatMap((w: any) => (w.properties.metrics ?? []).flatMap((line: any[]) => line.flatMap((part) => part?.expression ?? [])));
    expect(expressions).toEqual([`SEARCH('{"My App/ECS: #1","ClusterName","ServiceName"} MetricName="RunningCount" ClusterName="prod-api"', 'Maximum', 5)`]);
  });
});

test('nothing else that enters these expressions can hold a quote or a backslash', () => {
  const QUOTES = ["'", '"', '\\'];
  for (const q of QUOTES) {
    expect(clusterNameProblem(`a${q}b`)).toBeDefined();
    expect(serviceNameProblem(`a${q}b`)).toBeDefined();
    expect(REGION_NAME.test(`us-east-1${q}`)).toBe(false);
  }
  const catalogNames = METRICS.flatMap((m) => [m.name, ...m.dimensions]);
  expect(catalogNames.filter((name) => QUOTES.some((q) => name.includes(q)))).toEqual([]);
  // A place's dimension values are its account ID and region name (checked above by their rules).
  expect(hubPlaces([{ account: '111111111111', region: 'us-east-1', clusters: '*' }])[0].where).toEqual({ AccountId: '111111111111', Region: 'us-east-1' });
  expect(ownPlace('*', {}).where).toEqual({});
});

test('the JSON Schema tells editors the same, in defaults and per account-region', () => {
  const schema = fleetConfigJsonSchema() as any;
  const patterns = [
    schema.properties.defaults.properties.namespace.pattern,
    schema.properties.accounts.items.properties.regions.additionalProperties.properties.namespace.pattern,
  ];
  for (const pattern of patterns) {
    const accepts = (namespace: string) => new RegExp(pattern).test(namespace);
    for (const namespace of ['ECS', 'My App/ECS: #1 (prod) $5 & more, 100%', "Bob's", 'a"b', 'a\\b', 'tab\there', 'é']) {
      expect([namespace, accepts(namespace)]).toEqual([namespace, namespaceProblem(namespace) === undefined]);
    }
  }
});
