/**
 * The Terraform backend of one fleet stack: where its state lives. Each stack gets its own
 * state: a local file, an S3 key, or a Terraform Cloud workspace.
 */
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformBackend, TerraformStack } from 'cdktf';
import { BackendConfig } from './config';
import { stateKey, workspaceName } from './naming';

/** Adds the backend `config` describes to `stack`, whose state it keeps under the stack's own name. */
export function addStackBackend(stack: TerraformStack, config: BackendConfig = { type: 'local' }): TerraformBackend {
  const name = stack.node.id;
  switch (config.type) {
    case 'local':
      // Relative to the stack's directory, so the synthesized JSON is the same on every machine.
      return new LocalBackend(stack, { path: `terraform.${name}.tfstate` });
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
