/** `npm run sandbox`'s pure parts: which config it deploys, its usage, what it prints of seeds, phases and the emulator's limits. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { configProblem, EMULATOR_LIMITS, phaseTimes, sandboxConfig, sandboxScenario, seedLines, USAGE } from '../../../scripts/sandbox';
import { EXAMPLE_FLEET, HUB_FLEET } from '../../../scripts/lib/emulator/scenarios';
import { parseCommandLine } from '../../../scripts/lib/command-line';
import { ROOT } from '../../support/app';

describe('the config it deploys', () => {
  const dirs = { typed: '/home/me/infra', app: ROOT };

  test('--config first, read from where the command was typed', () => {
    expect(sandboxConfig('my/fleet.yaml', { FLEET_CONFIG: 'other.json' }, dirs)).toEqual({ file: '/home/me/infra/my/fleet.yaml', from: '--config' });
    expect(sandboxConfig('/abs/hub.yaml', {}, dirs)).toEqual({ file: '/abs/hub.yaml', from: '--config' });
  });

  test('then FLEET_CONFIG, read from where the app runs, as npm run synth reads it; an empty FLEET_CONFIG is not set', () => {
    expect(sandboxConfig(undefined, { FLEET_CONFIG: 'examples/hub.yaml' }, dirs)).toEqual({ file: path.join(ROOT, 'examples/hub.yaml'), from: 'FLEET_CONFIG' });
    expect(sandboxConfig(undefined, { FLEET_CONFIG: '' }, dirs).from).toBe('the default');
  });

  test('else the example fleet', () => {
    expect(sandboxConfig(undefined, {}, dirs)).toEqual({ file: path.join(ROOT, 'examples', 'fleet.json'), from: 'the default' });
  });

  test('a missing file or a directory is refused, naming where it came from and what to give', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-config-'));
    expect(configProblem({ file: path.join(dir, 'nope.yaml'), from: '--config' })).toBe(
      `--config ${path.join(dir, 'nope.yaml')}: no such file; give the path of a fleet config (JSON or YAML), such as examples/hub.yaml`,
    );
    expect(configProblem({ file: dir, from: 'FLEET_CONFIG' })).toBe(`FLEET_CONFIG ${dir}: is a directory; give the path of a fleet config file in it`);
    expect(configProblem({ file: path.join(ROOT, 'examples', 'hub.yaml'), from: '--config' })).toBeUndefined();
  });

  test('an example keeps its hand-made clusters; any other config gets them from its stacks', () => {
    expect(sandboxScenario(path.join(ROOT, 'examples', 'fleet.json'))).toBe(EXAMPLE_FLEET);
    expect(sandboxScenario(path.join(ROOT, 'examples', 'hub.yaml'))).toBe(HUB_FLEET);
    expect(sandboxScenario('/home/me/fleet.yaml')).toEqual({ name: 'fleet.yaml', config: '/home/me/fleet.yaml' });
  });
});

describe('the command line', () => {
  const options = { config: { type: 'string' } } as const;
  const quiet = () => jest.spyOn(console, 'error').mockImplementation(() => {});

  test('--config takes a file; anything else is refused with the usage (exit 2)', () => {
    expect(parseCommandLine(['--config', 'examples/hub.yaml'], options, USAGE)).toEqual({ values: { config: 'examples/hub.yaml' } });
    const error = quiet();
    expect(parseCommandLine(['--hub'], options, USAGE)).toEqual({ exitCode: 2 });
    expect(parseCommandLine(['--config'], options, USAGE)).toEqual({ exitCode: 2 });
    expect(error.mock.calls.every(([text]) => String(text).endsWith(USAGE))).toBe(true);
    error.mockRestore();
  });

  test('--help says what it does, every option, the default config and what it needs', () => {
    expect(USAGE).toMatch(/^Usage: npm run sandbox \[-- --config <fleet config>\]/);
    expect(USAGE).toContain('--config <file>');
    expect(USAGE).toMatch(/Default: FLEET_CONFIG \(as npm run synth reads\s+it\), else examples\/fleet\.json/);
    expect(USAGE).toContain('per account-region or hub');
    expect(USAGE).toContain('moto_server (pip install "moto[server]==5.2.1") and terraform');
    expect(USAGE).toContain('on Ctrl-C');
  });
});

test('each seeded cluster is one line: where, its instances and tasks, its services', () => {
  expect(
    seedLines([
      { account: '111111111111', region: 'us-east-1', clusters: [{ name: 'prod-api', containerInstances: 3, runningTasks: 7, services: { web: 2 } }] },
      { account: '222222222222', region: 'us-west-2', clusters: [{ name: 'staging', containerInstances: 1, runningTasks: 1 }] },
    ]),
  ).toEqual([
    '  111111111111/us-east-1 prod-api: 3 container instances, 7 running tasks, services web (2 desired)',
    '  222222222222/us-west-2 staging: 1 container instance, 1 running task',
  ]);
});

test('phase times: the slowest stack of each phase (stacks run side by side), in the order the phases ran', () => {
  expect(phaseTimes([{ seconds: { init: 2.2, apply: 30.1, execution: 56.5 } }, { seconds: { init: 2.8, apply: 36.8 } }])).toBe(
    'init 2.8 s, apply 36.8 s, execution 56.5 s',
  );
});

test('the limits printed at the end say why ActiveServices is 0 on moto, and name the other gaps', () => {
  expect(EMULATOR_LIMITS[0]).toMatch(
    /^ActiveServices is 0, and so is each service's RunningCount: moto never starts a service's tasks nor counts the service as active/,
  );
  for (const gap of [
    /Alarms .* never change state/,
    /Capacity-split metrics/,
    /not in the Lambda runtime/,
    /IAM policies are stored, not enforced/,
    /One execution per pipeline/,
  ]) {
    expect(EMULATOR_LIMITS.some((limit) => gap.test(limit))).toBe(true);
  }
});
