/**
 * Runs the real Terraform CLI on synthesized stacks, offline: providers come from a local
 * filesystem mirror, and a copy of each stack gets one override file with fake credentials
 * and a local backend. What users deploy is never changed.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { workDirProblem } from './work-dir';

const exec = promisify(execFile);

/** Where the provider mirror is: TF_PROVIDER_MIRROR, else the machine image's mirror. */
export const MIRROR_DIR = process.env.TF_PROVIDER_MIRROR ?? '/opt/tf-plugins';

/**
 * What every terraform call of this repository runs with: no checkpoint call to HashiCorp (the
 * version check and security bulletins every command, `terraform version` included, would make),
 * no prompts.
 */
export const QUIET_TERRAFORM_ENV = { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' } as const;

/** Name of the override file added beside each copied stack. */
export const OVERRIDE_FILE = 'offline_override.tf.json';

/**
 * The override that lets a stack plan without AWS: fake credentials, no STS or metadata calls,
 * no role to assume, no account pin, and a local backend in place of S3 or Terraform Cloud.
 */
export function offlineOverride(providerCount = 1): object {
  const offline = {
    access_key: 'AKIAOFFLINEPLAN00000',
    secret_key: 'offline-plan-fake-secret',
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    assume_role: [{ role_arn: '' }],
    allowed_account_ids: [],
  };
  return {
    terraform: { backend: { local: { path: 'terraform.tfstate' } } },
    provider: { aws: Array.from({ length: providerCount }, () => offline) },
  };
}

/**
 * Writes a CLI config that installs providers from the mirror
 * (each stack's .terraform links to it), or without a mirror from the registry through one
 * plugin cache under `workRoot` (then TF_PLUGIN_CACHE_DIR is set in the returned environment),
 * then checks the terraform binary. Every terraform call of the harness runs with the returned
 * environment, in which HashiCorp's checkpoint (version and security-bulletin calls) is disabled.
 */
export async function terraformEnvironment(workRoot: string, mirrorDir = MIRROR_DIR): Promise<NodeJS.ProcessEnv> {
  mkdirSync(workRoot, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...QUIET_TERRAFORM_ENV,
    // Nothing from the user's AWS setup may leak into an offline plan.
    AWS_PROFILE: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const cliConfig = path.join(workRoot, 'terraformrc');
  // A symlink here would have the config written wherever it points; replace the link, not its target.
  rmSync(cliConfig, { force: true });
  if (existsSync(mirrorDir)) {
    env.TF_PLUGIN_CACHE_DIR = undefined;
    writeFileSync(
      cliConfig,
      [
        'provider_installation {',
        '  filesystem_mirror {',
        `    path    = ${JSON.stringify(mirrorDir)}`,
        '    include = ["registry.terraform.io/hashicorp/*"]',
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/hashicorp/*"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  } else {
    // No mirror: registry installs (needs network), downloaded once into a cache all stacks link to.
    // Synthesized stacks have no lock file, without which Terraform 1.4+ ignores the cache unless told.
    const cache = path.join(workRoot, 'plugin-cache');
    mkdirSync(cache, { recursive: true });
    writeFileSync(cliConfig, [`plugin_cache_dir = ${JSON.stringify(cache)}`, 'plugin_cache_may_break_dependency_lock_file = true', ''].join('\n'));
    env.TF_PLUGIN_CACHE_DIR = cache;
  }
  env.TF_CLI_CONFIG_FILE = cliConfig;
  // Only now, with CHECKPOINT_DISABLE set: `terraform version` would otherwise ask HashiCorp for the latest release.
  try {
    await exec('terraform', ['version'], { env });
  } catch {
    throw new Error('terraform is not on PATH: install Terraform 1.5 or later (https://developer.hashicorp.com/terraform/install)');
  }
  return env;
}

export interface PlanResult {
  readonly stack: string;
  readonly ok: boolean;
  /** The step that failed, if any: `configuration` when the stack has no Terraform configuration to plan. */
  readonly failedStep?: 'configuration' | 'init' | 'validate' | 'plan';
  /** Terraform's output of the failed step. */
  readonly output?: string;
  /** Resource addresses the plan creates. */
  readonly creates: readonly string[];
  readonly seconds: number;
}

/** Why `stackDir` cannot be planned (no directory, no `*.tf.json` or `*.tf` file), or undefined when it can. */
export function missingConfiguration(stackDir: string): string | undefined {
  if (!existsSync(stackDir)) return `${stackDir} does not exist: run \`npm run synth\` again.`;
  const configs = readdirSync(stackDir).filter((f) => (f.endsWith('.tf.json') || f.endsWith('.tf')) && f !== OVERRIDE_FILE);
  // Terraform would plan an empty directory as "0 to create": that is a broken synth, not an empty stack.
  if (configs.length === 0) return `${stackDir} holds no Terraform configuration (cdk.tf.json): run \`npm run synth\` again.`;
  return undefined;
}

/** Copies a synthesized stack into `workDir` and adds the offline override. */
export function prepareOfflineCopy(stackDir: string, workDir: string): void {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  for (const entry of readdirSync(stackDir)) {
    if (entry === '.terraform' || entry.startsWith('terraform.') || entry.endsWith('.tfstate')) continue;
    cpSync(path.join(stackDir, entry), path.join(workDir, entry), { recursive: true });
  }
  writeFileSync(path.join(workDir, OVERRIDE_FILE), JSON.stringify(offlineOverride(), null, 2));
}

/** One line of `terraform plan -json`, as far as planOffline reads it. */
interface PlanMessage {
  readonly type?: string;
  readonly change?: { readonly action: string; readonly resource: { readonly addr: string } };
  readonly diagnostic?: { readonly severity: string; readonly summary: string; readonly detail?: string };
}

function planMessages(stdout: string): PlanMessage[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as PlanMessage);
}

/** What went wrong, in words: the diagnostics of `terraform plan -json`, or the raw output of other steps. */
function failureOutput(step: PlanResult['failedStep'], stdout = '', stderr = ''): string {
  if (step !== 'plan') return `${stderr}${stdout}`;
  const diagnostics = planMessages(stdout).flatMap(({ diagnostic }) =>
    diagnostic ? [`${diagnostic.severity}: ${diagnostic.summary}${diagnostic.detail ? `\n${diagnostic.detail}` : ''}`] : [],
  );
  return diagnostics.length > 0 ? `${stderr}${diagnostics.join('\n')}` : `${stderr}${stdout}`;
}

/**
 * init + validate + plan of one stack, offline; resolves with what happened, never rejects.
 * The plan prints JSON, from which the created addresses are read (no second `terraform show`,
 * which would start the provider again); the plan itself stays in `workDir/offline.tfplan`.
 */
export async function planOffline(stackDir: string, workDir: string, env: NodeJS.ProcessEnv): Promise<PlanResult> {
  const stack = path.basename(stackDir);
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  const missing = missingConfiguration(stackDir);
  if (missing) return { stack, ok: false, failedStep: 'configuration', output: missing, creates: [], seconds: seconds() };
  prepareOfflineCopy(stackDir, workDir);
  const steps: Array<[PlanResult['failedStep'], string[]]> = [
    ['init', ['init', '-input=false', '-no-color', '-backend=true']],
    ['validate', ['validate', '-no-color']],
    ['plan', ['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false', '-out=offline.tfplan', '-json']],
  ];
  let planOutput = '';
  for (const [step, args] of steps) {
    try {
      planOutput = (await exec('terraform', args, { cwd: workDir, env, maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return { stack, ok: false, failedStep: step, output: failureOutput(step, e.stdout, e.stderr), creates: [], seconds: seconds() };
    }
  }
  const creates = planMessages(planOutput).flatMap(({ type, change }) =>
    type === 'planned_change' && change?.action === 'create' ? [change.resource.addr] : [],
  );
  return { stack, ok: true, creates, seconds: seconds() };
}

export interface PlanStacksOptions {
  /** Most stacks planned at once. */
  readonly concurrency: number;
  /** Called as each stack's plan ends, in the order they end. */
  readonly onResult?: (result: PlanResult) => void;
  /** Plans one stack. @default planOffline */
  readonly plan?: typeof planOffline;
}

/**
 * Plans every stack of `stacksDir` in its own copy under `workRoot`, at most `concurrency` at once;
 * results are in the order of `stacks`. With a plugin cache the first stack runs alone, because
 * Terraform's cache is not safe for concurrent first downloads: it fills the cache, the rest reuse it.
 */
export async function planStacks(
  stacksDir: string,
  stacks: readonly string[],
  workRoot: string,
  env: NodeJS.ProcessEnv,
  options: PlanStacksOptions,
): Promise<PlanResult[]> {
  const plan = options.plan ?? planOffline;
  // Work copies are deleted and rewritten: they must never land in, or over, the stacks they copy.
  // Each stack's copy is checked too: `<workRoot>/stacks` could be a symlink back into the synth output.
  const problem = [workRoot, ...stacks.map((stack) => path.join(workRoot, 'stacks', stack))]
    .map((dir) => workDirProblem(dir, stacksDir, 'the plan work directory'))
    .find(Boolean);
  if (problem) throw new Error(problem);
  const planOne = async (stack: string) => {
    const result = await plan(path.join(stacksDir, stack), path.join(workRoot, 'stacks', stack), env);
    options.onResult?.(result);
    return result;
  };
  const warmUp = env.TF_PLUGIN_CACHE_DIR && stacks.length > 1 ? [await planOne(stacks[0])] : [];
  return [...warmUp, ...(await mapBounded(stacks.slice(warmUp.length), options.concurrency, planOne))];
}

/** Runs `task` over `items` with at most `limit` at once, keeping the order of results. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
