/**
 * The real Terraform CLI on one synthesized stack against the emulator: a work copy with the
 * emulator override, then init, apply, plan (for drift), show (state) and destroy.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CommandError, runOwned } from './child-processes';
import { emulatorOverride } from './provider-override';

export const EMULATOR_OVERRIDE_FILE = 'emulator_override.tf.json';

/** A resource of `terraform show -json` state or plan. */
export interface StateResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

/** One entry of a saved plan's `resource_changes`. */
export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before: Record<string, unknown> | null;
    readonly after: Record<string, unknown> | null;
    readonly after_unknown?: Record<string, unknown>;
    /** A replacement's cause: the paths whose change forces it (Terraform names them in the plan). */
    readonly replace_paths?: ReadonlyArray<ReadonlyArray<string | number>>;
  };
}

/** A Terraform step that failed, with its output. */
export class TerraformStepError extends Error {
  constructor(
    readonly stack: string,
    readonly step: string,
    readonly output: string,
  ) {
    super(`terraform ${step} of ${stack} failed:\n${output.slice(-4000)}`);
    this.name = 'TerraformStepError';
  }
}

export class EmulatedStack {
  constructor(
    readonly name: string,
    readonly workDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Copies the synthesized stack (not its state) into `workDir` and adds the emulator override. */
  static prepare(stackDir: string, workDir: string, endpoint: string, env: NodeJS.ProcessEnv): EmulatedStack {
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    for (const entry of readdirSync(stackDir)) {
      if (entry === '.terraform' || entry.startsWith('terraform.') || entry.endsWith('.tfstate')) continue;
      cpSync(path.join(stackDir, entry), path.join(workDir, entry), { recursive: true });
    }
    writeFileSync(path.join(workDir, EMULATOR_OVERRIDE_FILE), JSON.stringify(emulatorOverride(endpoint), null, 2));
    return new EmulatedStack(path.basename(stackDir), workDir, env);
  }

  private async run(step: string, args: string[], okCodes: number[] = [0]): Promise<{ stdout: string; code: number }> {
    try {
      // In a process group of its own, ended with its provider plugins when the run is interrupted (child-processes.ts).
      const { stdout } = await runOwned('terraform', args, { cwd: this.workDir, env: this.env });
      return { stdout, code: 0 };
    } catch (error) {
      if (!(error instanceof CommandError)) throw new TerraformStepError(this.name, step, (error as Error).message);
      if (error.code !== null && okCodes.includes(error.code)) return { stdout: error.stdout, code: error.code };
      // stderr last: the message keeps the end of the output, where Terraform says what failed.
      throw new TerraformStepError(this.name, step, `${error.stdout}${error.stderr}`);
    }
  }

  async init(): Promise<void> {
    await this.run('init', ['init', '-input=false', '-no-color']);
  }

  async apply(): Promise<void> {
    await this.run('apply', ['apply', '-input=false', '-no-color', '-auto-approve', '-lock=false']);
  }

  /**
   * The resources in state, read from the local state file: `terraform show -json` would start
   * the provider (seconds of CPU each time) for the same facts.
   */
  state(): StateResource[] {
    const file = path.join(this.workDir, 'terraform.tfstate');
    if (!existsSync(file)) return [];
    const state = JSON.parse(readFileSync(file, 'utf8')) as {
      resources?: Array<{ mode: string; type: string; name: string; instances: Array<{ attributes: Record<string, unknown> }> }>;
    };
    return (state.resources ?? [])
      .filter((r) => r.mode === 'managed')
      .flatMap((r) => r.instances.map((instance) => ({ address: `${r.type}.${r.name}`, type: r.type, name: r.name, values: instance.attributes })));
  }

  /** A fresh plan (refreshing from the emulator) and every change it holds. */
  async plan(): Promise<ResourceChange[]> {
    await this.run('plan', ['plan', '-input=false', '-no-color', '-lock=false', '-out=drift.tfplan']);
    const { stdout } = await this.run('show plan', ['show', '-json', '-no-color', 'drift.tfplan']);
    return (JSON.parse(stdout) as { resource_changes?: ResourceChange[] }).resource_changes ?? [];
  }

  async destroy(): Promise<void> {
    await this.run('destroy', ['destroy', '-input=false', '-no-color', '-auto-approve', '-lock=false']);
  }
}

/** The state's resources of one type. */
export function resourcesOfType(state: readonly StateResource[], type: string): StateResource[] {
  return state.filter((resource) => resource.type === type);
}
