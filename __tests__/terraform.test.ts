/**
 * The real Terraform CLI on every stack synthesized from the example config: init from the
 * provider mirror, validate, and plan with fake credentials (scripts/lib/terraform.ts).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { mapBounded, planOffline, PlanResult, terraformEnvironment } from '../scripts/lib/terraform';
import { ROOT, runApp } from './support/app';

describe('terraform init, validate and plan of the example fleet', () => {
  const run = runApp(path.join(ROOT, 'examples', 'fleet.json'));
  let results: PlanResult[] = [];

  beforeAll(async () => {
    expect(run.status).toBe(0);
    const work = path.join(run.outdir, '..', 'tf-work');
    const env = await terraformEnvironment(work);
    results = await mapBounded(run.stacks, availableParallelism(), (stack) =>
      planOffline(path.join(run.outdir, 'stacks', stack), path.join(work, 'stacks', stack), env),
    );
  }, 600_000);

  test('every stack plans, creating every resource it declares', () => {
    expect(results.map((r) => r.stack)).toEqual(run.stacks);
    for (const result of results) {
      if (!result.ok) throw new Error(`${result.stack} failed at ${result.failedStep}:\n${result.output}`);
      const stack = JSON.parse(readFileSync(path.join(run.outdir, 'stacks', result.stack, 'cdk.tf.json'), 'utf8'));
      const declared = Object.entries<Record<string, unknown>>(stack.resource).flatMap(([type, byName]) =>
        Object.keys(byName).map((name) => `${type}.${name}`),
      );
      expect([...result.creates].sort()).toEqual(declared.sort());
    }
  });
});
