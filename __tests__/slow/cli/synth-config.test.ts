/**
 * Which config `npm run synth` (main.ts) reads and how it says so: the example only when
 * FLEET_CONFIG is unset, said on every such run and refused under the cdktf CLI; a missing file
 * fails clearly; strict mode (FLEET_STRICT=1) makes every warning an error; each warning is
 * printed once; the next commands name the config and output of this synth.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SILENT_ALARMS_WARNING } from '../../../modules/monitoring/silent-alarms';
import { ROOT, runApp } from '../../support/app';

const EXAMPLE = path.join('examples', 'fleet.json');
const NOTICE = `FLEET_CONFIG is not set: synthesizing the example fleet (${EXAMPLE}). Set FLEET_CONFIG=<your fleet config> to synthesize yours.`;
const REGION_WARNING =
  'accounts[0].regions.us-wst-2: "us-wst-2" is not a region known to this release: did you mean "us-west-2"? it is used as given, so check the name unless AWS opened the region after this release';

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'ecs-highres-synth-config-'));

/** GIVEN a config with a well-formed region not known at this release, whose alarms notify no one. */
function configWithWarnings(dir: string): string {
  const file = path.join(dir, 'fleet.json');
  writeFileSync(file, JSON.stringify({ name: 'ecs-highres', accounts: [{ id: '111111111111', regions: { 'us-wst-2': { clusters: ['a'] } } }] }));
  return file;
}

test('FLEET_CONFIG unset: the example is synthesized, the run says so, and the deploy command asks for your config', () => {
  const run = runApp(undefined);
  expect(run.status).toBe(0);
  expect(run.stderr.split('\n')[0]).toBe(NOTICE);
  expect(run.stacks).toHaveLength(3);
  expect(run.stdout.trim().split('\n').at(-1)).toBe(
    `next: \`CDKTF_OUTDIR=${run.outdir} npm run plan\` plans them offline; \`FLEET_CONFIG=<your fleet config> npx cdktf deploy --output ${run.outdir} '*'\` deploys yours`,
  );
});

test('FLEET_CONFIG unset under the cdktf CLI: refused, exit 1, nothing written', () => {
  const dir = freshDir();
  const run = runApp(undefined, path.join(dir, 'cdktf.out'), { CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' });
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(
    `FLEET_CONFIG is not set: the cdktf CLI would synthesize, and deploy, the example fleet (${EXAMPLE}), whose accounts are not yours. ` +
      `Set FLEET_CONFIG to your fleet config (FLEET_CONFIG=fleet.yaml npx cdktf deploy '*'), or FLEET_CONFIG=${EXAMPLE} to use the example on purpose.\n`,
  );
  expect(existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
});

test('FLEET_CONFIG naming the example on purpose works under the cdktf CLI, without the notice', () => {
  const run = runApp(path.join(ROOT, EXAMPLE), undefined, { CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' });
  expect(run.status).toBe(0);
  expect(run.stderr).not.toContain('FLEET_CONFIG is not set');
});

test.each([
  [
    'a missing file',
    (dir: string) => path.join(dir, 'fleet.yaml'),
    (file: string) => `${file}: 1 problem:\n  - cannot read the fleet config: the file does not exist; set FLEET_CONFIG to a config file's path\n`,
  ],
  ['an empty value', () => '', () => 'FLEET_CONFIG is set but empty: set it to your fleet config file, or unset it to synthesize the example.'],
])('FLEET_CONFIG naming %s fails clearly: exit 1, nothing written', (_, fileIn, message) => {
  const dir = freshDir();
  const file = fileIn(dir);
  const run = runApp(file, path.join(dir, 'cdktf.out'));
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(message(file));
  expect(existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
});

test('the next commands name FLEET_CONFIG and the output directory, for the plan and for the deploy', () => {
  const dir = freshDir();
  const file = path.join(dir, 'my fleet.json');
  writeFileSync(file, JSON.stringify({ name: 'ecs-highres', accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['a'] } } }] }));
  const run = runApp(file, path.join(dir, 'out'));
  expect(run.status).toBe(0);
  expect(run.stdout.split('\n')[0]).toBe(`synthesized 1 stack into ${path.join(dir, 'out', 'stacks')}:`);
  expect(run.stdout.trim().split('\n').at(-1)).toBe(
    `next: \`FLEET_CONFIG='${file}' CDKTF_OUTDIR=${path.join(dir, 'out')} npm run plan\` plans them offline; ` +
      `\`FLEET_CONFIG='${file}' npx cdktf deploy --output ${path.join(dir, 'out')} '*'\` deploys them`,
  );
});

test('each warning is printed once: a region not known at this release, and alarms that notify no one', () => {
  const dir = freshDir();
  const file = configWithWarnings(dir);
  const run = runApp(file, path.join(dir, 'cdktf.out'));
  expect(run.status).toBe(0);
  const lines = run.stderr.split('\n').filter((line) => line.includes('warning: '));
  expect(lines).toEqual([`${file}: warning: ${REGION_WARNING}`, `warning: ${SILENT_ALARMS_WARNING}`]);
});

test('FLEET_STRICT=1 makes every warning an error: all listed, exit 1, nothing written', () => {
  const dir = freshDir();
  const file = configWithWarnings(dir);
  const run = runApp(file, path.join(dir, 'cdktf.out'), { FLEET_STRICT: '1' });
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(
    [
      'FLEET_STRICT=1: every warning is an error; 2 warnings, nothing written:',
      `  ${file}: warning: ${REGION_WARNING}`,
      `  warning: ${SILENT_ALARMS_WARNING}`,
      '',
    ].join('\n'),
  );
  expect(existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
});

test('FLEET_STRICT=1 with nothing to warn about synthesizes; an unclear FLEET_STRICT is refused', () => {
  const dir = freshDir();
  const file = path.join(dir, 'quiet.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'ecs-highres',
      defaults: { alarmActions: { topicArns: ['arn:aws:sns:us-east-1:111111111111:oncall'] } },
      accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['a'] } } }],
    }),
  );
  expect(runApp(file, path.join(dir, 'a'), { FLEET_STRICT: '1' }).status).toBe(0);
  const unclear = runApp(file, path.join(dir, 'b'), { FLEET_STRICT: 'yes' });
  expect([unclear.status, unclear.stderr]).toEqual([1, 'FLEET_STRICT=yes: set FLEET_STRICT=1 to make every warning an error, or unset it.\n']);
});

test("the README's sample is what `npm run synth` prints for the example (run in a project of its own, so cdktf.out is fresh)", () => {
  const cwd = freshDir();
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !['FLEET_CONFIG', 'CDKTF_OUTDIR', 'FLEET_STRICT'].includes(name)));
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'main.ts')], {
    cwd,
    env,
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  // Run from elsewhere, the example is named by its full path; from the project root, as examples/fleet.json.
  const lines = (text: string) =>
    text
      .replaceAll(path.join(ROOT, EXAMPLE), EXAMPLE)
      .split('\n')
      .filter((line) => line !== '');
  const [notice, ...warnings] = lines(run.stderr);
  const out = lines(run.stdout);
  // As a terminal shows them: the notice first, the warnings just before the next command.
  const sample = [notice, ...out.slice(0, -1), ...warnings, out.at(-1)!];
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
  const start = readme.indexOf(notice);
  expect(start).toBeGreaterThan(0);
  expect(readme.slice(start, start + sample.length)).toEqual(sample);
});
