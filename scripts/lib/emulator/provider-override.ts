/**
 * The override that points a synthesized stack's AWS provider at the emulator. Unlike the offline
 * plan's override it keeps the stack's `assume_role` and `allowed_account_ids`: the provider
 * really assumes each account's deploy role, and moto maps the role's key to that account.
 */

/** Services the stacks (and the provider's own checks) call, as the provider's endpoint keys name them. */
export const EMULATED_SERVICES = [
  'iam',
  'sts',
  'lambda',
  'sfn',
  'scheduler',
  'events',
  'cloudwatch',
  'logs',
  'sns',
  'ecs',
  's3',
  'cloudformation',
  'organizations',
] as const;

/** The runner's own credentials: moto maps an unknown key to its default account, which then assumes each deploy role. */
export const RUNNER_CREDENTIALS = { access_key: 'AKIAEMULATORRUNNER00', secret_key: 'emulator-runner-secret' } as const;

/** Tries per provider call: moto answers a few calls with 500, and the default retries for minutes. */
export const PROVIDER_MAX_RETRIES = 2;

export function emulatorOverride(endpoint: string): object {
  return {
    // The deployed backend (local, S3, Terraform Cloud) is replaced by a local state in the work copy.
    terraform: { backend: { local: { path: 'terraform.tfstate' } } },
    provider: {
      aws: [
        {
          ...RUNNER_CREDENTIALS,
          skip_metadata_api_check: true,
          max_retries: PROVIDER_MAX_RETRIES,
          // The emulator answers on one host: buckets by path, not by subdomain.
          s3_use_path_style: true,
          endpoints: [Object.fromEntries(EMULATED_SERVICES.map((service) => [service, endpoint]))],
        },
      ],
    },
  };
}
