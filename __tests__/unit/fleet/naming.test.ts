/** Names a fleet derives (stack directories, S3 state keys, Terraform Cloud workspaces): at each limit accepted, one over refused. */
import { ConfigError, validateFleetConfig } from '../../../modules';
import { stackNameProblem, stateKeyProblem } from '../../../modules/fleet/naming';

const STACK = 'ecs-highres-111111111111-us-east-1';

function problemsOf(backend: unknown): readonly string[] {
  try {
    validateFleetConfig({ name: 'ecs-highres', backend, accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['prod'] } } }] });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('S3 state keys', () => {
  // `<prefix>/<stack>/terraform.tfstate`: the prefix, 1, the stack's 34 and 18.
  const prefixOf = (keyLength: number) => 'k'.repeat(keyLength - 1 - STACK.length - 18);
  const s3 = (keyPrefix: string) => ({ type: 's3', bucket: 'acme-state', region: 'us-east-1', keyPrefix });

  test('a key of exactly 1,024 bytes is accepted', () => {
    expect(problemsOf(s3(prefixOf(1024)))).toEqual([]);
  });

  test('a key of 1,025 bytes is refused at backend.keyPrefix with the count and the fix', () => {
    const prefix = prefixOf(1025);
    expect(problemsOf(s3(prefix))).toEqual([
      `backend.keyPrefix: the state key "${prefix}/${STACK}/terraform.tfstate" is 1025 bytes, over S3's 1024: shorten keyPrefix by 1`,
    ]);
  });

  test('bytes, not characters, are counted', () => {
    expect(stateKeyProblem('é'.repeat(490), STACK)).toMatch(/is 1033 bytes, over S3's 1024/);
  });
});

describe('Terraform Cloud workspace names', () => {
  const cloud = (workspacePrefix: string) => ({ type: 'cloud', organization: 'acme', workspacePrefix });
  test('a name of exactly 90 characters is accepted, 91 refused', () => {
    expect(problemsOf(cloud('w'.repeat(90 - STACK.length)))).toEqual([]);
    expect(problemsOf(cloud('w'.repeat(91 - STACK.length)))).toEqual([
      `backend.workspacePrefix: the workspace name "${'w'.repeat(91 - STACK.length)}${STACK}" is 91 characters, over Terraform Cloud's 90: shorten workspacePrefix or the fleet name`,
    ]);
  });
});

describe('stack names (directories of the synth output)', () => {
  test.each([
    ['s'.repeat(255), true],
    ['s'.repeat(256), false],
    ['.hidden', false],
    ['..', false],
    ['a/b', false],
    [STACK, true],
  ])('"%s" accepted: %s', (stack, ok) => {
    expect(stackNameProblem(stack) === undefined).toBe(ok);
  });
});
