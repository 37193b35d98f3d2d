/** Where a synth finds the local state of a stack: as Terraform does, from the stack's directory, symlinks followed before `..`. */
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { localStateFile, localStateLocationProblem } from '../../../scripts/lib/local-state';

test('beside the output directory', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-local-state-'));
  expect(localStateFile(path.join(dir, 'cdktf.out'), 'app-a')).toBe(path.join(dir, 'terraform.app-a.tfstate'));
  expect(localStateLocationProblem(path.join(dir, 'cdktf.out'))).toBeUndefined();
});

test('an output directory that is a symlink: beside its target, where Terraform reads it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-local-state-'));
  mkdirSync(path.join(dir, 'elsewhere', 'out'), { recursive: true });
  symlinkSync(path.join(dir, 'elsewhere', 'out'), path.join(dir, 'cdktf.out'));
  expect(localStateFile(path.join(dir, 'cdktf.out'), 'app-a')).toBe(path.join(dir, 'elsewhere', 'terraform.app-a.tfstate'));
});

test('an output directory at a file system root is refused: its state would be inside it', () => {
  expect(localStateLocationProblem('/')).toBe(
    'CDKTF_OUTDIR=/: local state is kept beside the output directory, and here it would be inside it (/); set CDKTF_OUTDIR to a directory inside your project, such as cdktf.out.',
  );
});
