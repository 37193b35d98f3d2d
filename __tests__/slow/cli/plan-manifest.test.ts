/**
 * `npm run plan` plans what manifest.json lists and nothing else, says what it ignored, refuses a
 * synth output that is missing or incomplete, and never calls terraform before HashiCorp's
 * checkpoint is disabled. A fake terraform stands in for the CLI (the terraform tier runs the real one).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSynthOutput, SYNTH_INCOMPLETE_MARKER } from '../../../scripts/lib/synth-output';
import { fakeTerraform } from '../../support/fake-terraform';
import { runPlanCli, writeSynthOutput } from '../../support/plan-cli';

/** GIVEN a synth output in a fresh directory, and a work directory beside it. */
function givenOutput(listed: readonly string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-plan-manifest-'));
  const outdir = path.join(dir, 'cdktf.out');
  writeSynthOutput(outdir, listed);
  const terraform = fakeTerraform();
  const workRoot = path.join(dir, 'tf-work');
  const run = () => runPlanCli({ ...terraform.env, CDKTF_OUTDIR: outdir, PLAN_WORK_DIR: workRoot });
  return { outdir, workRoot, terraform, run };
}

const STACK_LINE = (status: string, stack: string) => new RegExp(`^${status} +\\d+\\.\\d s {2}${stack}$`);

test('plans the stacks manifest.json lists; a directory it does not list is named as ignored and not planned', () => {
  const { outdir, terraform, run } = givenOutput(['app-a', 'app-b']);
  mkdirSync(path.join(outdir, 'stacks', 'left-from-an-old-config'));
  writeFileSync(path.join(outdir, 'stacks', 'left-from-an-old-config', 'cdk.tf.json'), '{}');

  const result = run();

  expect(result.status).toBe(0);
  const lines = result.stdout.split('\n');
  expect(lines[0]).toMatch(/^planning 2 stacks, \d+ at once$/);
  expect(lines[1]).toBe(`ignored, in ${path.join(outdir, 'stacks')} but not in manifest.json (an earlier synth's?): left-from-an-old-config`);
  expect(lines.filter((l) => /^ok {4}1 to create/.test(l))).toHaveLength(2);
  const planned = new Set(
    terraform
      .calls()
      .filter((c) => c.args.startsWith('plan'))
      .map((c) => path.basename(c.cwd)),
  );
  expect([...planned].sort()).toEqual(['app-a', 'app-b']);
  expect(lines.at(-2)).toMatch(/^2\/2 stacks planned in \d+\.\d s$/);
});

test('a listed stack directory without Terraform configuration fails the run instead of planning "0 to create"', () => {
  const { outdir, terraform, run } = givenOutput(['app-a', 'app-b']);
  rmSync(path.join(outdir, 'stacks', 'app-b', 'cdk.tf.json'));

  const result = run();

  expect(result.status).toBe(1);
  const lines = result.stdout.split('\n');
  expect(lines).toContainEqual(expect.stringMatching(STACK_LINE('FAIL {2}at configuration', 'app-b')));
  expect(lines).toContainEqual(`${path.join(outdir, 'stacks', 'app-b')} holds no Terraform configuration (cdk.tf.json): run \`npm run synth\` again.`);
  expect(lines.at(-2)).toMatch(/^1\/2 stacks planned in \d+\.\d s; failed: app-b$/);
  expect(terraform.calls().some((c) => path.basename(c.cwd) === 'app-b')).toBe(false);
});

test('a listed stack whose directory is gone fails the run, naming it', () => {
  const { outdir, run } = givenOutput(['app-a', 'app-b']);
  rmSync(path.join(outdir, 'stacks', 'app-a'), { recursive: true });

  const result = run();

  expect(result.status).toBe(1);
  expect(result.stdout).toContain(`${path.join(outdir, 'stacks', 'app-a')} does not exist: run \`npm run synth\` again.`);
  expect(result.stdout.split('\n').at(-2)).toMatch(/; failed: app-a$/);
});

test('without manifest.json nothing is planned: the directories alone are not trusted', () => {
  const { outdir, terraform, run } = givenOutput(['app-a']);
  rmSync(path.join(outdir, 'manifest.json'));

  const result = run();

  expect([result.status, result.stdout]).toEqual([1, '']);
  expect(result.stderr.trim()).toBe(`${path.join(outdir, 'manifest.json')} does not exist: run \`npm run synth\` first.`);
  expect(terraform.calls()).toEqual([]);
});

test('a synth output whose last synth did not finish is refused, even with a manifest', () => {
  const { outdir, terraform, run } = givenOutput(['app-a']);
  writeFileSync(path.join(outdir, SYNTH_INCOMPLETE_MARKER), '');

  const result = run();

  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`the last synth into ${outdir} did not finish`);
  expect(result.stderr).toContain('run `npm run synth` again');
  expect(terraform.calls()).toEqual([]);
});

describe('a manifest entry that could point the harness outside stacks/ is refused', () => {
  test.each([
    ['a path outside stacks/', { name: 'x', workingDirectory: '../../elsewhere', synthesizedStackPath: 'stacks/x/cdk.tf.json' }],
    ['a name with a slash', { name: 'a/../../b', workingDirectory: 'stacks/a/../../b', synthesizedStackPath: 'stacks/a/cdk.tf.json' }],
    ['a configuration outside its stack', { name: 'x', workingDirectory: 'stacks/x', synthesizedStackPath: '../x.tf.json' }],
    ['"__proto__" as a stack name', { name: '__proto__', workingDirectory: 'stacks/__proto__', synthesizedStackPath: 'stacks/__proto__/cdk.tf.json' }],
    ['no name', { workingDirectory: 'stacks/x', synthesizedStackPath: 'stacks/x/cdk.tf.json' }],
  ])('%s', (_, entry) => {
    const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'ecs-highres-plan-manifest-')), 'cdktf.out');
    writeSynthOutput(outdir, []);
    writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { x: entry } }));
    expect(() => readSynthOutput(outdir)).toThrow(new RegExp(`^${escapeRegExp(path.join(outdir, 'manifest.json'))}: stack `));
  });

  test('a manifest that is not JSON, or has no stacks object', () => {
    const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'ecs-highres-plan-manifest-')), 'cdktf.out');
    writeSynthOutput(outdir, []);
    writeFileSync(path.join(outdir, 'manifest.json'), '{"stacks": ');
    expect(() => readSynthOutput(outdir)).toThrow(/manifest\.json is not valid JSON .*: run `npm run synth` again\.$/);
    writeFileSync(path.join(outdir, 'manifest.json'), '{"stacks": null}');
    expect(() => readSynthOutput(outdir)).toThrow(/manifest\.json has no "stacks" object: run `npm run synth` again\.$/);
  });
});

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('every terraform call, `terraform version` first among them, runs with the checkpoint disabled', () => {
  const { terraform, run } = givenOutput(['app-a', 'app-b']);

  expect(run().status).toBe(0);

  const calls = terraform.calls();
  expect(calls[0].args).toBe('version');
  expect(calls.map((c) => c.args.split(' ')[0]).sort()).toEqual(['init', 'init', 'plan', 'plan', 'validate', 'validate', 'version']);
  expect(calls.filter((c) => c.checkpointDisable !== '1')).toEqual([]);
});

test('one stack is counted as one: "planning 1 stack", "1/1 stack planned"', () => {
  const { run } = givenOutput(['app-a']);
  const result = run();
  expect(result.status).toBe(0);
  const lines = result.stdout.split('\n');
  expect(lines[0]).toMatch(/^planning 1 stack, \d+ at once$/);
  expect(lines.at(-2)).toMatch(/^1\/1 stack planned in \d+\.\d s$/);
});
