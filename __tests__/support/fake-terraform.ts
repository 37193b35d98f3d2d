/**
 * A stand-in `terraform` for tests of the plan harness's own logic (which stacks it plans, what
 * it refuses, the environment of every call): a shell script first on PATH that logs each call
 * and answers `plan -json` with one created resource. The real CLI is tested in the terraform tier.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface FakeTerraform {
  /** Environment for a child process: PATH starts with the fake, the log file is named. */
  readonly env: NodeJS.ProcessEnv;
  /** One entry per call so far, in order. */
  calls(): FakeTerraformCall[];
}

export interface FakeTerraformCall {
  readonly args: string;
  /** The directory it ran in. */
  readonly cwd: string;
  /** CHECKPOINT_DISABLE as the call saw it, `unset` when absent. */
  readonly checkpointDisable: string;
}

export function fakeTerraform(): FakeTerraform {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-fake-tf-'));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const log = path.join(dir, 'calls.log');
  writeFileSync(
    path.join(bin, 'terraform'),
    [
      '#!/bin/sh',
      'printf "%s\\t%s\\t%s\\n" "${CHECKPOINT_DISABLE:-unset}" "$PWD" "$*" >> "$FAKE_TERRAFORM_LOG"',
      'case "$1" in',
      '  version) echo "Terraform v1.11.4" ;;',
      `  plan) echo '{"type":"planned_change","change":{"action":"create","resource":{"addr":"aws_sns_topic.fake"}}}' ;;`,
      'esac',
      'exit 0',
      '',
    ].join('\n'),
  );
  chmodSync(path.join(bin, 'terraform'), 0o755);
  // The child must show it disables the checkpoint itself: nothing inherited from the test's shell.
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, FAKE_TERRAFORM_LOG: log };
  delete env.CHECKPOINT_DISABLE;
  return {
    env,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => {
              const [checkpointDisable, cwd, args] = line.split('\t');
              return { checkpointDisable, cwd, args };
            })
        : [],
  };
}
