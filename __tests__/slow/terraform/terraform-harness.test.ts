/**
 * The offline plan harness itself (scripts/lib/terraform.ts): how providers are installed, and
 * how many stacks are planned at once. Fake planners stand in for Terraform where only the
 * scheduling is under test.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MIRROR_DIR, type PlanResult, planStacks, terraformEnvironment } from '../../../scripts/lib/terraform';

const workRoot = () => mkdtempSync(path.join(tmpdir(), 'ecs-highres-harness-'));

describe('terraformEnvironment', () => {
  test('with a mirror: providers come from it, for hashicorp providers only, and no plugin cache is used', async () => {
    const work = workRoot();
    const env = await terraformEnvironment(work, MIRROR_DIR);
    expect(env.TF_CLI_CONFIG_FILE).toBe(path.join(work, 'terraformrc'));
    expect(env.TF_PLUGIN_CACHE_DIR).toBeUndefined();
    expect(readFileSync(env.TF_CLI_CONFIG_FILE!, 'utf8')).toBe(
      [
        'provider_installation {',
        '  filesystem_mirror {',
        `    path    = ${JSON.stringify(MIRROR_DIR)}`,
        '    include = ["registry.terraform.io/hashicorp/*"]',
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/hashicorp/*"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  test('without a mirror: one plugin cache for every stack, used even though stacks have no lock file', async () => {
    const work = workRoot();
    const env = await terraformEnvironment(work, path.join(work, 'no-such-mirror'));
    const cache = path.join(work, 'plugin-cache');
    expect(existsSync(cache)).toBe(true);
    expect(env.TF_PLUGIN_CACHE_DIR).toBe(cache);
    expect(readFileSync(env.TF_CLI_CONFIG_FILE!, 'utf8')).toBe(
      `plugin_cache_dir = ${JSON.stringify(cache)}\nplugin_cache_may_break_dependency_lock_file = true\n`,
    );
  });

  test("keeps the user's AWS credentials and profile out of the plan", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_PROFILE: 'prod', AWS_ACCESS_KEY_ID: 'AKIAREAL', AWS_SECRET_ACCESS_KEY: 'real' });
    try {
      const env = await terraformEnvironment(workRoot());
      expect([env.AWS_PROFILE, env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY]).toEqual([undefined, undefined, undefined]);
      expect(env.AWS_EC2_METADATA_DISABLED).toBe('true');
    } finally {
      process.env = saved;
    }
  });
});

describe('planStacks', () => {
  /** A planner that records when each stack starts and ends, and takes a few milliseconds. */
  function recordingPlanner() {
    const events: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const plan = async (stackDir: string): Promise<PlanResult> => {
      const stack = path.basename(stackDir);
      events.push(`start ${stack}`);
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5 + (stack.charCodeAt(stack.length - 1) % 3) * 5));
      running--;
      events.push(`end ${stack}`);
      return { stack, ok: true, creates: [], seconds: 0 };
    };
    return { plan, events, mostAtOnce: () => mostAtOnce };
  }
  const stacks = Array.from({ length: 9 }, (_, i) => `stack-${i}`);

  test('plans every stack, at most `concurrency` at once, results in the order of the stacks', async () => {
    const recorder = recordingPlanner();
    const reported: string[] = [];
    const results = await planStacks(
      '/stacks',
      stacks,
      '/work',
      {},
      {
        concurrency: 3,
        plan: recorder.plan,
        onResult: (result) => reported.push(result.stack),
      },
    );
    expect(results.map((r) => r.stack)).toEqual(stacks);
    expect(recorder.mostAtOnce()).toBe(3);
    expect([...reported].sort()).toEqual(stacks);
  });

  test('with a plugin cache, the first stack runs alone so that the provider is downloaded once', async () => {
    const recorder = recordingPlanner();
    await planStacks('/stacks', stacks, '/work', { TF_PLUGIN_CACHE_DIR: '/cache' }, { concurrency: 3, plan: recorder.plan });
    expect(recorder.events.slice(0, 2)).toEqual(['start stack-0', 'end stack-0']);
    expect(recorder.mostAtOnce()).toBe(3);
  });

  test('with the mirror, no stack waits for another', async () => {
    const recorder = recordingPlanner();
    await planStacks('/stacks', stacks, '/work', {}, { concurrency: 3, plan: recorder.plan });
    expect(recorder.events.slice(0, 3)).toEqual(['start stack-0', 'start stack-1', 'start stack-2']);
  });

  test('each stack is planned from its own directory into its own work copy', async () => {
    const calls: string[][] = [];
    await planStacks(
      '/out/stacks',
      ['a', 'b'],
      '/work',
      {},
      {
        concurrency: 2,
        plan: async (stackDir, workDir) => {
          calls.push([stackDir, workDir]);
          return { stack: path.basename(stackDir), ok: true, creates: [], seconds: 0 };
        },
      },
    );
    expect(calls).toEqual([
      ['/out/stacks/a', '/work/stacks/a'],
      ['/out/stacks/b', '/work/stacks/b'],
    ]);
  });
});
