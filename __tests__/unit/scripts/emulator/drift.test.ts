/** The drift check of the emulator tier: what counts as a change, and which changes the named gaps excuse. */
import { differsWhereKnown, EMULATOR_GAPS, plannedChanges, unexplainedDrift } from '../../../../scripts/lib/emulator/drift';
import type { ResourceChange } from '../../../../scripts/lib/emulator/terraform-stack';

const change = (type: string, actions: string[], before: object | null, after: object | null, after_unknown = {}): ResourceChange => ({
  address: `${type}.x`,
  type,
  change: { actions, before: before as Record<string, unknown>, after: after as Record<string, unknown>, after_unknown },
});

describe('plannedChanges', () => {
  test('no-op and read changes are no drift', () => {
    expect(plannedChanges([change('aws_iam_role', ['no-op'], { a: 1 }, { a: 1 }), change('aws_iam_role', ['read'], null, { a: 1 })])).toEqual([]);
  });

  test('an update lists each top-level attribute that differs, with its values', () => {
    const changes = plannedChanges([change('aws_lambda_function', ['update'], { a: 1, b: [{ c: 'x' }], same: 's' }, { a: 2, b: [{ c: 'y' }], same: 's' })]);
    expect(changes.map(({ attribute, before, after }) => ({ attribute, before, after }))).toEqual([
      { attribute: 'a', before: 1, after: 2 },
      { attribute: 'b', before: [{ c: 'x' }], after: [{ c: 'y' }] },
    ]);
  });

  test('values known only after apply are consequences, not causes: a replacement names what forced it', () => {
    const replaced = change(
      'aws_sfn_state_machine',
      ['delete', 'create'],
      { arn: 'arn:1', type: 'STANDARD', tags: {}, target: [{ arn: 'arn:1', input: 'i' }] },
      { type: 'EXPRESS', tags: null, target: [{ input: 'i' }] },
      { arn: true, target: [{ arn: true }] },
    );
    expect(plannedChanges([replaced]).map((c) => c.attribute)).toEqual(['type']);
  });

  test('a replacement Terraform gives the cause of names the attributes it gives (replace_paths), not what the new resource leaves unset', () => {
    const replaced: ResourceChange = {
      address: 'aws_cloudformation_stack_set.x',
      type: 'aws_cloudformation_stack_set',
      change: {
        actions: ['delete', 'create'],
        before: { auto_deployment: [], managed_execution: [{ active: false }], name: 's' },
        after: { auto_deployment: [{ enabled: true }], managed_execution: [], name: 's' },
        after_unknown: {},
        replace_paths: [['auto_deployment']],
      },
    };
    expect(plannedChanges([replaced]).map((c) => c.attribute)).toEqual(['auto_deployment']);
  });

  test('a known value that disappears, or an array that changes length, is a change', () => {
    expect(differsWhereKnown({ a: 1, b: 2 }, { a: 1 }, {})).toBe(true);
    expect(differsWhereKnown([1], [1, 2], [])).toBe(true);
    expect(differsWhereKnown('', null, undefined)).toBe(false);
  });

  test('creating or deleting a resource is a change of the whole resource', () => {
    expect(plannedChanges([change('aws_iam_role', ['create'], null, { name: 'r' })]).map((c) => c.attribute)).toEqual(['*']);
  });
});

describe('unexplainedDrift', () => {
  test('a named gap excuses its attribute of its resource type only', () => {
    const changes = plannedChanges([
      change('aws_sfn_state_machine', ['delete', 'create'], { type: 'STANDARD' }, { type: 'EXPRESS' }),
      change('aws_lambda_function', ['update'], { type: 'a' }, { type: 'b' }),
    ]);
    expect(unexplainedDrift(changes).map((c) => c.address)).toEqual(['aws_lambda_function.x']);
  });

  test('every gap says why', () => {
    for (const gap of EMULATOR_GAPS) expect(gap.why).toMatch(/moto/);
  });
});
