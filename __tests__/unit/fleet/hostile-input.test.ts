/**
 * Input built to break the loader (nesting thousands deep, a YAML alias bomb, cdktf tokens in place
 * of values) ends in the normal problem report: a ConfigError (the app's exit 1, nothing written, is
 * in the slow tier: __tests__/slow/cli/app-fleet-configs.test.ts).
 */
import { Lazy, Token } from 'cdktf';
import { loadFleetConfig, validateFleetConfig } from '../../../modules/subpaths/fleet';
import { configFile, problemsOf, validConfig } from '../../support/fleet-config';
import { aliasBomb, DEEP, deepFlowYaml, deepJson } from '../../support/refused-configs';

const tooDeep = (line: number, column: number) =>
  `nested more than 32 levels deep at line ${line}, column ${column}: a fleet config needs far fewer; check the brackets and indentation`;

const ALIAS_BOMB_PROBLEM =
  'not usable YAML: its aliases (*name) expand to too much data (excessive alias count indicates a resource exhaustion attack): write the values out, or refer to each anchor fewer times';

describe('nesting', () => {
  test('JSON nested 5,000 deep is refused at the first level too deep', () => {
    expect(problemsOf(() => loadFleetConfig(configFile('fleet.json', deepJson())))).toEqual([tooDeep(1, 34 + 31)]);
  });

  test('YAML flow collections nested 5,000 deep are refused the same way', () => {
    expect(problemsOf(() => loadFleetConfig(configFile('fleet.yaml', deepFlowYaml())))).toEqual([tooDeep(2, 11 + 31)]);
  });

  test('YAML block collections nested too deep are refused at the first level too deep', () => {
    const lines = Array.from({ length: 40 }, (_, depth) => `${' '.repeat(depth)}k${depth}:`);
    expect(problemsOf(() => loadFleetConfig(configFile('fleet.yaml', `${lines.join('\n')} x\n`)))).toEqual([tooDeep(33, 33)]);
  });

  test('data built in code nested too deep is refused by its path', () => {
    const config = validConfig();
    let inner: any = {};
    config.defaults = { tags: inner };
    for (let i = 0; i < DEEP; i++) inner = inner.next = {};
    expect(problemsOf(() => validateFleetConfig(config))).toEqual([
      `defaults.tags${'.next'.repeat(30)}: is nested more than 32 levels deep: a fleet config needs far fewer`,
    ]);
  });
});

describe('YAML aliases', () => {
  test('an alias bomb is refused', () => {
    expect(problemsOf(() => loadFleetConfig(configFile('fleet.yaml', aliasBomb())))).toEqual([ALIAS_BOMB_PROBLEM]);
  });

  test('an anchor used a few times still works', () => {
    const yaml =
      'name: ecs-highres\naccounts:\n  - id: "111111111111"\n    regions:\n      us-east-1: &pipeline { clusters: [prod-api, prod-workers] }\n      us-west-2: *pipeline\n';
    const expected = validConfig();
    expected.accounts[0].regions['us-west-2'] = expected.accounts[0].regions['us-east-1'];
    expect(loadFleetConfig(configFile('fleet.yaml', yaml))).toEqual(validateFleetConfig(expected));
  });
});

describe('cdktf tokens in place of values', () => {
  const token = (path: string) =>
    `${path}: is a cdktf token, a value known only later: a fleet config names stacks and resources by its values, so give the value itself`;

  test('a number token as intervalSeconds, a list token as clusters and a string token as the name are each named, not misread', () => {
    const config = validConfig();
    config.name = Token.asString(Lazy.stringValue({ produce: () => 'ecs-highres' }));
    config.defaults = { intervalSeconds: Token.asNumber(Lazy.numberValue({ produce: () => 5 })) };
    config.accounts[0].regions['us-east-1'].clusters = Token.asList(Lazy.listValue({ produce: () => ['a'] }));
    expect(problemsOf(() => validateFleetConfig(config))).toEqual([
      token('name'),
      token('accounts[0].regions.us-east-1.clusters'),
      // defaults was added last, so it comes last in the object's key order
      token('defaults.intervalSeconds'),
    ]);
  });

  test('a token string written in a config file is a token too', () => {
    const config = validConfig();
    config.accounts[0].regions['us-east-1'].clusters = ['${TfToken[TOKEN.1]}'];
    expect(problemsOf(() => loadFleetConfig(configFile('fleet.json', JSON.stringify(config))))).toEqual([token('accounts[0].regions.us-east-1.clusters[0]')]);
  });
});
