/**
 * Keys that name an object's prototype are refused, with their path, in JSON, YAML and configs built
 * in code (the app refusing one is in the slow tier: __tests__/slow/cli/app-fleet-configs.test.ts).
 */
import { loadFleetConfig, validateFleetConfig } from '../../../modules/fleet/load-config';
import { configFile, problemsOf, validConfig } from '../../support/fleet-config';
import { PROTO_BACKEND_JSON, refused } from '../../support/refused-configs';

describe('JSON', () => {
  test('a top-level __proto__ is refused instead of becoming the backend', () => {
    expect(problemsOf(() => loadFleetConfig(configFile('fleet.json', PROTO_BACKEND_JSON)))).toEqual([refused('__proto__', '__proto__')]);
  });

  test('each forbidden key is reported where it is, with every other one', () => {
    const text = JSON.stringify(validConfig())
      .replace('"regions":{', '"tags":{"constructor":"x"},"regions":{"prototype":{"clusters":["a"]},')
      .replace('"clusters":["prod-api"', '"__proto__":{"intervalSeconds":7},"clusters":["prod-api"');
    expect(problemsOf(() => loadFleetConfig(configFile('fleet.json', text)))).toEqual([
      refused('accounts[0].tags.constructor', 'constructor'),
      refused('accounts[0].regions.prototype', 'prototype'),
      refused('accounts[0].regions.us-east-1.__proto__', '__proto__'),
    ]);
  });

  test('a duplicate key found while parsing is still reported with them', () => {
    const text = '{"name":"ecs-highres","name":"x","__proto__":{},"accounts":[]}';
    expect(problemsOf(() => loadFleetConfig(configFile('fleet.json', text)))).toEqual([
      'name: key "name" is given twice (line 1, column 23; also at line 1, column 2): give it once',
      refused('__proto__', '__proto__'),
    ]);
  });
});

describe('YAML', () => {
  test('forbidden keys in tags and defaults are refused (a tag named constructor was accepted)', () => {
    const yaml = [
      'name: ecs-highres',
      'defaults:',
      '  __proto__: {intervalSeconds: 7}',
      'accounts:',
      '  - id: "111111111111"',
      '    tags: {constructor: x}',
      '    regions: {us-east-1: {clusters: [a]}}',
      '',
    ].join('\n');
    expect(problemsOf(() => loadFleetConfig(configFile('fleet.yaml', yaml)))).toEqual([
      refused('defaults.__proto__', '__proto__'),
      refused('accounts[0].tags.constructor', 'constructor'),
    ]);
  });
});

describe('configs built in code', () => {
  test('an own __proto__ key (as JSON.parse makes) is refused', () => {
    const config = validConfig();
    config.accounts[0].tags = JSON.parse('{"__proto__": {"team": "x"}}');
    expect(problemsOf(() => validateFleetConfig(config))).toEqual([refused('accounts[0].tags.__proto__', '__proto__')]);
  });

  test("an object with a prototype of its own (an object literal's __proto__) is refused, not read through", () => {
    const config = validConfig();
    config.accounts[0].regions['us-east-1'] = { __proto__: { clusters: ['a'] } };
    expect(problemsOf(() => validateFleetConfig(config))).toEqual([
      'accounts[0].regions.us-east-1: is not a plain object or array (it has a prototype of its own): build the config from object and array literals',
    ]);
  });

  test('an object that contains itself is refused instead of looping', () => {
    const config = validConfig();
    config.defaults = { tags: {} };
    config.defaults.tags.self = config.defaults;
    expect(problemsOf(() => validateFleetConfig(config))).toEqual([
      'defaults.tags.self: refers to an object that contains it: a fleet config is a tree; give the value itself',
    ]);
  });

  test('an object shared by two places is not a cycle', () => {
    const config = validConfig();
    const region = { clusters: ['a'] };
    config.accounts[0].regions = { 'us-east-1': region, 'us-west-2': region };
    expect(() => validateFleetConfig(config)).not.toThrow();
  });
});
