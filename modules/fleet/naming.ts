/** The names a fleet derives from its config: stacks, their Terraform Cloud workspaces, their S3 state keys. */

/** `<fleet>-<accountId>-<region>`: the name of the stack of one account-region. */
export function fleetStackName(fleet: string, accountId: string, region: string): string {
  return `${fleet}-${accountId}-${region}`;
}

/** The Terraform Cloud workspace of a stack: `<workspacePrefix><stack>`. */
export function workspaceName(workspacePrefix: string, stack: string): string {
  return `${workspacePrefix}${stack}`;
}

/** The S3 key of a stack's state: `<keyPrefix>/<stack>/terraform.tfstate`, or `<stack>/terraform.tfstate`. */
export function stateKey(keyPrefix: string | undefined, stack: string): string {
  return `${keyPrefix ? `${keyPrefix}/` : ''}${stack}/terraform.tfstate`;
}
