/**
 * What `npm run synth` (main.ts) leaves in its output directory: a complete synth or the one
 * before it, never new stacks beside an old manifest unnoticed. It synthesizes into a staging
 * directory and moves a complete synth into place under a marker (scripts/lib/synth-output.ts),
 * keeps what it did not write (local state, .terraform), and says what it wrote.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { commitSynth, MANIFEST_FILE, readSynthOutput, stagingDirFor, SYNTH_INCOMPLETE_MARKER } from '../../../scripts/lib/synth-output';
import { ROOT, runApp } from '../../support/app';

const EXAMPLE = JSON.parse(readFileSync(path.join(ROOT, 'examples', 'fleet.json'), 'utf8'));
const EXAMPLE_STACKS = ['ecs-highres-111111111111-eu-west-1', 'ecs-highres-111111111111-us-east-1', 'ecs-highres-222222222222-us-west-2'];

/** Writes `config` as a fleet config file in `dir`. */
function configFile(dir: string, name: string, config: object): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({ ...config, $schema: undefined }));
  return file;
}

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'ecs-highres-synth-output-'));

test('prints the stacks written, their directory and the next command', () => {
  const run = runApp(path.join(ROOT, 'examples', 'fleet.json'));
  expect(run.status).toBe(0);
  expect(run.stdout.split('\n')).toEqual([
    `synthesized 3 stacks into ${path.join(run.outdir, 'stacks')}:`,
    ...EXAMPLE_STACKS.map((s) => `  ${s}`),
    `local state: ${path.join(path.dirname(run.outdir), 'terraform.<stack>.tfstate')}, beside ${run.outdir}`,
    `next: \`FLEET_CONFIG=${path.join(ROOT, 'examples', 'fleet.json')} CDKTF_OUTDIR=${run.outdir} npm run plan\` plans them offline; ` +
      `\`FLEET_CONFIG=${path.join(ROOT, 'examples', 'fleet.json')} npx cdktf deploy --output ${run.outdir} '*'\` deploys them`,
    '',
  ]);
  expect(run.stacks).toEqual(EXAMPLE_STACKS);
  // The example's alarms notify no one: said once, not once per stack.
  const warnings = run.stderr.split('\n').filter((line) => line.startsWith('warning: '));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/^warning: alarms notify no one: .*set alarmActions/);
  // Nothing but the output itself is left beside it: the staging directory is gone.
  expect(readdirSync(path.dirname(run.outdir))).toEqual(['cdktf.out']);
  expect(existsSync(path.join(run.outdir, SYNTH_INCOMPLETE_MARKER))).toBe(false);
});

test('a synth of a smaller config keeps what it did not write (.terraform, any file), and names the stacks it left alone', () => {
  const dir = freshDir();
  const outdir = path.join(dir, 'cdktf.out');
  expect(runApp(path.join(ROOT, 'examples', 'fleet.json'), outdir).status).toBe(0);
  const kept = path.join(outdir, 'stacks', EXAMPLE_STACKS[1]);
  writeFileSync(path.join(kept, 'notes.txt'), '{"serial": 3}');
  mkdirSync(path.join(kept, '.terraform'));
  writeFileSync(path.join(kept, '.terraform', 'terraform.tfstate'), 'backend');
  mkdirSync(path.join(kept, 'assets', 'stale-asset'), { recursive: true });
  const smaller = configFile(dir, 'smaller.json', { ...EXAMPLE, accounts: [EXAMPLE.accounts[0]] });

  const run = runApp(smaller, outdir);

  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`not in this config, left as they were (they may hold local state; delete them once destroyed): ${EXAMPLE_STACKS[2]}\n`);
  expect(readSynthOutput(outdir)).toEqual({
    stacks: EXAMPLE_STACKS.slice(0, 2).map((name) => ({
      name,
      dir: path.join(outdir, 'stacks', name),
      configFile: path.join(outdir, 'stacks', name, 'cdk.tf.json'),
    })),
    ignored: [EXAMPLE_STACKS[2]],
  });
  expect(readFileSync(path.join(kept, 'notes.txt'), 'utf8')).toBe('{"serial": 3}');
  expect(readFileSync(path.join(kept, '.terraform', 'terraform.tfstate'), 'utf8')).toBe('backend');
  // What the synth writes is replaced whole: an asset of an earlier synth does not linger.
  expect(readdirSync(path.join(kept, 'assets'))).toEqual(['pipeline_collector-code_80D296BB']);
});

test('a config error writes nothing: no output directory, no staging directory', () => {
  const dir = freshDir();
  const bad = configFile(dir, 'bad.json', { ...EXAMPLE, defaults: { intervalSeconds: 7 } });
  const run = runApp(bad, path.join(dir, 'cdktf.out'));
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(readdirSync(dir)).toEqual(['bad.json']);
});

test('a commit stopped midway leaves the marker and no manifest, so readers refuse the output', () => {
  // GIVEN a complete earlier synth, and a new one staged
  const dir = freshDir();
  const outdir = path.join(dir, 'cdktf.out');
  expect(runApp(path.join(ROOT, 'examples', 'fleet.json'), outdir).status).toBe(0);
  const staged = path.join(dir, 'staged');
  expect(runApp(path.join(ROOT, 'examples', 'fleet.json'), staged).status).toBe(0);
  const staging = stagingDirFor(outdir, 999_999);
  renameSync(staged, staging);
  // WHEN the commit stops after its first move (as a kill or a full disk would stop it)
  let moves = 0;
  const stopAfterOne = (from: string, to: string) => {
    if (moves++ > 0) throw new Error('stopped');
    renameSync(from, to);
  };
  expect(() => commitSynth(staging, outdir, stopAfterOne)).toThrow('stopped');
  // THEN
  expect(existsSync(path.join(outdir, SYNTH_INCOMPLETE_MARKER))).toBe(true);
  expect(existsSync(path.join(outdir, MANIFEST_FILE))).toBe(false);
  expect(() => readSynthOutput(outdir)).toThrow(
    `the last synth into ${outdir} did not finish (it was stopped while moving its stacks into place): run \`npm run synth\` again.`,
  );
});

/** A fleet of `accounts` × 4 regions (one cluster each): long enough a synth to be killed midway. */
function bigFleet(accounts: number, cluster: string) {
  const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
  return {
    name: 'ecs-highres',
    backend: { type: 'local' },
    accounts: Array.from({ length: accounts }, (_, a) => ({
      id: String(100_000_000_001 + a),
      regions: Object.fromEntries(regions.map((r) => [r, { clusters: [cluster] }])),
    })),
  };
}

test('a synth killed midway leaves the earlier synth whole, or marked incomplete; the next synth clears its staging', async () => {
  // GIVEN a complete synth of 2 stacks
  const dir = freshDir();
  const outdir = path.join(dir, 'cdktf.out');
  const oldConfig = configFile(dir, 'old.json', bigFleet(1, 'old-cluster'));
  expect(runApp(oldConfig, outdir).status).toBe(0);
  const old = readSynthOutput(outdir);
  const oldConfigs = old.stacks.map((s) => readFileSync(s.configFile, 'utf8'));
  // WHEN a synth of 400 stacks, the old ones among them with new clusters, is killed once it has written some
  const newConfig = configFile(dir, 'new.json', bigFleet(100, 'new-cluster'));
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'main.ts'], {
    cwd: ROOT,
    env: { ...process.env, FLEET_CONFIG: newConfig, CDKTF_OUTDIR: outdir },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  // tsx runs main.ts in a process of its own: its pid is in the staging directory's name.
  const staging = () => readdirSync(dir).find((entry) => entry.startsWith('.cdktf.out.staging-'));
  let synthPid: number | undefined;
  for (let i = 0; i < 12_000 && child.exitCode === null && synthPid === undefined; i++) {
    const found = staging();
    if (found && existsSync(path.join(dir, found, 'stacks')) && readdirSync(path.join(dir, found, 'stacks')).length >= 20) {
      synthPid = Number(found.split('-').at(-1));
    } else {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  expect([child.exitCode, typeof synthPid]).toEqual([null, 'number']);
  process.kill(synthPid!, 'SIGKILL');
  await exited;
  // THEN the output is the earlier synth, unchanged, or refused as incomplete: never a mix read as complete
  if (existsSync(path.join(outdir, SYNTH_INCOMPLETE_MARKER))) {
    expect(() => readSynthOutput(outdir)).toThrow('did not finish');
  } else {
    expect(readSynthOutput(outdir)).toEqual(old);
    expect(old.stacks.map((s) => readFileSync(s.configFile, 'utf8'))).toEqual(oldConfigs);
    expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(old.stacks.map((s) => s.name).sort());
  }
  expect(staging()).toBe(`.cdktf.out.staging-${synthPid}`);
  // AND the next synth removes the killed one's staging directory and completes
  const again = runApp(oldConfig, outdir);
  expect(again.status).toBe(0);
  expect(readdirSync(dir).sort()).toEqual(['cdktf.out', 'new.json', 'old.json']);
}, 300_000);
