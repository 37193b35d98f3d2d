/**
 * PLAN_WORK_DIR may not be, lie inside, or contain the synth output, however it is spelled
 * (relative, with `..`, through a symlink, through a dangling symlink): such a run is refused
 * before anything is written, and the synth output is left byte for byte as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isWithin, physicalPath, workDirProblem } from '../../../scripts/lib/work-dir';
import { planStacks, terraformEnvironment } from '../../../scripts/lib/terraform';
import { ROOT } from '../../support/app';
import { fakeTerraform } from '../../support/fake-terraform';
import { runPlanCli, writeSynthOutput } from '../../support/plan-cli';

/** Every file under `dir` with a hash of its content: what "left as it was" means. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const p = path.join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else files[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

/** GIVEN a synth output with a stack, its assets and its local state, in a fresh directory. */
function givenOutput() {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-work-dir-'));
  const outdir = path.join(dir, 'cdktf.out');
  writeSynthOutput(outdir, ['app-a']);
  mkdirSync(path.join(outdir, 'stacks', 'app-a', 'assets'));
  writeFileSync(path.join(outdir, 'stacks', 'app-a', 'assets', 'collector.zip'), 'zip');
  writeFileSync(path.join(outdir, 'stacks', 'app-a', 'terraform.app-a.tfstate'), '{"serial": 7}');
  return { dir, outdir };
}

describe('workDirProblem', () => {
  test.each([
    ['the output itself', (out: string) => out, 'is the synth output directory itself'],
    ['the output with a trailing slash', (out: string) => `${out}/`, 'is the synth output directory itself'],
    ['its stacks directory', (out: string) => path.join(out, 'stacks'), 'is inside the synth output'],
    ['a stack of it', (out: string) => path.join(out, 'stacks', 'app-a'), 'is inside the synth output'],
    ['a new directory inside it', (out: string) => path.join(out, 'tf-work', 'deeper'), 'is inside the synth output'],
    ['its parent', (out: string) => path.dirname(out), 'contains the synth output'],
    ['the root directory', () => '/', 'contains the synth output'],
    ['the output spelled with ..', (out: string) => `${path.dirname(out)}/x/../cdktf.out`, 'is the synth output directory itself'],
  ])('%s is refused', (_, workDir, problem) => {
    const { outdir } = givenOutput();
    expect(workDirProblem(workDir(outdir), outdir)).toContain(problem);
  });

  test('a symlink to the output, and a new directory under such a link, are refused', () => {
    const { dir, outdir } = givenOutput();
    symlinkSync(outdir, path.join(dir, 'link'));
    expect(workDirProblem(path.join(dir, 'link'), outdir)).toContain('is the synth output directory itself');
    expect(workDirProblem(path.join(dir, 'link', 'new', 'work'), outdir)).toContain('is inside the synth output');
  });

  test("`link/..` is the parent of the link's target, as the kernel resolves it, not the link's own parent", () => {
    const { outdir } = givenOutput();
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'ecs-highres-elsewhere-'));
    symlinkSync(path.join(outdir, 'stacks'), path.join(elsewhere, 'link'));
    // Spelled, this is `elsewhere/work`; resolved, it is `cdktf.out/work`.
    expect(workDirProblem(`${path.join(elsewhere, 'link')}/../work`, outdir)).toContain('is inside the synth output');
    expect(physicalPath(`${path.join(elsewhere, 'link')}/../work`)).toBe(path.join(physicalPath(outdir), 'work'));
  });

  test('a dangling symlink into the output (mkdir would follow it) is refused', () => {
    const { dir, outdir } = givenOutput();
    symlinkSync(path.join(outdir, 'not-yet'), path.join(dir, 'dangling'));
    expect(workDirProblem(path.join(dir, 'dangling'), outdir)).toContain('is inside the synth output');
  });

  test('a synth output reached through a symlink is compared where it really is', () => {
    const { dir, outdir } = givenOutput();
    symlinkSync(outdir, path.join(dir, 'out-link'));
    expect(workDirProblem(path.join(outdir, 'work'), path.join(dir, 'out-link'))).toContain('is inside the synth output');
  });

  test('a sibling whose name starts like the output, and a directory beside it, are accepted', () => {
    const { dir, outdir } = givenOutput();
    expect(workDirProblem(`${outdir}-work`, outdir)).toBeUndefined();
    expect(workDirProblem(path.join(dir, '.tf-work'), outdir)).toBeUndefined();
    expect(isWithin(`${outdir}-work`, outdir)).toBe(false);
  });

  test('the message names the variable, the directory, and a directory to use instead', () => {
    const { dir, outdir } = givenOutput();
    expect(workDirProblem(outdir, outdir)).toBe(
      `PLAN_WORK_DIR ${physicalPath(outdir)} is the synth output directory itself: planning there would overwrite and delete its stacks and state; ` +
        `set PLAN_WORK_DIR to a directory outside ${physicalPath(outdir)}, such as ${path.join(physicalPath(dir), '.tf-work')}.`,
    );
  });
});

describe('npm run plan with PLAN_WORK_DIR overlapping the synth output', () => {
  test.each([
    ['the synth output', (dir: string) => path.join(dir, 'cdktf.out')],
    // Relative PLAN_WORK_DIR and CDKTF_OUTDIR are taken from the repository root, where npm runs scripts.
    ['relative, inside it', (dir: string) => path.join(path.relative(ROOT, dir), 'cdktf.out', 'stacks')],
    ['the directory containing it', (dir: string) => dir],
    ['a symlink to it', (dir: string) => path.join(dir, 'link')],
  ])('%s: exit 1, the reason, no terraform call, nothing written or deleted', (_, workDir) => {
    const { dir, outdir } = givenOutput();
    symlinkSync(outdir, path.join(dir, 'link'));
    const before = snapshot(dir);
    const terraform = fakeTerraform();

    const result = runPlanCli({ ...terraform.env, CDKTF_OUTDIR: outdir, PLAN_WORK_DIR: workDir(dir) });

    expect([result.status, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toMatch(/^PLAN_WORK_DIR .* (is the synth output directory itself|is inside the synth output|contains the synth output)/);
    expect(result.stderr).toContain('set PLAN_WORK_DIR to a directory outside');
    expect(terraform.calls()).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(path.join(outdir, 'terraformrc'))).toBe(false);
  });
});

test('planStacks, which the benchmark calls directly, refuses a work root over the stacks it copies', async () => {
  const { outdir } = givenOutput();
  const plan = jest.fn();
  await expect(planStacks(path.join(outdir, 'stacks'), ['app-a'], outdir, {}, { concurrency: 1, plan })).rejects.toThrow('the plan work directory');
  expect(plan).not.toHaveBeenCalled();
});

test('a work directory whose stacks/ is a symlink back into the synth output is refused before any copy is deleted', () => {
  const { dir, outdir } = givenOutput();
  const workRoot = path.join(dir, 'tf-work');
  mkdirSync(workRoot);
  symlinkSync(path.join(outdir, 'stacks'), path.join(workRoot, 'stacks'));
  const before = snapshot(outdir);
  const terraform = fakeTerraform();

  const result = runPlanCli({ ...terraform.env, CDKTF_OUTDIR: outdir, PLAN_WORK_DIR: workRoot });

  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`the plan work directory ${path.join(workRoot, 'stacks', 'app-a')} (`);
  expect(terraform.calls().filter((c) => c.args !== 'version')).toEqual([]);
  expect(snapshot(outdir)).toEqual(before);
});

test('a terraformrc in the work directory that is a symlink is replaced, not written through', async () => {
  const { dir, outdir } = givenOutput();
  const workRoot = path.join(dir, 'tf-work');
  mkdirSync(workRoot);
  symlinkSync(path.join(outdir, 'manifest.json'), path.join(workRoot, 'terraformrc'));
  const before = snapshot(outdir);

  await terraformEnvironment(workRoot);

  expect(snapshot(outdir)).toEqual(before);
  expect(lstatSync(path.join(workRoot, 'terraformrc')).isSymbolicLink()).toBe(false);
});
