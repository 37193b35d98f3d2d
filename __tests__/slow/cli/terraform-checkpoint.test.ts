/**
 * No terraform call outside the plan harness reaches HashiCorp either: the benchmark's machine
 * description runs `terraform version` with the checkpoint disabled. (The harness's own calls
 * are checked in plan-manifest.test.ts.)
 */
import { describeMachine } from '../../../scripts/bench/machine';
import { fakeTerraform } from '../../support/fake-terraform';

test("`npm run bench`'s `terraform version` runs with CHECKPOINT_DISABLE=1, even when the shell does not set it", () => {
  const terraform = fakeTerraform();
  const saved = process.env;
  process.env = terraform.env;
  try {
    expect(describeMachine().terraform).toBe('Terraform v1.11.4');
  } finally {
    process.env = saved;
  }
  expect(terraform.calls().map((c) => [c.args, c.checkpointDisable])).toEqual([['version', '1']]);
});
