/**
 * Parsing config text stays linear in its length however many keys are given twice (20,000
 * duplicates once took 51 s in YAML), proved by counting the characters string operations produce,
 * not by timing; and a byte-order mark means the same in JSON and YAML.
 */
import { loadFleetConfig, validateFleetConfig } from '../../../modules/fleet/load-config';
import { type ConfigFormat, parseConfigText } from '../../../modules/fleet/config-text';
import { configFile, problemsOf, validConfig } from '../../support/fleet-config';

/** Characters returned by slice, substring, substr and split while `run` runs: the text the code copies. */
function charactersCopied(run: () => void): number {
  const methods = ['slice', 'substring', 'substr', 'split'] as const;
  const prototype = String.prototype as unknown as Record<string, (...args: unknown[]) => string | string[]>;
  const originals = methods.map((name) => prototype[name]);
  let copied = 0;
  methods.forEach((name, i) => {
    prototype[name] = function (this: string, ...args: unknown[]) {
      const result = originals[i].apply(this, args);
      copied += Array.isArray(result) ? result.reduce((sum, part) => sum + part.length, 0) : result.length;
      return result;
    };
  });
  try {
    run();
  } finally {
    methods.forEach((name, i) => {
      prototype[name] = originals[i];
    });
  }
  return copied;
}

/** A config whose defaults give `namespace` `count` times. */
function duplicates(format: ConfigFormat, count: number): string {
  if (format === 'json') return `{"name":"ecs-highres","defaults":{\n${Array(count).fill('  "namespace":"ECS"').join(',\n')}\n},"accounts":[]}`;
  return `name: ecs-highres\ndefaults:\n${'  namespace: ECS\n'.repeat(count)}accounts: []\n`;
}

describe.each<ConfigFormat>(['yaml', 'json'])('%s duplicate keys', (format) => {
  test('every duplicate is reported, at its line', () => {
    const { problems } = parseConfigText(duplicates(format, 300), format, 'f');
    expect(problems).toHaveLength(299);
    // The first namespace is on line 2 of the JSON text, line 3 of the YAML text.
    const first = format === 'json' ? 2 : 3;
    expect(problems[298]).toBe(
      `defaults.namespace: key "namespace" is given twice (line ${first + 299}, column 3; also at line ${first}, column 3): give it once`,
    );
  });

  test('the work is linear in the text: twice the duplicates, about twice the characters copied', () => {
    const work = (count: number) => {
      const text = duplicates(format, count);
      const copied = charactersCopied(() => parseConfigText(text, format, 'f'));
      return { copied, length: text.length };
    };
    const small = work(2_000);
    const large = work(4_000);
    // Quadratic work copies about 4 times as much for twice the input, and hundreds of times the text itself.
    expect(large.copied / small.copied).toBeLessThan(2.5);
    expect(large.copied).toBeLessThan(10 * large.length);
  });
});

describe('a byte-order mark', () => {
  const json = JSON.stringify(validConfig(), null, 2);
  const yaml = 'name: ecs-highres\naccounts:\n  - id: "111111111111"\n    regions:\n      us-east-1:\n        clusters: [prod-api, prod-workers]\n';

  test.each([
    ['fleet.json', json],
    ['fleet.yaml', yaml],
  ])('is ignored at the start of %s: the config loads as without it', (name, text) => {
    expect(loadFleetConfig(configFile(name, `\uFEFF${text}`))).toEqual(validateFleetConfig(validConfig()));
  });

  test.each([
    ['fleet.json', '{\n  "name": "x",\n  "accounts": [}\n'],
    ['fleet.yaml', 'name: x\naccounts:\n  - id: "111111111111"\n   regions: {}\n'],
  ])('does not move the line and column of a syntax error in %s', (name, text) => {
    expect(problemsOf(() => loadFleetConfig(configFile(name, `\uFEFF${text}`)))).toEqual(problemsOf(() => loadFleetConfig(configFile(name, text))));
  });
});
