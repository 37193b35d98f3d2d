/**
 * The Terraform backend of one fleet stack: where its state lives. Each stack gets its own
 * state: a local file, an S3 key, or a Terraform Cloud workspace.
 */
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformBackend, type TerraformStack } from 'cdktf';
import type { BackendConfig } from './config';
import { stateKey, workspaceName } from './naming';

/** The file name of a stack's local state, as cdktf's own LocalBackend names it. */
export function localStateFileName(stack: string): string {
  return `terraform.${stack}.tfstate`;
}

/**
 * Where the local backend keeps a stack's state, relative to the stack's directory
 * (`<outdir>/stacks/<stack>`): in the directory that holds the output directory (the project root
 * for the default `cdktf.out`, where cdktf's own LocalBackend keeps it), never inside the output
 * directory, which the cdktf CLI rewrites. The same text on every machine.
 */
export function localStatePath(stack: string): string {
  return `../../../${localStateFileName(stack)}`;
}

/** Adds the backend `config` describes to `stack`, whose state it keeps under the stack's own name. */
export function addStackBackend(stack: TerraformStack, config: BackendConfig = { type: 'local' }): TerraformBackend {
  const name = stack.node.id;
  switch (config.type) {
    case 'local':
      return new LocalBackend(stack, { path: localStatePath(name) });
    case 's3': {
      const backend = new S3Backend(stack, {
        bucket: config.bucket,
        region: config.region,
        key: stateKey(config.keyPrefix, name),
        encrypt: true,
        dynamodbTable: config.dynamodbTable,
      });
      // S3BackendConfig of cdktf 0.21 predates Terraform 1.10's use_lockfile.
      if (config.useLockfile) backend.addOverride('use_lockfile', true);
      return backend;
    }
    case 'cloud':
      return new CloudBackend(stack, {
        organization: config.organization,
        hostname: config.hostname,
        workspaces: new NamedCloudWorkspace(workspaceName(config.workspacePrefix, name), config.project),
      });
  }
}
