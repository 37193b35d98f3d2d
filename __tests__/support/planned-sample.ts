/**
 * A sample of an app's synthesized stacks planned offline with the real terraform CLI, as one
 * describe block: each stack must plan, creating exactly the resources its Terraform JSON declares.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { planStacks, type PlanResult, terraformEnvironment } from '../../scripts/lib/terraform';

/** Declares the block: `stacksDir` holds the stacks' directories, `workDir` the plans' work copies. */
export function describePlannedSample(title: string, stacksDir: string, workDir: string, sample: readonly string[]): void {
  describe(title, () => {
    let results: PlanResult[] = [];

    beforeAll(async () => {
      const env = await terraformEnvironment(workDir);
      results = await planStacks(stacksDir, [...sample], workDir, env, { concurrency: availableParallelism() });
    }, 600_000);

    test('each plans, creating every resource it declares', () => {
      expect(results.map((r) => r.stack)).toEqual(sample);
      for (const result of results) {
        if (!result.ok) throw new Error(`${result.stack} failed at ${result.failedStep}:\n${result.output}`);
        const tf = JSON.parse(readFileSync(path.join(stacksDir, result.stack, 'cdk.tf.json'), 'utf8'));
        const declared = Object.entries<object>(tf.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
        expect([...result.creates].sort()).toEqual(declared.sort());
      }
    });
  });
}
