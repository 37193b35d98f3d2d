/**
 * Local state lives beside the output directory, never inside it: the cdktf CLI deletes the
 * directory of a stack that left the config, and with it anything inside. A synth moves state
 * left at the old place (inside the stack's directory) out, without overwriting anything. Proven
 * with the real cdktf CLI (cdktf-cli 0.21.0, a devDependency) and the real terraform.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { terraformEnvironment } from '../../../scripts/lib/terraform';
import { ROOT, runApp } from '../../support/app';

const EXAMPLE_FILE = path.join(ROOT, 'examples', 'fleet.json');
const EXAMPLE = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8'));
const STACKS = ['ecs-highres-111111111111-eu-west-1', 'ecs-highres-111111111111-us-east-1', 'ecs-highres-222222222222-us-west-2'];

/** A Terraform state (format 4) that `terraform state pull` returns as it is, told apart by its lineage and serial. */
const stateOf = (stack: string, serial: number) =>
  `${JSON.stringify({ version: 4, terraform_version: '1.11.4', serial, lineage: `lineage-${stack}`, outputs: {}, resources: [] }, null, 2)}\n`;

/** Where the synthesized backend of `stack` keeps its state, resolved as Terraform does: from the stack's directory. */
function statePathOf(outdir: string, stack: string): string {
  const stackDir = path.join(outdir, 'stacks', stack);
  const tf = JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  return path.resolve(stackDir, tf.terraform.backend.local.path);
}

/** GIVEN a cdktf project of its own (cdktf.json running this repository's app), with a smaller config than the example beside it. */
function givenCdktfProject() {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-cdktf-project-'));
  const app = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'))} ${JSON.stringify(path.join(ROOT, 'main.ts'))}`;
  writeFileSync(
    path.join(dir, 'cdktf.json'),
    JSON.stringify({
      language: 'typescript',
      app,
      projectId: 'local-state-test',
      sendCrashReports: 'false',
      terraformProviders: [],
      terraformModules: [],
      context: {},
    }),
  );
  const smaller = path.join(dir, 'smaller.json');
  writeFileSync(smaller, JSON.stringify({ ...EXAMPLE, $schema: undefined, accounts: [EXAMPLE.accounts[0]] }));
  return { dir, outdir: path.join(dir, 'cdktf.out'), smaller };
}

/** WHEN the cdktf CLI runs `args` in `cwd`: offline, no telemetry, no version check. */
function cdktf(cwd: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf'), ...args], {
    cwd,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: 'true', CI: '1', FORCE_COLOR: '0', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('the cdktf CLI runs offline on this Node.js and is the pinned version', () => {
  const { dir } = givenCdktfProject();
  const run = cdktf(dir, ['--version'], {});
  expect(run.status).toBe(0);
  expect(run.output.trim().split('\n')[0]).toBe('0.21.0');
  expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
});

test("`cdktf list` with another config leaves every state file in place, its removed stack's included", () => {
  // GIVEN the example synthesized by `cdktf synth`, and a state where each stack's backend keeps it
  const { dir, outdir, smaller } = givenCdktfProject();
  expect(cdktf(dir, ['synth'], { FLEET_CONFIG: EXAMPLE_FILE }).status).toBe(0);
  const states = STACKS.map((stack, i) => ({ file: statePathOf(outdir, stack), content: stateOf(stack, i + 1) }));
  for (const { file, content } of states) writeFileSync(file, content);
  writeFileSync(`${states[2].file}.backup`, states[2].content);
  // WHEN the CLI synthesizes a config without the third stack
  const run = cdktf(dir, ['list'], { FLEET_CONFIG: smaller });
  // THEN the CLI removed that stack's directory, and every state file is still there, outside the output directory
  expect(run.status).toBe(0);
  expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(STACKS.slice(0, 2));
  for (const { file, content } of states) {
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(path.dirname(file)).toBe(dir);
  }
  expect(readFileSync(`${states[2].file}.backup`, 'utf8')).toBe(states[2].content);
}, 180_000);

/** GIVEN an output synthesized before this change: each stack's state (and a backup) inside its directory, and Terraform's backend cache naming that place. */
function givenStateInsideTheOutput(stacks: readonly string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-old-state-'));
  const outdir = path.join(dir, 'cdktf.out');
  expect(runApp(EXAMPLE_FILE, outdir).status).toBe(0);
  return {
    dir,
    outdir,
    old: stacks.map((stack, i) => {
      const stackDir = path.join(outdir, 'stacks', stack);
      const file = path.join(stackDir, `terraform.${stack}.tfstate`);
      writeFileSync(file, stateOf(stack, 10 + i));
      writeFileSync(`${file}.backup`, stateOf(stack, 9 + i));
      mkdirSync(path.join(stackDir, '.terraform'), { recursive: true });
      const cache = {
        version: 3,
        terraform_version: '1.11.4',
        backend: { type: 'local', config: { path: `terraform.${stack}.tfstate`, workspace_dir: null }, hash: 1 },
      };
      writeFileSync(path.join(stackDir, '.terraform', 'terraform.tfstate'), JSON.stringify(cache));
      return { stack, stackDir, file };
    }),
  };
}

test('a synth moves state (and its backup) out of the output directory, says so, and a plain `terraform init` then reads it', async () => {
  const { dir, outdir, old } = givenStateInsideTheOutput(STACKS.slice(0, 2));

  const run = runApp(EXAMPLE_FILE, outdir);

  expect(run.status).toBe(0);
  for (const [i, { stack, stackDir, file }] of old.entries()) {
    const moved = path.join(dir, `terraform.${stack}.tfstate`);
    expect(statePathOf(outdir, stack)).toBe(moved);
    expect(readFileSync(moved, 'utf8')).toBe(stateOf(stack, 10 + i));
    expect(readFileSync(`${moved}.backup`, 'utf8')).toBe(stateOf(stack, 9 + i));
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.backup`)).toBe(false);
    expect(run.stderr).toContain(`moved local state out of the output directory: ${file} -> ${moved} (and its .backup)\n`);
    // Terraform's cache of the old backend is gone (it would make `terraform init` stop at "Backend configuration changed").
    expect(existsSync(path.join(stackDir, '.terraform', 'terraform.tfstate'))).toBe(false);
  }
  // AND the real terraform, without -reconfigure or -migrate-state, initializes and reads the moved state
  const env = await terraformEnvironment(path.join(dir, 'tf-work'));
  const stackDir = old[0].stackDir;
  execFileSync('terraform', ['init', '-input=false', '-no-color'], { cwd: stackDir, env, encoding: 'utf8' });
  const pulled = JSON.parse(execFileSync('terraform', ['state', 'pull'], { cwd: stackDir, env, encoding: 'utf8' }));
  expect([pulled.lineage, pulled.serial]).toEqual([`lineage-${old[0].stack}`, 10]);
}, 180_000);

test('a state already at the new place is never overwritten: the synth refuses, naming both files, and writes nothing', () => {
  const { dir, outdir, old } = givenStateInsideTheOutput([STACKS[1]]);
  const existing = path.join(dir, `terraform.${STACKS[1]}.tfstate`);
  writeFileSync(existing, stateOf(STACKS[1], 99));
  const before = readFileSync(path.join(old[0].stackDir, 'cdk.tf.json'), 'utf8');

  const run = runApp(EXAMPLE_FILE, outdir);

  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(
    `local state of ${STACKS[1]} is in two places: ${old[0].file} (inside the output directory, where the cdktf CLI may delete it) and ${existing}. ` +
      'Keep the one Terraform should use at the second path and remove (or rename) the other, then synthesize again.',
  );
  expect(readFileSync(existing, 'utf8')).toBe(stateOf(STACKS[1], 99));
  expect(readFileSync(old[0].file, 'utf8')).toBe(stateOf(STACKS[1], 10));
  expect(readFileSync(path.join(old[0].stackDir, 'cdk.tf.json'), 'utf8')).toBe(before);
  expect(readdirSync(dir).sort()).toEqual(['cdktf.out', `terraform.${STACKS[1]}.tfstate`]);
});

test('state of a stack that left the config stays where its own configuration reads it, and the synth says it is at risk', () => {
  const { dir, outdir, old } = givenStateInsideTheOutput([STACKS[2]]);
  const smaller = path.join(dir, 'smaller.json');
  writeFileSync(smaller, JSON.stringify({ ...EXAMPLE, $schema: undefined, accounts: [EXAMPLE.accounts[0]] }));

  const run = runApp(smaller, outdir);

  expect(run.status).toBe(0);
  expect(readFileSync(old[0].file, 'utf8')).toBe(stateOf(STACKS[2], 10));
  expect(run.stderr).toContain(
    `warning: ${old[0].file} is local state inside the output directory, of ${STACKS[2]}, which is not in this config: ` +
      `the cdktf CLI deletes that directory at its next synth. Destroy the stack (terraform destroy in ${old[0].stackDir}), ` +
      'or synthesize a config that holds it, which moves its state out.\n',
  );
});

test('run by the cdktf CLI, which deletes the directories of stacks not in the config, the synth moves their state out too', () => {
  const { dir, outdir, old } = givenStateInsideTheOutput([STACKS[2]]);
  const smaller = path.join(dir, 'smaller.json');
  writeFileSync(smaller, JSON.stringify({ ...EXAMPLE, $schema: undefined, accounts: [EXAMPLE.accounts[0]] }));

  const run = runApp(smaller, outdir, { CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' });

  expect(run.status).toBe(0);
  const moved = path.join(dir, `terraform.${STACKS[2]}.tfstate`);
  expect(readFileSync(moved, 'utf8')).toBe(stateOf(STACKS[2], 10));
  expect(existsSync(old[0].file)).toBe(false);
  expect(run.stderr).toContain(`moved local state out of the output directory: ${old[0].file} -> ${moved} (and its .backup)\n`);
});

test('`cdktf synth` without FLEET_CONFIG refuses (it would deploy the example), exit 1, writing no stack', () => {
  const { dir, outdir } = givenCdktfProject();
  const run = cdktf(dir, ['synth'], { FLEET_CONFIG: undefined });
  expect(run.status).toBe(1);
  expect(run.output.replace(/\s+/g, ' ')).toContain(
    `FLEET_CONFIG is not set: the cdktf CLI would synthesize, and deploy, the example fleet (${EXAMPLE_FILE}), whose accounts are not yours.`,
  );
  expect(existsSync(path.join(outdir, 'stacks'))).toBe(false);
}, 120_000);
